// Numbers to text: doubles (Grisu2 with leadq's canonical layout) and integers.
#include <cmath>
#include <cstring>

#include "json_number.h"
#include "leadq/json.h"

namespace leadq {
namespace {

// ---- Double to text: Grisu2 (Loitsch, "Printing Floating-Point Numbers Quickly and
// Accurately with Integers", PLDI 2010), with alpha = -60 and gamma = -32.

// f * 2^e with a 64-bit significand.
struct DiyFp {
  uint64_t f;
  int e;
};

// The upper 64 bits of the 128-bit product, rounded (ties up).
DiyFp Multiply(DiyFp x, DiyFp y) {
  const uint64_t a = x.f >> 32, b = x.f & 0xFFFFFFFFu;
  const uint64_t c = y.f >> 32, d = y.f & 0xFFFFFFFFu;
  const uint64_t ac = a * c, bc = b * c, ad = a * d, bd = b * d;
  const uint64_t middle = (bd >> 32) + (ad & 0xFFFFFFFFu) + (bc & 0xFFFFFFFFu) + (1u << 31);
  return {ac + (ad >> 32) + (bc >> 32) + (middle >> 32), x.e + y.e + 64};
}

DiyFp Normalize(DiyFp x) {
  while ((x.f >> 63) == 0) {
    x.f <<= 1;
    x.e--;
  }
  return x;
}

// Normalised 64-bit significands of 10^k for k = -300, -292, ..., 324, each the exact
// power rounded to nearest; its binary exponent is floor(k log2 10) - 63.
constexpr int kFirstPower = -300;
constexpr int kPowerStep = 8;
constexpr uint64_t kPowers[] = {
    0xAB70FE17C79AC6CA, 0xFF77B1FCBEBCDC4F, 0xBE5691EF416BD60C, 0x8DD01FAD907FFC3C,
    0xD3515C2831559A83, 0x9D71AC8FADA6C9B5, 0xEA9C227723EE8BCB, 0xAECC49914078536D,
    0x823C12795DB6CE57, 0xC21094364DFB5637, 0x9096EA6F3848984F, 0xD77485CB25823AC7,
    0xA086CFCD97BF97F4, 0xEF340A98172AACE5, 0xB23867FB2A35B28E, 0x84C8D4DFD2C63F3B,
    0xC5DD44271AD3CDBA, 0x936B9FCEBB25C996, 0xDBAC6C247D62A584, 0xA3AB66580D5FDAF6,
    0xF3E2F893DEC3F126, 0xB5B5ADA8AAFF80B8, 0x87625F056C7C4A8B, 0xC9BCFF6034C13053,
    0x964E858C91BA2655, 0xDFF9772470297EBD, 0xA6DFBD9FB8E5B88F, 0xF8A95FCF88747D94,
    0xB94470938FA89BCF, 0x8A08F0F8BF0F156B, 0xCDB02555653131B6, 0x993FE2C6D07B7FAC,
    0xE45C10C42A2B3B06, 0xAA242499697392D3, 0xFD87B5F28300CA0E, 0xBCE5086492111AEB,
    0x8CBCCC096F5088CC, 0xD1B71758E219652C, 0x9C40000000000000, 0xE8D4A51000000000,
    0xAD78EBC5AC620000, 0x813F3978F8940984, 0xC097CE7BC90715B3, 0x8F7E32CE7BEA5C70,
    0xD5D238A4ABE98068, 0x9F4F2726179A2245, 0xED63A231D4C4FB27, 0xB0DE65388CC8ADA8,
    0x83C7088E1AAB65DB, 0xC45D1DF942711D9A, 0x924D692CA61BE758, 0xDA01EE641A708DEA,
    0xA26DA3999AEF774A, 0xF209787BB47D6B85, 0xB454E4A179DD1877, 0x865B86925B9BC5C2,
    0xC83553C5C8965D3D, 0x952AB45CFA97A0B3, 0xDE469FBD99A05FE3, 0xA59BC234DB398C25,
    0xF6C69A72A3989F5C, 0xB7DCBF5354E9BECE, 0x88FCF317F22241E2, 0xCC20CE9BD35C78A5,
    0x98165AF37B2153DF, 0xE2A0B5DC971F303A, 0xA8D9D1535CE3B396, 0xFB9B7CD9A4A7443C,
    0xBB764C4CA7A44410, 0x8BAB8EEFB6409C1A, 0xD01FEF10A657842C, 0x9B10A4E5E9913129,
    0xE7109BFBA19C0C9D, 0xAC2820D9623BF429, 0x80444B5E7AA7CF85, 0xBF21E44003ACDD2D,
    0x8E679C2F5E44FF8F, 0xD433179D9C8CB841, 0x9E19DB92B4E31BA9,
};

// floor(x / 2^19) for negative x too.
int FloorShift19(int x) { return x >= 0 ? x >> 19 : -((-x + (1 << 19) - 1) >> 19); }

// The first cached power c = 10^k such that w * c has an exponent of at least -60 (and
// then at most -32, as the powers are at most 27 binary orders apart).
void CachedPower(int e, DiyFp* c, int* k) {
  for (size_t i = 0; i < sizeof(kPowers) / sizeof(kPowers[0]); ++i) {
    *k = kFirstPower + kPowerStep * static_cast<int>(i);
    *c = {kPowers[i], FloorShift19(*k * 1741647) - 63};  // 1741647 / 2^19 ~ log2 10
    if (c->e + e + 64 >= -60) return;
  }
}

// Moves the last digit towards w while the result stays inside the interval.
void Weed(char* digits, int length, uint64_t dist, uint64_t delta, uint64_t rest, uint64_t ten_k) {
  while (rest < dist && delta - rest >= ten_k &&
         (rest + ten_k < dist || dist - rest > rest + ten_k - dist)) {
    digits[length - 1]--;
    rest += ten_k;
  }
}

// Digits of a value inside [minus, plus] (same exponent, -60..-32) close to w;
// the value is digits * 10^*exponent (*exponent is added to).
void GenerateDigits(DiyFp minus, DiyFp w, DiyFp plus, char* digits, int* length, int* exponent) {
  uint64_t delta = plus.f - minus.f;
  uint64_t dist = plus.f - w.f;
  const int shift = -plus.e;
  const uint64_t one = uint64_t{1} << shift;
  uint32_t integral = static_cast<uint32_t>(plus.f >> shift);
  uint64_t fraction = plus.f & (one - 1);
  uint32_t power = 1;
  int count = 1;
  while (count < 10 && integral / power >= 10) {
    power *= 10;
    ++count;
  }
  for (int n = count; n > 0; --n) {
    digits[(*length)++] = static_cast<char>('0' + integral / power);
    integral %= power;
    const uint64_t rest = (uint64_t{integral} << shift) + fraction;
    if (rest <= delta) {
      *exponent += n - 1;
      Weed(digits, *length, dist, delta, rest, uint64_t{power} << shift);
      return;
    }
    power /= 10;
  }
  int m = 0;
  for (;;) {
    fraction *= 10;
    digits[(*length)++] = static_cast<char>('0' + (fraction >> shift));
    fraction &= one - 1;
    ++m;
    delta *= 10;
    dist *= 10;
    if (fraction <= delta) break;
  }
  *exponent -= m;
  Weed(digits, *length, dist, delta, fraction, one);
}

// Grisu2 for a finite positive double: at most 17 digits, value = digits * 10^exponent.
void Grisu2(double value, char* digits, int* length, int* exponent) {
  uint64_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  const uint64_t hidden = uint64_t{1} << 52;
  const uint64_t biased = bits >> 52;
  const uint64_t fraction = bits & (hidden - 1);
  const DiyFp v = biased == 0 ? DiyFp{fraction, -1074}
                              : DiyFp{fraction + hidden, static_cast<int>(biased) - 1075};
  // The boundaries halfway to the neighbours; the lower one is closer at powers of two.
  const DiyFp plus = Normalize({2 * v.f + 1, v.e - 1});
  const DiyFp minus_raw =
      fraction == 0 && biased > 1 ? DiyFp{4 * v.f - 1, v.e - 2} : DiyFp{2 * v.f - 1, v.e - 1};
  const DiyFp minus = {minus_raw.f << (minus_raw.e - plus.e), plus.e};
  DiyFp c;
  int k;
  CachedPower(plus.e, &c, &k);
  const DiyFp w = Multiply(Normalize(v), c);
  DiyFp w_minus = Multiply(minus, c);
  DiyFp w_plus = Multiply(plus, c);
  // The products may be one unit off: keep to the safe inner interval.
  w_minus.f += 1;
  w_plus.f -= 1;
  *length = 0;
  *exponent = -k;
  GenerateDigits(w_minus, w, w_plus, digits, length, exponent);
}

}  // namespace

void AppendJsonDouble(double value, std::string* out) {
  if (!std::isfinite(value)) {
    out->append("null");
    return;
  }
  if (std::signbit(value)) {
    out->push_back('-');
    value = -value;
  }
  if (value == 0) {
    out->append("0.0");
    return;
  }
  char digits[20];
  int length = 0, exponent = 0;
  Grisu2(value, digits, &length, &exponent);
  // value = 0.d1d2...dn * 10^point
  const int point = length + exponent;
  const std::string_view all(digits, static_cast<size_t>(length));
  if (length <= point && point <= 15) {  // 1234500.0
    out->append(all);
    out->append(static_cast<size_t>(point - length), '0');
    out->append(".0");
  } else if (0 < point && point <= 15) {  // 12.345
    out->append(all.substr(0, static_cast<size_t>(point)));
    out->push_back('.');
    out->append(all.substr(static_cast<size_t>(point)));
  } else if (-4 < point && point <= 0) {  // 0.0012345
    out->append("0.");
    out->append(static_cast<size_t>(-point), '0');
    out->append(all);
  } else {  // 1.2345e+20, 1e-07
    out->push_back(digits[0]);
    if (length > 1) {
      out->push_back('.');
      out->append(all.substr(1));
    }
    const int e = point - 1;
    out->append(e < 0 ? "e-" : "e+");
    const int magnitude = e < 0 ? -e : e;
    if (magnitude < 10) out->push_back('0');
    AppendInteger(magnitude, out);
  }
}

void AppendUnsigned(uint64_t value, std::string* out) {
  char buffer[20];
  int length = 0;
  do {
    buffer[length++] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value != 0);
  while (length > 0) out->push_back(buffer[--length]);
}

void AppendInteger(int64_t value, std::string* out) {
  if (value < 0) {
    out->push_back('-');
    AppendUnsigned(0 - static_cast<uint64_t>(value), out);
  } else {
    AppendUnsigned(static_cast<uint64_t>(value), out);
  }
}

}  // namespace leadq

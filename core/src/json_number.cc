// Doubles to text (Grisu2 with leadq's canonical layout) and text to doubles (exact,
// with a small big-integer fallback), integers to text.
#include "json_number.h"

#include <cmath>
#include <cstring>
#include <vector>

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

// ---- Text to double.

// A non-negative big integer, 32-bit limbs, least significant first.
class BigInt {
 public:
  explicit BigInt(uint32_t value = 0) {
    if (value != 0) limbs_.push_back(value);
  }

  // *this = *this * factor + addend
  void MultiplyAdd(uint32_t factor, uint32_t addend) {
    uint64_t carry = addend;
    for (uint32_t& limb : limbs_) {
      const uint64_t product = uint64_t{limb} * factor + carry;
      limb = static_cast<uint32_t>(product);
      carry = product >> 32;
    }
    if (carry != 0) limbs_.push_back(static_cast<uint32_t>(carry));
  }

  void MultiplyPow10(int n) {
    for (; n >= 9; n -= 9) MultiplyAdd(1000000000, 0);
    uint32_t factor = 1;
    while (n-- > 0) factor *= 10;
    MultiplyAdd(factor, 0);
  }

  void ShiftLeft(int bits) {
    if (limbs_.empty() || bits <= 0) return;
    limbs_.insert(limbs_.begin(), static_cast<size_t>(bits / 32), 0u);
    if (bits % 32 == 0) return;
    uint32_t carry = 0;
    for (uint32_t& limb : limbs_) {
      const uint32_t next = limb >> (32 - bits % 32);
      limb = (limb << (bits % 32)) | carry;
      carry = next;
    }
    if (carry != 0) limbs_.push_back(carry);
  }

  int BitLength() const {
    if (limbs_.empty()) return 0;
    int bits = static_cast<int>(limbs_.size() - 1) * 32;
    for (uint32_t top = limbs_.back(); top != 0; top >>= 1) ++bits;
    return bits;
  }

  bool Bit(int index) const {
    const size_t limb = static_cast<size_t>(index / 32);
    return limb < limbs_.size() && ((limbs_[limb] >> (index % 32)) & 1u) != 0;
  }

  bool IsZero() const { return limbs_.empty(); }

  // -1, 0 or 1 as *this is below, equal to or above `other`.
  int Compare(const BigInt& other) const {
    if (limbs_.size() != other.limbs_.size()) return limbs_.size() < other.limbs_.size() ? -1 : 1;
    for (size_t i = limbs_.size(); i-- > 0;) {
      if (limbs_[i] != other.limbs_[i]) return limbs_[i] < other.limbs_[i] ? -1 : 1;
    }
    return 0;
  }

  // *this -= other; requires *this >= other.
  void Subtract(const BigInt& other) {
    int64_t borrow = 0;
    for (size_t i = 0; i < limbs_.size(); ++i) {
      int64_t difference =
          int64_t{limbs_[i]} - borrow - (i < other.limbs_.size() ? other.limbs_[i] : 0);
      borrow = difference < 0 ? 1 : 0;
      limbs_[i] = static_cast<uint32_t>(difference + (borrow << 32));
    }
    while (!limbs_.empty() && limbs_.back() == 0) limbs_.pop_back();
  }

 private:
  std::vector<uint32_t> limbs_;
};

// The double nearest to (q + sticky) * 2^binary_exponent, where `sticky` means "a little
// more than q" (inexact below q's last bit). q != 0.
double RoundToDouble(uint64_t q, int binary_exponent, bool sticky) {
  while ((q >> 63) == 0) {
    q <<= 1;
    --binary_exponent;
  }
  const int leading = binary_exponent + 63;  // exponent of q's top bit
  int kept = leading + 1075;                 // 53 for normal numbers, fewer when subnormal
  if (kept > 53) kept = 53;
  if (kept < 0) return 0.0;
  const int drop = 64 - kept;  // 11..64
  uint64_t mantissa = drop == 64 ? 0 : q >> drop;
  const uint64_t rest = drop == 64 ? q : q & ((uint64_t{1} << drop) - 1);
  const uint64_t half = uint64_t{1} << (drop - 1);
  if (rest > half || (rest == half && (sticky || (mantissa & 1) != 0))) ++mantissa;
  return std::ldexp(static_cast<double>(mantissa), binary_exponent + drop);
}

// The top 64 bits of `value` (nonzero), its binary exponent and whether lower bits are set.
double BigToDouble(const BigInt& value, bool sticky) {
  const int bits = value.BitLength();
  uint64_t q = 0;
  for (int i = 0; i < 64 && i < bits; ++i) q = (q << 1) | (value.Bit(bits - 1 - i) ? 1 : 0);
  for (int i = 0; i < bits - 64 && !sticky; ++i) sticky = value.Bit(i);
  return RoundToDouble(q, bits > 64 ? bits - 64 : 0, sticky);
}

// digits / 10^power10 for power10 > 0: 64 quotient bits by long division.
double QuotientToDouble(BigInt numerator, int power10) {
  BigInt denominator(1);
  denominator.MultiplyPow10(power10);
  // Scale so that denominator <= numerator < 2 * denominator.
  int shift = denominator.BitLength() - numerator.BitLength();
  if (shift > 0) {
    numerator.ShiftLeft(shift);
  } else {
    denominator.ShiftLeft(-shift);
  }
  if (numerator.Compare(denominator) < 0) {
    numerator.ShiftLeft(1);
    ++shift;
  }
  uint64_t q = 0;
  for (int i = 0; i < 64; ++i) {
    q <<= 1;
    if (numerator.Compare(denominator) >= 0) {
      numerator.Subtract(denominator);
      q |= 1;
    }
    numerator.ShiftLeft(1);
  }
  return RoundToDouble(q, -63 - shift, !numerator.IsZero());
}

constexpr double kExactPowers[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                   1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                   1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

// Digits beyond this many cannot change the rounding except as "something nonzero
// follows" (a double's halfway points have at most 767 significant digits).
constexpr int kMaxDigits = 800;

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

double DecimalToDouble(std::string_view text) {
  size_t i = 0;
  const bool negative = !text.empty() && text[0] == '-';
  if (negative) ++i;
  // value = digits * 10^exponent, digits without leading zeros.
  std::string digits;
  int64_t exponent = 0;
  bool dropped_nonzero = false;
  bool in_fraction = false;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '.') {
      in_fraction = true;
      continue;
    }
    if (c < '0' || c > '9') break;
    if (digits.empty() && c == '0') {
      if (in_fraction) --exponent;
      continue;
    }
    if (static_cast<int>(digits.size()) < kMaxDigits) {
      digits.push_back(c);
      if (in_fraction) --exponent;
    } else {
      dropped_nonzero |= c != '0';
      if (!in_fraction) ++exponent;
    }
  }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    const bool negative_exponent = i < text.size() && text[i] == '-';
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
    int64_t value = 0;  // saturates far beyond any exponent that matters
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
      if (value < 1000000000000000) value = value * 10 + (text[i] - '0');
    }
    exponent += negative_exponent ? -value : value;
  }
  const double sign = negative ? -1.0 : 1.0;
  if (digits.empty()) return sign * 0.0;
  if (dropped_nonzero) {  // stands for the digits dropped: above the kept ones, below +1
    digits.push_back('1');
    --exponent;
  }
  const int64_t count = static_cast<int64_t>(digits.size());
  if (count + exponent > 310) return sign * HUGE_VAL;
  if (count + exponent < -330) return sign * 0.0;

  // Exact when the digits and the power of ten are both exact doubles (Clinger).
  if (count <= 15 && exponent >= -22 && exponent <= 22) {
    double value = 0;
    for (char c : digits) value = value * 10 + (c - '0');
    return sign * (exponent < 0 ? value / kExactPowers[-exponent] : value * kExactPowers[exponent]);
  }
  BigInt number;
  for (char c : digits) number.MultiplyAdd(10, static_cast<uint32_t>(c - '0'));
  if (exponent >= 0) {
    number.MultiplyPow10(static_cast<int>(exponent));
    return sign * BigToDouble(number, false);
  }
  return sign * QuotientToDouble(std::move(number), static_cast<int>(-exponent));
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

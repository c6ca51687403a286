// Text to doubles: exact, with a small big-integer fallback for the hard cases.
#include <cmath>
#include <cstring>
#include <vector>

#include "json_number.h"

namespace leadq {
namespace {

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

}  // namespace leadq

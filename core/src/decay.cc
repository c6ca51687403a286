// Half-life decay: factor = 2^(-age / half_life).
#include "decay.h"

#include <cmath>

namespace leadq {

double Exp2NonPositive(double x) {
  if (!(x < 0)) return 1.0;  // also catches NaN
  if (x < -1000) return 0.0;
  // x = n + f with n an integer and f in [0, 1): 2^x = 2^n * e^(f ln 2).
  const double n = std::floor(x);
  const double y = (x - n) * 0.6931471805599453;  // in [0, ln 2)
  // Taylor series of e^y; 22 terms leave an error far below one ulp for y < 0.7.
  double term = 1.0, sum = 1.0;
  for (int k = 1; k <= 22; ++k) {
    term = term * y / k;
    sum += term;
  }
  return std::ldexp(sum, static_cast<int>(n));
}

double DecayFactor(double half_life_days, int64_t age_ms) {
  constexpr double kMillisPerDay = 86400000.0;
  if (!(half_life_days > 0) || age_ms <= 0) return 1.0;
  return Exp2NonPositive(-(static_cast<double>(age_ms) / kMillisPerDay) / half_life_days);
}

}  // namespace leadq

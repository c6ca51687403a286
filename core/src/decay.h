// Time decay of behavioural points, computed with IEEE basic operations only.
//
// std::exp2 comes from each target's libm (glibc natively, musl in WebAssembly) and may
// differ in the last bit; a points value that then rounds differently at 0.01 would break
// byte-identical outcomes. A short series in + and * gives the same double everywhere.
#ifndef LEADQ_CORE_DECAY_H_
#define LEADQ_CORE_DECAY_H_

#include <cstdint>

namespace leadq {

// 2^x for x <= 0, accurate to a few units in the last place and identical on every
// IEEE-754 target. Returns 0 for x below -1000 and 1 for x >= 0.
double Exp2NonPositive(double x);

// The factor (0, 1] that behavioural points keep after `age_ms` with a half-life of
// `half_life_days`; 1 when the half-life is 0 (no decay) or the age is not positive.
double DecayFactor(double half_life_days, int64_t age_ms);

}  // namespace leadq

#endif  // LEADQ_CORE_DECAY_H_

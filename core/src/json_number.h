// Numbers between JSON text and doubles, exactly and identically on every target.
//
// Neither direction uses the C library (strtod, printf): in WebAssembly those pull in
// long-double arithmetic emulated in software, several kilobytes for the widget to
// download, and their results would then depend on each target's libc.
#ifndef LEADQ_CORE_JSON_NUMBER_H_
#define LEADQ_CORE_JSON_NUMBER_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace leadq {

// The double nearest to the decimal `text` (ties to even), which must be a JSON number
// token: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?. Beyond the double range it
// gives an infinity; below the smallest subnormal, a zero of the number's sign.
double DecimalToDouble(std::string_view text);

// Appends the decimal digits of an integer.
void AppendInteger(int64_t value, std::string* out);
void AppendUnsigned(uint64_t value, std::string* out);

}  // namespace leadq

#endif  // LEADQ_CORE_JSON_NUMBER_H_

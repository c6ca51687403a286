// Validation messages shown to visitors, in every language leadq ships (en, nl).
#ifndef LEADQ_CORE_MESSAGES_H_
#define LEADQ_CORE_MESSAGES_H_

#include <string>

namespace leadq {

enum class MessageId {
  kRequired,
  kNotText,
  kTooLong,
  kNotEmail,
  kNotPhone,
  kNotUrl,
  kNotNumber,
  kNotWholeNumber,
  kBelowMin,
  kAboveMax,
  kNotChoice,
  kNotYesNo,
  kConsentRequired,
};

// The message in `language` (English when leadq does not ship that language), with
// "{}" replaced by `argument`.
std::string Message(MessageId id, const std::string& language, const std::string& argument = "");

}  // namespace leadq

#endif  // LEADQ_CORE_MESSAGES_H_

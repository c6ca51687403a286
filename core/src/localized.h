// Choosing the text to show from a LocalizedText.
#ifndef LEADQ_CORE_LOCALIZED_H_
#define LEADQ_CORE_LOCALIZED_H_

#include <string>

#include "leadq/flow.h"

namespace leadq {

// The text in `language`, else in the flow's default language, else any text, else "".
inline std::string Pick(const LocalizedText& text, const std::string& language,
                        const std::string& default_language) {
  if (auto it = text.find(language); it != text.end()) return it->second;
  if (auto it = text.find(default_language); it != text.end()) return it->second;
  return text.empty() ? std::string() : text.begin()->second;
}

}  // namespace leadq

#endif  // LEADQ_CORE_LOCALIZED_H_

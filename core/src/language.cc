// Choosing the flow language for a visitor's requested language.
#include "leadq/conversation.h"

namespace leadq {

std::string ResolveLanguage(const Flow& flow, const std::string& requested) {
  for (const std::string& language : flow.languages) {
    if (language == requested) return language;
  }
  std::string primary = requested.substr(0, requested.find_first_of("-_"));
  for (char& c : primary) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  for (const std::string& language : flow.languages) {
    if (language == primary) return language;
  }
  return flow.default_language;
}

}  // namespace leadq

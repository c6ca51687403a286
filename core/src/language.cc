// Choosing the flow language for a visitor's requested language.
#include <string_view>

#include "leadq/conversation.h"

namespace leadq {
namespace {

// Language tags compare without regard to case (BCP 47): "nl-BE" is "nl-be".
std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

std::string ResolveLanguage(const Flow& flow, const std::string& requested) {
  for (const std::string& language : flow.languages) {
    if (language == requested) return language;
  }
  const std::string wanted = Lower(requested);
  for (const std::string& language : flow.languages) {
    if (Lower(language) == wanted) return language;
  }
  const std::string primary = wanted.substr(0, wanted.find_first_of("-_"));
  for (const std::string& language : flow.languages) {
    if (Lower(language) == primary) return language;
  }
  return flow.default_language;
}

}  // namespace leadq

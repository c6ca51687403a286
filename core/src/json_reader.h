// JsonReader: small, non-throwing accessors for untrusted JSON that record a problem
// (path + message) for every missing or mistyped member instead of failing fast.
#ifndef LEADQ_CORE_JSON_READER_H_
#define LEADQ_CORE_JSON_READER_H_

#include <string>
#include <vector>

#include "leadq/flow.h"
#include "leadq/flow_decoder.h"

namespace leadq {

// Appends "/key" to a JSON pointer, escaping '~' and '/' as RFC 6901 requires.
std::string JoinPath(const std::string& base, const std::string& key);
std::string JoinPath(const std::string& base, size_t index);

class JsonReader {
 public:
  explicit JsonReader(std::vector<FlowProblem>* problems) : problems_(problems) {}

  void Problem(const std::string& path, const std::string& message) {
    problems_->push_back({path, message});
  }

  // The member `key` of `object`, or nullptr (recording a problem when `required`).
  const Json* Member(const Json& object, const char* key, const std::string& path, bool required);

  // Typed reads: return `fallback` and record a problem when present but mistyped, or
  // absent and required.
  std::string String(const Json& object, const char* key, const std::string& path, bool required,
                     const std::string& fallback = "");
  double Number(const Json& object, const char* key, const std::string& path, bool required,
                double fallback = 0);
  long long Integer(const Json& object, const char* key, const std::string& path, bool required,
                    long long fallback = 0);
  bool Bool(const Json& object, const char* key, const std::string& path, bool fallback);

  // Text given either as a plain string (the default language) or as {"en": "...", ...}.
  LocalizedText Text(const Json& object, const char* key, const std::string& path, bool required,
                     const std::string& default_language);

 private:
  std::vector<FlowProblem>* problems_;
};

}  // namespace leadq

#endif  // LEADQ_CORE_JSON_READER_H_

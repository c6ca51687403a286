// JsonReader: small, non-throwing accessors for untrusted JSON that record a problem
// (path + message) for every missing or mistyped member instead of failing fast.
#ifndef LEADQ_CORE_JSON_READER_H_
#define LEADQ_CORE_JSON_READER_H_

#include <initializer_list>
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

  // Whether a problem was recorded at `path`, at a member below it or at an object above
  // it (a missing "/lead_definition" is a problem above "/lead_definition/grades"). A
  // check derived from values there says nothing new when they are already wrong.
  bool ReportedNear(const std::string& path) const;

  // The member `key` of `object`, or nullptr (recording a problem when `required`).
  const JsonValue* Member(const JsonValue& object, const char* key, const std::string& path,
                          bool required);

  // Typed reads: return `fallback` and record a problem when present but mistyped, or
  // absent and required.
  std::string String(const JsonValue& object, const char* key, const std::string& path,
                     bool required, const std::string& fallback = "");
  double Number(const JsonValue& object, const char* key, const std::string& path, bool required,
                double fallback = 0);
  long long Integer(const JsonValue& object, const char* key, const std::string& path,
                    bool required, long long fallback = 0);
  // As Number/Integer, and also records a problem (and returns `fallback`) when the value
  // lies outside [min, max].
  double NumberIn(const JsonValue& object, const char* key, const std::string& path, bool required,
                  double fallback, double min, double max);
  long long IntegerIn(const JsonValue& object, const char* key, const std::string& path,
                      bool required, long long fallback, long long min, long long max);
  // A string that must not be empty when present.
  std::string Name(const JsonValue& object, const char* key, const std::string& path,
                   bool required);
  // Records an "unknown member" problem for every key of `object` not in `allowed`, so
  // that a misspelt member ("show_iff") is reported instead of silently ignored.
  void OnlyMembers(const JsonValue& object, const std::string& path,
                   std::initializer_list<const char*> allowed);
  void OnlyMembers(const JsonValue& object, const std::string& path,
                   const std::vector<const char*>& allowed);
  bool Bool(const JsonValue& object, const char* key, const std::string& path, bool fallback);

  // Text given either as a plain string (the default language) or as {"en": "...", ...}.
  LocalizedText Text(const JsonValue& object, const char* key, const std::string& path,
                     bool required, const std::string& default_language);

 private:
  std::vector<FlowProblem>* problems_;
};

}  // namespace leadq

#endif  // LEADQ_CORE_JSON_READER_H_

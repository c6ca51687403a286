// Internal pieces of the flow decoder, one file each: conditions, steps, the lead
// definition, and the whole-flow consistency checks.
#ifndef LEADQ_CORE_DECODING_H_
#define LEADQ_CORE_DECODING_H_

#include <map>
#include <string>
#include <vector>

#include "json_reader.h"
#include "leadq/flow.h"

namespace leadq {

// The flow's named conditions ("conditions": {name: condition}). Each is decoded once,
// with problems reported at its own path; {"ref": name} anywhere else is a copy of the
// decoded one. References between named conditions resolve in any order; a cycle, or
// an expansion too large to evaluate cheaply, is a problem.
class ConditionLibrary {
 public:
  ConditionLibrary() = default;
  // Decodes every member of `conditions` (nullptr: the flow has none).
  ConditionLibrary(JsonReader& reader, const JsonValue* conditions);

  // The named condition `name`, decoded (nullptr when there is none).
  const Condition* Resolve(JsonReader& reader, const std::string& name, const std::string& path);

  const std::map<std::string, Condition>& decoded() const { return decoded_; }

 private:
  std::map<std::string, const JsonValue*> source_;
  std::map<std::string, Condition> decoded_;
  std::vector<std::string> decoding_;  // the chain being decoded, for cycles
};

// Decodes a condition; an absent member (`json` == nullptr) is kAlways.
Condition DecodeCondition(JsonReader& reader, ConditionLibrary& library, const JsonValue* json,
                          const std::string& path);
// The same, for a condition that may not refer to named conditions.
Condition DecodeCondition(JsonReader& reader, const JsonValue* json, const std::string& path);

Step DecodeStep(JsonReader& reader, ConditionLibrary& library, const JsonValue& json,
                const std::string& path, const std::string& default_language);

LeadDefinition DecodeLeadDefinition(JsonReader& reader, ConditionLibrary& library,
                                    const JsonValue& json, const std::string& path,
                                    const std::string& default_language);

// Cross-references, reachability, translations, thresholds, operand types.
void CheckFlow(JsonReader& reader, const Flow& flow, const JsonValue& document);

bool ParseInputType(const std::string& name, InputType* type);
bool ParseCategory(const std::string& name, Category* category);

}  // namespace leadq

#endif  // LEADQ_CORE_DECODING_H_

// Internal pieces of the flow decoder, one file each: conditions, steps, the lead
// definition, and the whole-flow consistency checks.
#ifndef LEADQ_CORE_DECODING_H_
#define LEADQ_CORE_DECODING_H_

#include <string>

#include "json_reader.h"
#include "leadq/flow.h"

namespace leadq {

// Decodes a condition; an absent member (`json` == nullptr) is kAlways.
Condition DecodeCondition(JsonReader& reader, const JsonValue* json, const std::string& path);

Step DecodeStep(JsonReader& reader, const JsonValue& json, const std::string& path,
                const std::string& default_language);

LeadDefinition DecodeLeadDefinition(JsonReader& reader, const JsonValue& json,
                                    const std::string& path, const std::string& default_language);

// Cross-references, reachability, translations, thresholds, operand types.
void CheckFlow(JsonReader& reader, const Flow& flow, const JsonValue& document);

bool ParseInputType(const std::string& name, InputType* type);
bool ParseCategory(const std::string& name, Category* category);

}  // namespace leadq

#endif  // LEADQ_CORE_DECODING_H_

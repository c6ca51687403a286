// Validating and normalising one answer against its question's type and rules.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <optional>
#include <set>

#include "condition_types.h"
#include "leadq/conversation.h"
#include "messages.h"

namespace leadq {
namespace {

constexpr int kShortTextMax = 200;
constexpr int kLongTextMax = 5000;

std::string Trim(const std::string& text) {
  const auto not_space = [](unsigned char c) { return !std::isspace(c); };
  auto begin = std::find_if(text.begin(), text.end(), not_space);
  auto end = std::find_if(text.rbegin(), text.rend(), not_space).base();
  return begin < end ? std::string(begin, end) : std::string();
}

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string FormatNumber(double value) {
  if (std::floor(value) == value && std::fabs(value) < 1e15) {
    return JsonValue(static_cast<int64_t>(value)).Dump();
  }
  return JsonValue(value).Dump();
}

// Counts UTF-8 code points, so that a limit means characters, not bytes.
size_t CharacterCount(const std::string& text) {
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

bool IsHostname(const std::string& host) {
  if (host.empty() || host.size() > 253 || host.find('.') == std::string::npos) return false;
  if (host.front() == '.' || host.back() == '.' || host.find("..") != std::string::npos)
    return false;
  return std::all_of(host.begin(), host.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '-' || c == '.' || c >= 0x80;
  });
}

bool IsEmail(const std::string& email) {
  const size_t at = email.find('@');
  if (at == std::string::npos || at == 0 || email.find('@', at + 1) != std::string::npos)
    return false;
  if (email.size() > 254) return false;
  const std::string local = email.substr(0, at);
  if (std::any_of(local.begin(), local.end(),
                  [](unsigned char c) { return std::isspace(c) || c < 0x20; })) {
    return false;
  }
  return IsHostname(email.substr(at + 1));
}

// "https://www.Example.com/contact" -> "example.com"; "" when it is no domain.
std::string DomainOf(const std::string& input) {
  std::string text = Lower(input);
  const size_t scheme = text.find("://");
  if (scheme != std::string::npos) text = text.substr(scheme + 3);
  text = text.substr(0, text.find_first_of("/?#"));
  text = text.substr(0, text.find(':'));
  if (text.rfind("www.", 0) == 0) text = text.substr(4);
  return IsHostname(text) ? text : std::string();
}

// Keeps a leading '+' and the digits; "" when it cannot be a phone number.
std::string NormalisePhone(const std::string& input) {
  std::string digits;
  for (size_t i = 0; i < input.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(input[i]);
    if (std::isdigit(c)) {
      digits += static_cast<char>(c);
    } else if (c == '+' && digits.empty() && i == input.find_first_not_of(' ')) {
      digits += '+';
    } else if (c != ' ' && c != '-' && c != '(' && c != ')' && c != '.') {
      return "";
    }
  }
  const size_t count = digits.size() - (digits.rfind('+', 0) == 0 ? 1 : 0);
  return count >= 6 && count <= 15 ? digits : "";
}

bool IsEmpty(const JsonValue& value) {
  return value.is_null() || (value.is_string() && Trim(value.as_string()).empty()) ||
         (value.is_array() && value.empty());
}

bool IsChoice(const Step& step, const JsonValue& value) {
  return value.is_string() &&
         std::any_of(step.choices.begin(), step.choices.end(),
                     [&](const Choice& c) { return c.value == value.as_string(); });
}

Result<JsonValue> Invalid(MessageId id, const std::string& language,
                          const std::string& argument = "") {
  return Status::InvalidAnswer(Message(id, language, argument), "/value");
}

Result<JsonValue> CheckText(const Step& step, const JsonValue& value, const std::string& language) {
  if (!value.is_string()) return Invalid(MessageId::kNotText, language);
  const std::string text = Trim(value.as_string());
  const int limit = TextLimit(step);
  if (CharacterCount(text) > static_cast<size_t>(limit)) {
    return Invalid(MessageId::kTooLong, language, JsonValue(limit).Dump());
  }
  return JsonValue(text);
}

Result<JsonValue> CheckNumber(const Step& step, const JsonValue& value, const std::string& language,
                              bool integer) {
  double number = 0;
  if (value.is_number()) {
    number = value.as_double();
  } else if (value.is_string()) {
    const std::string text = Trim(value.as_string());
    const bool number_like =
        !text.empty() && text.size() <= 40 && std::all_of(text.begin(), text.end(), [](char c) {
          return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
        });
    if (!number_like) return Invalid(MessageId::kNotNumber, language);
    JsonValue parsed;
    std::string error;
    if (!ParseJson(text, &parsed, &error) || !parsed.is_number())
      return Invalid(MessageId::kNotNumber, language);
    number = parsed.as_double();
  } else {
    return Invalid(MessageId::kNotNumber, language);
  }
  if (!std::isfinite(number)) return Invalid(MessageId::kNotNumber, language);
  if (integer && std::floor(number) != number) return Invalid(MessageId::kNotWholeNumber, language);
  if (step.has_min && number < step.min)
    return Invalid(MessageId::kBelowMin, language, FormatNumber(step.min));
  if (step.has_max && number > step.max)
    return Invalid(MessageId::kAboveMax, language, FormatNumber(step.max));
  if (std::floor(number) == number && std::fabs(number) < 9e15)
    return JsonValue(static_cast<int64_t>(number));
  return JsonValue(number);
}

// An amount a visitor typed for a money_range ("12000", "€ 250,000", "1.5m", "40k",
// "250.000"): spaces, ',' and '\'' separate digit groups; '.' does too when it is
// followed by groups of exactly three digits and no k/m ("250.000", "1.250.000"), and is
// the decimal point otherwise ("1.5m", "99.95"). nullopt when the text is no amount.
std::optional<double> TypedAmount(const JsonValue& value) {
  if (value.is_number()) return value.as_double();
  if (!value.is_string() || value.as_string().size() > 40) return std::nullopt;
  const std::string text = Lower(Trim(value.as_string()));
  std::string digits;  // digits and dots
  double scale = 1;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if ((c >= '0' && c <= '9') || c == '.') {
      if (scale != 1) return std::nullopt;  // digits after the suffix
      digits += c;
    } else if ((c == 'k' || c == 'm') && !digits.empty() && scale == 1) {
      scale = c == 'k' ? 1e3 : 1e6;
    } else if (c == ',' || c == ' ' || c == '\'' || c == '$') {
      continue;
    } else if (text.compare(i, 3, "\xe2\x82\xac") == 0) {  // €
      i += 2;
    } else if (text.compare(i, 2, "\xc2\xa3") == 0) {  // £
      i += 1;
    } else {
      return std::nullopt;
    }
  }
  const size_t dots = static_cast<size_t>(std::count(digits.begin(), digits.end(), '.'));
  bool grouping = dots > 0 && scale == 1;
  for (size_t at = digits.find('.'); grouping && at != std::string::npos;
       at = digits.find('.', at + 1)) {
    const size_t next = std::min(digits.find('.', at + 1), digits.size());
    grouping = at > 0 && next - at - 1 == 3;
  }
  if (grouping) digits.erase(std::remove(digits.begin(), digits.end(), '.'), digits.end());
  if (digits.empty() || (!grouping && dots > 1) || digits.front() == '.' || digits.back() == '.') {
    return std::nullopt;
  }
  while (digits.size() > 1 && digits[0] == '0' && digits[1] != '.') digits.erase(0, 1);
  JsonValue parsed;
  std::string error;
  if (!ParseJson(digits, &parsed, &error) || !parsed.is_number()) return std::nullopt;
  return parsed.as_double() * scale;
}

Result<JsonValue> CheckByType(const Step& step, const JsonValue& value,
                              const std::string& language) {
  switch (step.input) {
    case InputType::kShortText:
    case InputType::kLongText:
      return CheckText(step, value, language);
    case InputType::kEmail: {
      if (!value.is_string()) return Invalid(MessageId::kNotEmail, language);
      const std::string email = Lower(Trim(value.as_string()));
      if (!IsEmail(email)) return Invalid(MessageId::kNotEmail, language);
      return JsonValue(email);
    }
    case InputType::kPhone: {
      const std::string phone = value.is_string() ? NormalisePhone(Trim(value.as_string())) : "";
      if (phone.empty()) return Invalid(MessageId::kNotPhone, language);
      return JsonValue(phone);
    }
    case InputType::kUrl: {
      const std::string domain = value.is_string() && value.as_string().size() <= 2048
                                     ? DomainOf(Trim(value.as_string()))
                                     : "";
      if (domain.empty()) return Invalid(MessageId::kNotUrl, language);
      return JsonValue(domain);
    }
    case InputType::kNumber:
      return CheckNumber(step, value, language, false);
    case InputType::kScale:
      return CheckNumber(step, value, language, true);
    case InputType::kMoneyRange: {
      if (IsChoice(step, value)) return value;
      const std::optional<double> amount = TypedAmount(value);
      const Choice* band = amount && std::isfinite(*amount) ? BandFor(step, *amount) : nullptr;
      if (band == nullptr) return Invalid(MessageId::kNotChoice, language);
      return JsonValue(band->value);
    }
    case InputType::kSingleChoice:
    case InputType::kTimeframe:
      if (!IsChoice(step, value)) return Invalid(MessageId::kNotChoice, language);
      return value;
    case InputType::kMultipleChoice: {
      if (!value.is_array()) return Invalid(MessageId::kNotChoice, language);
      std::set<std::string> seen;
      JsonValue picked = JsonValue::MakeArray();
      for (const Choice& choice : step.choices) {  // normalised to the flow's order
        for (const JsonValue& item : value.items()) {
          if (!IsChoice(step, item)) return Invalid(MessageId::kNotChoice, language);
          if (item.as_string() == choice.value && seen.insert(choice.value).second) {
            picked.PushBack(choice.value);
          }
        }
      }
      return picked;
    }
    case InputType::kYesNo:
      if (value.is_bool()) return value;
      if (value.as_string() == "yes" || value.as_string() == "ja") return JsonValue(true);
      if (value.as_string() == "no" || value.as_string() == "nee") return JsonValue(false);
      return Invalid(MessageId::kNotYesNo, language);
    case InputType::kConsent:
      if (!value.is_bool()) return Invalid(MessageId::kConsentRequired, language);
      if (step.required && !value.as_bool()) return Invalid(MessageId::kConsentRequired, language);
      return value;
  }
  return Invalid(MessageId::kRequired, language);
}

}  // namespace

int TextLimit(const Step& step) {
  if (step.max_length > 0) return step.max_length;
  return step.input == InputType::kLongText ? kLongTextMax : kShortTextMax;
}

Result<JsonValue> CheckAnswer(const Flow& flow, const std::string& step_id, const JsonValue& value,
                              const std::string& language) {
  const int index = flow.StepIndex(step_id);
  if (index < 0 || flow.steps[index].kind != Step::Kind::kQuestion) {
    return Status::NotFound("no question with id \"" + step_id + "\"", "/step");
  }
  const Step& step = flow.steps[index];
  if (IsEmpty(value)) {
    if (step.required) return Invalid(MessageId::kRequired, language);
    return JsonValue();
  }
  return CheckByType(step, value, language);
}

}  // namespace leadq

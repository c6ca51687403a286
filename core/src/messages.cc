// The message catalogue for answer validation.
#include "messages.h"

namespace leadq {
namespace {

struct Entry {
  MessageId id;
  const char* en;
  const char* nl;
};

constexpr Entry kCatalogue[] = {
    {MessageId::kRequired, "Please answer this question.", "Beantwoord deze vraag alstublieft."},
    {MessageId::kNotText, "Please type your answer.", "Typ uw antwoord alstublieft."},
    {MessageId::kTooLong, "Please use at most {} characters.", "Gebruik hoogstens {} tekens."},
    {MessageId::kNotEmail, "Please enter a valid e-mail address.",
     "Vul een geldig e-mailadres in."},
    {MessageId::kNotPhone, "Please enter a valid phone number.",
     "Vul een geldig telefoonnummer in."},
    {MessageId::kNotUrl, "Please enter a website or company domain, like example.com.",
     "Vul een website of bedrijfsdomein in, zoals voorbeeld.nl."},
    {MessageId::kNotNumber, "Please enter a number.", "Vul een getal in."},
    {MessageId::kNotWholeNumber, "Please enter a whole number.", "Vul een heel getal in."},
    {MessageId::kBelowMin, "Please enter at least {}.", "Vul minstens {} in."},
    {MessageId::kAboveMax, "Please enter at most {}.", "Vul hoogstens {} in."},
    {MessageId::kNotChoice, "Please pick one of the options.", "Kies een van de opties."},
    {MessageId::kNotYesNo, "Please answer yes or no.", "Antwoord met ja of nee."},
    {MessageId::kConsentRequired, "Please give your consent to continue.",
     "Geef uw toestemming om verder te gaan."},
};

}  // namespace

std::string Message(MessageId id, const std::string& language, const std::string& argument) {
  std::string text;
  for (const Entry& entry : kCatalogue) {
    if (entry.id == id) text = language == "nl" ? entry.nl : entry.en;
  }
  const size_t at = text.find("{}");
  if (at != std::string::npos) text.replace(at, 2, argument);
  return text;
}

}  // namespace leadq

// Writing a JsonValue as its canonical compact text.
#include "json_number.h"
#include "leadq/json.h"

namespace leadq {
namespace {

// The length of a well-formed UTF-8 sequence starting at text[i] (Unicode table 3-7),
// or 0 when the bytes there are not one. `*bad` is how many bytes the ill-formed start
// spans before the byte that breaks it (so that byte is read again as a new start).
size_t SequenceLength(const std::string& text, size_t i, size_t* bad) {
  const unsigned char lead = static_cast<unsigned char>(text[i]);
  size_t length;
  unsigned char low = 0x80, high = 0xBF;
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    *bad = 1;
    return 0;
  }
  for (size_t k = 1; k < length; ++k) {
    if (i + k >= text.size()) {  // cut short by the end of the text
      *bad = k;
      return 0;
    }
    const unsigned char c = static_cast<unsigned char>(text[i + k]);
    if (c < low || c > high) {
      *bad = k;
      return 0;
    }
    low = 0x80;
    high = 0xBF;
  }
  return length;
}

// A JSON string literal. Control characters are escaped (\n, \u001f, ...); every
// ill-formed UTF-8 sequence (its longest well-formed start) becomes one U+FFFD.
void AppendString(const std::string& text, std::string* out) {
  static const char kHex[] = "0123456789abcdef";
  out->push_back('"');
  size_t i = 0;
  while (i < text.size()) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      size_t bad = 0;
      const size_t length = SequenceLength(text, i, &bad);
      if (length == 0) {
        out->append("\xEF\xBF\xBD");
        i += bad;
      } else {
        out->append(text, i, length);
        i += length;
      }
      continue;
    }
    ++i;
    if (c == '"' || c == '\\') {
      out->push_back('\\');
      out->push_back(static_cast<char>(c));
    } else if (c >= 0x20) {
      out->push_back(static_cast<char>(c));
    } else if (c == '\b') {
      out->append("\\b");
    } else if (c == '\t') {
      out->append("\\t");
    } else if (c == '\n') {
      out->append("\\n");
    } else if (c == '\f') {
      out->append("\\f");
    } else if (c == '\r') {
      out->append("\\r");
    } else {
      out->append("\\u00");
      out->push_back(kHex[c >> 4]);
      out->push_back(kHex[c & 15]);
    }
  }
  out->push_back('"');
}

}  // namespace

void JsonValue::DumpTo(std::string* out) const {
  switch (type_) {
    case Type::kNull:
      out->append("null");
      break;
    case Type::kBool:
      out->append(bool_ ? "true" : "false");
      break;
    case Type::kInteger:
      AppendInteger(integer_, out);
      break;
    case Type::kUnsigned:
      AppendUnsigned(unsigned_, out);
      break;
    case Type::kDouble:
      AppendJsonDouble(double_, out);
      break;
    case Type::kString:
      AppendString(*string_, out);
      break;
    case Type::kArray:
      out->push_back('[');
      for (size_t i = 0; i < array_->size(); ++i) {
        if (i > 0) out->push_back(',');
        (*array_)[i].DumpTo(out);
      }
      out->push_back(']');
      break;
    case Type::kObject:
      out->push_back('{');
      for (size_t i = 0; i < object_->size(); ++i) {
        if (i > 0) out->push_back(',');
        AppendString((*object_)[i].first, out);
        out->push_back(':');
        (*object_)[i].second.DumpTo(out);
      }
      out->push_back('}');
      break;
  }
}

std::string JsonValue::Dump() const {
  std::string out;
  DumpTo(&out);
  return out;
}

}  // namespace leadq

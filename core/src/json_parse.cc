// Parsing JSON text: a depth pre-scan, then a recursive descent that the pre-scan keeps
// within kMaxJsonDepth levels. Strict RFC 8259 with UTF-8 validated byte by byte; what it
// accepts and refuses is what leadq has always accepted and refused (nlohmann/json's
// strict parser), so stored flows and requests read the same as before.
#include <cmath>
#include <string>

#include "json_number.h"
#include "leadq/json.h"
#include "sort.h"

namespace leadq {
namespace {

// The deepest nesting of arrays and objects in `text`, ignoring brackets inside strings.
// Stops counting once `limit` is exceeded.
int NestingDepth(std::string_view text, int limit) {
  int depth = 0, deepest = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return deepest;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void AppendUtf8(uint32_t code_point, std::string* out) {
  if (code_point < 0x80) {
    out->push_back(static_cast<char>(code_point));
  } else if (code_point < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (code_point >> 6)));
    out->push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else if (code_point < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (code_point >> 12)));
    out->push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (code_point >> 18)));
    out->push_back(static_cast<char>(0x80 | ((code_point >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  }
}

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  bool Document(JsonValue* out) {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
    if (!Value(out, 0)) return false;
    SkipWhitespace();
    return Peek() == '\0';  // the end, or a NUL byte, which ends the text
  }

  // Where the parse stopped: the byte that could not be read.
  size_t position() const { return pos_; }

 private:
  // The current byte, or '\0' at the end.
  char Peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }

  bool Consume(char c) {
    if (Peek() != c || pos_ >= text_.size()) return false;
    ++pos_;
    return true;
  }

  bool Literal(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }

  void SkipWhitespace() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' ||
                                   text_[pos_] == '\n' || text_[pos_] == '\r')) {
      ++pos_;
    }
  }

  // `depth`: the number of arrays and objects around the value.
  bool Value(JsonValue* out, int depth) {
    SkipWhitespace();
    switch (Peek()) {
      case '{':
        return depth < kMaxJsonDepth && Object(out, depth + 1);
      case '[':
        return depth < kMaxJsonDepth && Array(out, depth + 1);
      case '"': {
        std::string text;
        if (!String(&text)) return false;
        *out = JsonValue(std::move(text));
        return true;
      }
      case 't':
        *out = JsonValue(true);
        return Literal("true");
      case 'f':
        *out = JsonValue(false);
        return Literal("false");
      case 'n':
        *out = JsonValue();
        return Literal("null");
      default:
        return Number(out);
    }
  }

  bool Array(JsonValue* out, int depth) {
    ++pos_;  // '['
    JsonValue::Array items;
    SkipWhitespace();
    if (!Consume(']')) {
      do {
        items.emplace_back();
        if (!Value(&items.back(), depth)) return false;
        SkipWhitespace();
      } while (Consume(','));
      if (!Consume(']')) return false;
    }
    *out = JsonValue(std::move(items));
    return true;
  }

  bool Object(JsonValue* out, int depth) {
    ++pos_;  // '{'
    JsonValue::Object members;
    SkipWhitespace();
    if (!Consume('}')) {
      do {
        SkipWhitespace();
        members.emplace_back();
        if (Peek() != '"' || !String(&members.back().first)) return false;
        SkipWhitespace();
        if (!Consume(':') || !Value(&members.back().second, depth)) return false;
        SkipWhitespace();
      } while (Consume(','));
      if (!Consume('}')) return false;
    }
    // Sorted by key; of duplicate keys the last one counts.
    StableSort<JsonValue::Member>(
        &members,
        [](const JsonValue::Member& a, const JsonValue::Member& b) { return a.first < b.first; });
    JsonValue object = JsonValue::MakeObject();
    for (size_t i = 0; i < members.size(); ++i) {
      if (i + 1 < members.size() && members[i + 1].first == members[i].first) continue;
      object.Set(std::move(members[i].first), std::move(members[i].second));
    }
    *out = std::move(object);
    return true;
  }

  // Four hex digits after "\u".
  bool Hex4(uint32_t* value) {
    if (pos_ + 4 > text_.size()) return false;
    *value = 0;
    for (int k = 0; k < 4; ++k) {
      const int digit = HexValue(text_[pos_++]);
      if (digit < 0) return false;
      *value = *value * 16 + static_cast<uint32_t>(digit);
    }
    return true;
  }

  bool Escape(std::string* out) {
    const char c = text_[pos_++];
    switch (c) {
      case '"':
      case '\\':
      case '/':
        out->push_back(c);
        return true;
      case 'b':
        out->push_back('\b');
        return true;
      case 'f':
        out->push_back('\f');
        return true;
      case 'n':
        out->push_back('\n');
        return true;
      case 'r':
        out->push_back('\r');
        return true;
      case 't':
        out->push_back('\t');
        return true;
      case 'u':
        break;
      default:
        return false;
    }
    uint32_t code_point;
    if (!Hex4(&code_point)) return false;
    if (code_point >= 0xDC00 && code_point <= 0xDFFF) return false;  // a lone low surrogate
    if (code_point >= 0xD800 && code_point <= 0xDBFF) {
      uint32_t low;
      if (!Literal("\\u") || !Hex4(&low) || low < 0xDC00 || low > 0xDFFF) return false;
      code_point = 0x10000 + ((code_point - 0xD800) << 10) + (low - 0xDC00);
    }
    AppendUtf8(code_point, out);
    return true;
  }

  // A well-formed UTF-8 sequence of two to four bytes (Unicode table 3-7), copied.
  bool Utf8(std::string* out) {
    const unsigned char lead = static_cast<unsigned char>(text_[pos_]);
    int continuation;
    unsigned char low = 0x80, high = 0xBF;  // the range of the second byte
    if (lead >= 0xC2 && lead <= 0xDF) {
      continuation = 1;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      continuation = 2;
      if (lead == 0xE0) low = 0xA0;
      if (lead == 0xED) high = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      continuation = 3;
      if (lead == 0xF0) low = 0x90;
      if (lead == 0xF4) high = 0x8F;
    } else {
      return false;
    }
    if (pos_ + continuation >= text_.size()) return false;
    for (int k = 1; k <= continuation; ++k) {
      const unsigned char c = static_cast<unsigned char>(text_[pos_ + k]);
      if (c < low || c > high) return false;
      low = 0x80;
      high = 0xBF;
    }
    out->append(text_.substr(pos_, static_cast<size_t>(continuation) + 1));
    pos_ += static_cast<size_t>(continuation) + 1;
    return true;
  }

  bool String(std::string* out) {
    ++pos_;  // '"'
    while (pos_ < text_.size()) {
      const unsigned char c = static_cast<unsigned char>(text_[pos_]);
      if (c == '"') {
        ++pos_;
        return true;
      }
      if (c == '\\') {
        ++pos_;
        if (pos_ >= text_.size() || !Escape(out)) return false;
      } else if (c < 0x20) {
        return false;  // control characters must be escaped
      } else if (c < 0x80) {
        out->push_back(static_cast<char>(c));
        ++pos_;
      } else if (!Utf8(out)) {
        return false;
      }
    }
    return false;  // unterminated
  }

  bool Digits() {
    const size_t start = pos_;
    while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') ++pos_;
    return pos_ > start;
  }

  bool Number(JsonValue* out) {
    const size_t start = pos_;
    const bool negative = Consume('-');
    if (Peek() == '0') {
      ++pos_;
    } else if (Peek() < '1' || Peek() > '9' || !Digits()) {
      return false;
    }
    bool integral = true;
    if (Consume('.')) {
      if (!Digits()) return false;
      integral = false;
    }
    if (Consume('e') || Consume('E')) {
      if (!Consume('+')) Consume('-');
      if (!Digits()) return false;
      integral = false;
    }
    const std::string_view token = text_.substr(start, pos_ - start);
    if (integral) {
      // Integers stay exact when they fit 64 bits (signed when negative).
      uint64_t magnitude = 0;
      bool fits = true;
      for (char c : token.substr(negative ? 1 : 0)) {
        const uint64_t digit = static_cast<uint64_t>(c - '0');
        if (magnitude > (UINT64_MAX - digit) / 10) fits = false;
        magnitude = magnitude * 10 + digit;
      }
      if (fits && !negative) {
        *out = JsonValue(magnitude);
        return true;
      }
      if (fits && magnitude <= uint64_t{1} << 63) {
        *out = JsonValue(static_cast<int64_t>(0 - magnitude));
        return true;
      }
    }
    const double value = DecimalToDouble(token);
    if (!std::isfinite(value)) return false;  // beyond the double range
    *out = JsonValue(value);
    return true;
  }

  std::string_view text_;
  size_t pos_ = 0;
};

// "line L, column C" of byte `offset`, both from 1, columns in characters (UTF-8 code
// points), as editors count them.
std::string LineAndColumn(std::string_view text, size_t offset) {
  size_t line = 1;
  size_t column = 1;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++line;
      column = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++column;  // not a continuation byte: a new character
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

}  // namespace

bool ParseJson(std::string_view text, JsonValue* out, std::string* error) {
  if (NestingDepth(text, kMaxJsonDepth) > kMaxJsonDepth) {
    *error = "nests deeper than 64 levels";
    return false;
  }
  JsonValue parsed;
  Parser parser(text);
  if (!parser.Document(&parsed)) {
    *error = "is not valid JSON (" + LineAndColumn(text, parser.position()) + ")";
    return false;
  }
  *out = std::move(parsed);
  return true;
}

}  // namespace leadq

// JsonValue: the core's own JSON value, its parser and its serialiser.
//
// The core reads requests and flows as JSON and answers in JSON, in the browser
// (WebAssembly, where every byte is downloaded) and natively. This type holds exactly what
// the engine needs and no more: null, booleans, integers (int64, and uint64 above the
// int64 range, as JSON text may hold), doubles, UTF-8 strings, arrays and objects.
//
// Objects keep their members sorted by key (byte order) with unique keys, so a value has
// one canonical text: compact, keys sorted, integers as integers, doubles in a short
// round-trip form ("0.1", "1e+20", "2.0"), strings escaped as RFC 8259 requires and
// invalid UTF-8 replaced by U+FFFD. That text is the one leadq has always produced
// (tests compare it byte for byte with nlohmann/json's dump), natively and in wasm alike.
//
// Nothing here throws or aborts: accessors of the wrong type give an empty value.
#ifndef LEADQ_JSON_H_
#define LEADQ_JSON_H_

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace leadq {

class JsonValue {
 public:
  enum class Type : unsigned char {
    kNull,
    kBool,
    kInteger,   // fits int64
    kUnsigned,  // above INT64_MAX, up to UINT64_MAX
    kDouble,
    kString,
    kArray,
    kObject,
  };
  using Array = std::vector<JsonValue>;
  using Member = std::pair<std::string, JsonValue>;
  using Object = std::vector<Member>;  // sorted by key, keys unique

  JsonValue() noexcept : type_(Type::kNull) { integer_ = 0; }
  JsonValue(std::nullptr_t) noexcept : JsonValue() {}  // NOLINT(runtime/explicit)
  JsonValue(bool value) noexcept : type_(Type::kBool) { bool_ = value; }
  template <typename T,
            std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>, int> = 0>
  JsonValue(T value) noexcept {  // NOLINT(runtime/explicit)
    if constexpr (std::is_signed_v<T>) {
      SetInteger(static_cast<int64_t>(value));
    } else {
      SetUnsigned(static_cast<uint64_t>(value));
    }
  }
  JsonValue(double value) noexcept : type_(Type::kDouble) { double_ = value; }
  JsonValue(const char* text);  // NOLINT(runtime/explicit)
  JsonValue(std::string text);  // NOLINT(runtime/explicit)
  JsonValue(Array items);       // NOLINT(runtime/explicit)
  // An object of these members; a later member replaces an earlier one of the same key.
  JsonValue(std::initializer_list<Member> members);

  JsonValue(const JsonValue& other);
  JsonValue(JsonValue&& other) noexcept;
  JsonValue& operator=(const JsonValue& other);
  JsonValue& operator=(JsonValue&& other) noexcept;
  ~JsonValue();

  static JsonValue MakeArray() { return JsonValue(Array()); }
  static JsonValue MakeObject();
  // An array of the items of `range`, each converted to a JsonValue.
  template <typename Range>
  static JsonValue ArrayOf(const Range& range) {
    Array items;
    for (const auto& item : range) items.emplace_back(item);
    return JsonValue(std::move(items));
  }

  Type type() const { return type_; }
  bool is_null() const { return type_ == Type::kNull; }
  bool is_bool() const { return type_ == Type::kBool; }
  bool is_number() const { return type_ >= Type::kInteger && type_ <= Type::kDouble; }
  bool is_integer() const { return type_ == Type::kInteger || type_ == Type::kUnsigned; }
  bool is_unsigned() const { return type_ == Type::kUnsigned; }
  bool is_double() const { return type_ == Type::kDouble; }
  bool is_string() const { return type_ == Type::kString; }
  bool is_array() const { return type_ == Type::kArray; }
  bool is_object() const { return type_ == Type::kObject; }

  // The value as that type: false, 0, "" or empty when the value has another type.
  bool as_bool() const { return type_ == Type::kBool && bool_; }
  // Integers; 0 for any other value (also doubles: no implicit truncation).
  int64_t as_int64() const;
  // kUnsigned values and non-negative kInteger ones; 0 otherwise.
  uint64_t as_uint64() const;
  // Any number as a double.
  double as_double() const;
  const std::string& as_string() const;
  const Array& items() const;
  const Object& members() const;

  // Items of an array or members of an object; 0 for any other value.
  size_t size() const;
  bool empty() const { return size() == 0; }

  // The member `key` of an object, or nullptr (absent, or not an object).
  const JsonValue* Find(std::string_view key) const;
  // The member `key`, or null (absent, or not an object). Convenient for tests.
  const JsonValue& operator[](std::string_view key) const;
  // Item `index` of an array, or null when out of range or not an array.
  const JsonValue& operator[](size_t index) const;
  // Avoids ambiguity between the two above for literal indices such as v[0].
  const JsonValue& operator[](int index) const {
    return (*this)[static_cast<size_t>(index < 0 ? size() : index)];
  }

  // Sets member `key` (a null value becomes an empty object first; nothing happens to
  // any other non-object). Returns the stored member.
  JsonValue& Set(std::string key, JsonValue value);
  // Removes member `key` if present.
  void Erase(std::string_view key);
  // Appends to an array (a null value becomes an empty array first).
  void PushBack(JsonValue value);

  // The canonical compact text (see above).
  std::string Dump() const;
  void DumpTo(std::string* out) const;

  friend bool operator==(const JsonValue& a, const JsonValue& b);
  friend bool operator!=(const JsonValue& a, const JsonValue& b) { return !(a == b); }

 private:
  void SetInteger(int64_t value) {
    type_ = Type::kInteger;
    integer_ = value;
  }
  void SetUnsigned(uint64_t value) {
    if (value <= static_cast<uint64_t>(INT64_MAX)) {
      SetInteger(static_cast<int64_t>(value));
    } else {
      type_ = Type::kUnsigned;
      unsigned_ = value;
    }
  }
  void TakeScalar(const JsonValue& other);  // copies a scalar's payload
  void Take(JsonValue& other);              // moves `other` here, leaving it null
  void Release();

  Type type_;
  union {
    bool bool_;
    int64_t integer_;
    uint64_t unsigned_;
    double double_;
    std::string* string_;
    Array* array_;
    Object* object_;
  };
};

// Deeper nesting of arrays and objects than this is refused by ParseJson: every walk
// over a value (copy, compare, dump, the decoders) may then recurse safely.
inline constexpr int kMaxJsonDepth = 64;

// Parses `text` as one JSON value (RFC 8259; UTF-8 only; a leading byte order mark is
// skipped; a NUL byte outside a string ends the text). On success stores it in `*out`
// and returns true. On failure returns false and leaves the reason in `*error`, phrased
// to follow a subject: "is not valid JSON (line 3, column 12)", naming where the text
// stops being JSON, or "nests deeper than 64 levels". Numbers are
// read exactly: integers that fit int64/uint64 stay integers, others become the nearest
// double; a number beyond the double range is not valid JSON.
bool ParseJson(std::string_view text, JsonValue* out, std::string* error);

// Appends a short text that reads back as `value` exactly ("0.1", "1e+20", "2.0";
// integral doubles keep ".0"), or "null" when it is not finite. The digits are Grisu2's
// (Loitsch 2010): the shortest in all but rare cases, and always the same on every target.
void AppendJsonDouble(double value, std::string* out);

}  // namespace leadq

#endif  // LEADQ_JSON_H_

// JsonValue storage: a tagged union; strings, arrays and objects live on the heap so that
// a value is two words and moves are cheap.
#include <algorithm>

#include "leadq/json.h"

namespace leadq {
namespace {

// Shared empty values for accessors of the wrong type. Allocated once and never freed:
// no destructor runs at exit, and nothing ever writes to them.
const JsonValue& NullValue() {
  static const JsonValue* const null = new JsonValue();
  return *null;
}

JsonValue::Object::const_iterator LowerBound(const JsonValue::Object& members,
                                             std::string_view key) {
  return std::lower_bound(
      members.begin(), members.end(), key,
      [](const JsonValue::Member& member, std::string_view k) { return member.first < k; });
}

}  // namespace

JsonValue::JsonValue(const char* text) : JsonValue(std::string(text)) {}

JsonValue::JsonValue(std::string text) : type_(Type::kString) {
  string_ = new std::string(std::move(text));
}

JsonValue::JsonValue(Array items) : type_(Type::kArray) { array_ = new Array(std::move(items)); }

JsonValue::JsonValue(std::initializer_list<Member> members) : type_(Type::kObject) {
  object_ = new Object();
  object_->reserve(members.size());
  for (const Member& member : members) Set(member.first, member.second);
}

JsonValue JsonValue::MakeObject() {
  JsonValue value;
  value.type_ = Type::kObject;
  value.object_ = new Object();
  return value;
}

JsonValue::JsonValue(const JsonValue& other) {
  switch (other.type_) {
    case Type::kString:
      string_ = new std::string(*other.string_);
      break;
    case Type::kArray:
      array_ = new Array(*other.array_);
      break;
    case Type::kObject:
      object_ = new Object(*other.object_);
      break;
    default:
      TakeScalar(other);
      break;
  }
  type_ = other.type_;
}

JsonValue::JsonValue(JsonValue&& other) noexcept { Take(other); }

JsonValue& JsonValue::operator=(const JsonValue& other) {
  if (this != &other) *this = JsonValue(other);
  return *this;
}

JsonValue& JsonValue::operator=(JsonValue&& other) noexcept {
  if (this != &other) {
    Release();
    Take(other);
  }
  return *this;
}

void JsonValue::TakeScalar(const JsonValue& other) {
  switch (other.type_) {
    case Type::kBool:
      bool_ = other.bool_;
      break;
    case Type::kInteger:
      integer_ = other.integer_;
      break;
    case Type::kUnsigned:
      unsigned_ = other.unsigned_;
      break;
    case Type::kDouble:
      double_ = other.double_;
      break;
    default:
      integer_ = 0;
      break;
  }
}

void JsonValue::Take(JsonValue& other) {
  switch (other.type_) {
    case Type::kString:
      string_ = other.string_;
      break;
    case Type::kArray:
      array_ = other.array_;
      break;
    case Type::kObject:
      object_ = other.object_;
      break;
    default:
      TakeScalar(other);
      break;
  }
  type_ = other.type_;
  other.type_ = Type::kNull;
}

JsonValue::~JsonValue() { Release(); }

void JsonValue::Release() {
  switch (type_) {
    case Type::kString:
      delete string_;
      break;
    case Type::kArray:
      delete array_;
      break;
    case Type::kObject:
      delete object_;
      break;
    default:
      break;
  }
  type_ = Type::kNull;
}

int64_t JsonValue::as_int64() const {
  if (type_ == Type::kInteger) return integer_;
  if (type_ == Type::kUnsigned) return static_cast<int64_t>(unsigned_);
  return 0;
}

uint64_t JsonValue::as_uint64() const {
  if (type_ == Type::kUnsigned) return unsigned_;
  if (type_ == Type::kInteger && integer_ >= 0) return static_cast<uint64_t>(integer_);
  return 0;
}

double JsonValue::as_double() const {
  switch (type_) {
    case Type::kInteger:
      return static_cast<double>(integer_);
    case Type::kUnsigned:
      return static_cast<double>(unsigned_);
    case Type::kDouble:
      return double_;
    default:
      return 0;
  }
}

const std::string& JsonValue::as_string() const {
  static const std::string* const empty = new std::string();
  return type_ == Type::kString ? *string_ : *empty;
}

const JsonValue::Array& JsonValue::items() const {
  static const Array* const empty = new Array();
  return type_ == Type::kArray ? *array_ : *empty;
}

const JsonValue::Object& JsonValue::members() const {
  static const Object* const empty = new Object();
  return type_ == Type::kObject ? *object_ : *empty;
}

size_t JsonValue::size() const {
  if (type_ == Type::kArray) return array_->size();
  if (type_ == Type::kObject) return object_->size();
  return 0;
}

const JsonValue* JsonValue::Find(std::string_view key) const {
  if (type_ != Type::kObject) return nullptr;
  auto it = LowerBound(*object_, key);
  return it != object_->end() && it->first == key ? &it->second : nullptr;
}

const JsonValue& JsonValue::operator[](std::string_view key) const {
  const JsonValue* member = Find(key);
  return member != nullptr ? *member : NullValue();
}

const JsonValue& JsonValue::operator[](size_t index) const {
  return type_ == Type::kArray && index < array_->size() ? (*array_)[index] : NullValue();
}

JsonValue& JsonValue::Set(std::string key, JsonValue value) {
  if (type_ == Type::kNull) *this = MakeObject();
  if (type_ != Type::kObject) return *this;
  auto it = object_->begin() + (LowerBound(*object_, key) - object_->begin());
  if (it != object_->end() && it->first == key) {
    it->second = std::move(value);
  } else {
    it = object_->emplace(it, std::move(key), std::move(value));
  }
  return it->second;
}

void JsonValue::Erase(std::string_view key) {
  if (type_ != Type::kObject) return;
  auto it = LowerBound(*object_, key);
  if (it != object_->end() && it->first == key) object_->erase(it);
}

void JsonValue::PushBack(JsonValue value) {
  if (type_ == Type::kNull) *this = MakeArray();
  if (type_ == Type::kArray) array_->push_back(std::move(value));
}

bool operator==(const JsonValue& a, const JsonValue& b) {
  using Type = JsonValue::Type;
  if (a.is_number() && b.is_number()) {
    // As in JSON's number model: 3 equals 3.0; integers compare exactly.
    if (a.is_double() || b.is_double()) return a.as_double() == b.as_double();
    return a.type_ == b.type_ && a.as_int64() == b.as_int64();
  }
  if (a.type_ != b.type_) return false;
  switch (a.type_) {
    case Type::kNull:
      return true;
    case Type::kBool:
      return a.bool_ == b.bool_;
    case Type::kString:
      return *a.string_ == *b.string_;
    case Type::kArray:
      return *a.array_ == *b.array_;
    case Type::kObject:
      return *a.object_ == *b.object_;
    default:
      return false;
  }
}

}  // namespace leadq

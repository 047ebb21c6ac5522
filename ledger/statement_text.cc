#include "ledger/statement_text.h"

#include <flatbuffers/reflection_generated.h>

#include <cstdio>
#include <optional>
#include <string>

#include "ledger/utf8.h"
#include "schemas/record_bfbs_generated.h"

namespace lawtrail {
namespace {

using reflection::BaseType;

const reflection::Schema& Schema() {
  static const reflection::Schema* schema = reflection::GetSchema(fb::RecordBinarySchema::data());
  return *schema;
}

const reflection::Object& ObjectAt(int32_t index) { return *Schema().objects()->Get(static_cast<uint32_t>(index)); }

// The first control character in valid UTF-8 text, if any: C0 but tab, line
// feed and carriage return, DEL, and C1 (U+0080-U+009F, encoded C2 80-9F).
std::optional<uint32_t> FirstControl(std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<uint8_t>(text[i]);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) return c;
    if (c == 0xc2 && i + 1 < text.size()) {
      const auto next = static_cast<uint8_t>(text[i + 1]);
      if (next >= 0x80 && next <= 0x9f) return next;  // U+0080 + (next - 0x80)
    }
  }
  return std::nullopt;
}

Status CheckText(std::string_view text, const std::string& path) {
  if (!IsValidUtf8(text)) return Status::InvalidArgument(path + " is not valid UTF-8");
  if (const auto c = FirstControl(text)) {
    char code[8];
    std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(*c));
    return Status::InvalidArgument(path + " holds a control character (" + code + ")");
  }
  return Status::Ok();
}

Status CheckTable(const reflection::Object& object, const flatbuffers::Table& table, const std::string& path);

// A field whose value is a table: a nested table, or a union's member.
Status CheckChild(const reflection::Object& object, const flatbuffers::Table* child, const std::string& path) {
  return child == nullptr || object.is_struct() ? Status::Ok() : CheckTable(object, *child, path);
}

Status CheckVector(const reflection::Type& type, const flatbuffers::Table& table, const reflection::Field& field,
                   const std::string& path) {
  if (type.element() == BaseType::String) {
    const auto* strings = table.GetPointer<const flatbuffers::Vector<flatbuffers::Offset<flatbuffers::String>>*>(field.offset());
    if (strings == nullptr) return Status::Ok();
    for (uint32_t i = 0; i < strings->size(); ++i) {
      RETURN_IF_ERROR(CheckText(strings->Get(i)->string_view(), path + "[" + std::to_string(i) + "]"));
    }
  } else if (type.element() == BaseType::Obj) {
    const reflection::Object& element = ObjectAt(type.index());
    if (element.is_struct()) return Status::Ok();  // structs hold no strings
    const auto* tables = table.GetPointer<const flatbuffers::Vector<flatbuffers::Offset<flatbuffers::Table>>*>(field.offset());
    if (tables == nullptr) return Status::Ok();
    for (uint32_t i = 0; i < tables->size(); ++i) {
      RETURN_IF_ERROR(CheckChild(element, tables->Get(i), path + "[" + std::to_string(i) + "]"));
    }
  }
  return Status::Ok();
}

// A union's member, found through its `<name>_type` field. An unknown member
// type is refused elsewhere (the statement's payload type); here it is skipped.
Status CheckUnion(const reflection::Object& object, const flatbuffers::Table& table, const reflection::Field& field,
                  const std::string& path) {
  const reflection::Field* kind = object.fields()->LookupByKey((field.name()->str() + "_type").c_str());
  if (kind == nullptr) return Status::Ok();
  const auto value = table.GetField<uint8_t>(kind->offset(), 0);
  const reflection::Enum* members = Schema().enums()->Get(static_cast<uint32_t>(field.type()->index()));
  const reflection::EnumVal* member = members->values()->LookupByKey(value);
  if (value == 0 || member == nullptr || member->union_type() == nullptr) return Status::Ok();
  return CheckChild(ObjectAt(member->union_type()->index()), table.GetPointer<const flatbuffers::Table*>(field.offset()),
                    path);
}

Status CheckTable(const reflection::Object& object, const flatbuffers::Table& table, const std::string& path) {
  for (const reflection::Field* field : *object.fields()) {
    const std::string at = path.empty() ? field->name()->str() : path + "." + field->name()->str();
    const reflection::Type& type = *field->type();
    switch (type.base_type()) {
      case BaseType::String: {
        const auto* s = table.GetPointer<const flatbuffers::String*>(field->offset());
        if (s != nullptr) RETURN_IF_ERROR(CheckText(s->string_view(), at));
        break;
      }
      case BaseType::Obj:
        RETURN_IF_ERROR(CheckChild(ObjectAt(type.index()), table.GetPointer<const flatbuffers::Table*>(field->offset()), at));
        break;
      case BaseType::Vector:
        RETURN_IF_ERROR(CheckVector(type, table, *field, at));
        break;
      case BaseType::Union:
        RETURN_IF_ERROR(CheckUnion(object, table, *field, at));
        break;
      default:  // scalars and byte vectors hold no text
        break;
    }
  }
  return Status::Ok();
}

}  // namespace

Status CheckStatementText(const fb::Statement& statement) {
  static const reflection::Object* root = Schema().objects()->LookupByKey("lawtrail.fb.Statement");
  if (root == nullptr) return Status::Internal("the embedded schema has no Statement");
  return CheckTable(*root, reinterpret_cast<const flatbuffers::Table&>(statement), "");
}

}  // namespace lawtrail

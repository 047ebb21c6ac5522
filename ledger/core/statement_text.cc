#include "ledger/core/statement_text.h"

#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include <flatbuffers/reflection_generated.h>

#include "ledger/core/utf8.h"
#include "schemas/record_bfbs_generated.h"

namespace lawtrail {
namespace {

using reflection::BaseType;

const reflection::Schema& Schema() {
  static const reflection::Schema* schema = reflection::GetSchema(fb::RecordBinarySchema::data());
  return *schema;
}

// Where the walk is, kept on the stack and spelled out only for an error:
// most statements have no error, and the walk allocates nothing for them.
struct Path {
  const Path* parent = nullptr;
  std::string_view field;  // empty at the root
  int64_t element = -1;    // a list's element, or -1

  std::string Text() const {
    std::string out = parent != nullptr ? parent->Text() : "";
    if (!field.empty()) out += (out.empty() ? "" : ".") + std::string(field);
    if (element >= 0) out += "[" + std::to_string(element) + "]";
    return out;
  }
};

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

Status CheckText(std::string_view text, const Path& path) {
  if (!IsValidUtf8(text)) return Status::InvalidArgument(path.Text() + " is not valid UTF-8");
  if (const auto c = FirstControl(text)) {
    char code[8];
    std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(*c));
    return Status::InvalidArgument(path.Text() + " holds a control character (" + code + ")");
  }
  return Status::Ok();
}

// What of one table can hold text, worked out once from the schema: the walk
// then visits only those fields, without looking names or types up again.
struct FieldPlan {
  enum class Kind { kString, kTable, kStrings, kTables, kUnion } kind;
  flatbuffers::voffset_t offset;
  std::string_view name;
  int32_t object = -1;                        // kTable, kTables: the table's object
  const reflection::Enum* members = nullptr;  // kUnion: its member types
};
using TablePlan = std::vector<FieldPlan>;

const TablePlan& PlanOf(int32_t object_index);

TablePlan MakePlan(const reflection::Object& object) {
  TablePlan plan;
  for (const reflection::Field* field : *object.fields()) {
    const reflection::Type& type = *field->type();
    const auto offset = field->offset();
    const std::string_view name = field->name()->string_view();
    const auto is_table = [](int32_t index) {
      return !Schema().objects()->Get(static_cast<uint32_t>(index))->is_struct();
    };
    switch (type.base_type()) {
      case BaseType::String: plan.push_back({FieldPlan::Kind::kString, offset, name}); break;
      case BaseType::Obj:
        if (is_table(type.index())) plan.push_back({FieldPlan::Kind::kTable, offset, name, type.index()});
        break;
      case BaseType::Vector:
        if (type.element() == BaseType::String) plan.push_back({FieldPlan::Kind::kStrings, offset, name});
        if (type.element() == BaseType::Obj && is_table(type.index())) {
          plan.push_back({FieldPlan::Kind::kTables, offset, name, type.index()});
        }
        break;
      case BaseType::Union:
        plan.push_back(
            {FieldPlan::Kind::kUnion, offset, name, -1, Schema().enums()->Get(static_cast<uint32_t>(type.index()))});
        break;
      default:  // scalars, structs and byte vectors hold no text
        break;
    }
  }
  return plan;
}

const TablePlan& PlanOf(int32_t object_index) {
  // Every object of the schema, planned once (thread-safe static init).
  static const std::vector<TablePlan> plans = [] {
    std::vector<TablePlan> all;
    for (const reflection::Object* object : *Schema().objects()) all.push_back(MakePlan(*object));
    return all;
  }();
  return plans[static_cast<size_t>(object_index)];
}

Status CheckTable(int32_t object, const flatbuffers::Table& table, const Path& path) {
  using Strings = flatbuffers::Vector<flatbuffers::Offset<flatbuffers::String>>;
  using Tables = flatbuffers::Vector<flatbuffers::Offset<flatbuffers::Table>>;
  for (const FieldPlan& f : PlanOf(object)) {
    const Path at{&path, f.name};
    switch (f.kind) {
      case FieldPlan::Kind::kString:
        if (const auto* s = table.GetPointer<const flatbuffers::String*>(f.offset)) {
          LAWTRAIL_RETURN_IF_ERROR(CheckText(s->string_view(), at));
        }
        break;
      case FieldPlan::Kind::kTable:
        if (const auto* child = table.GetPointer<const flatbuffers::Table*>(f.offset)) {
          LAWTRAIL_RETURN_IF_ERROR(CheckTable(f.object, *child, at));
        }
        break;
      case FieldPlan::Kind::kStrings:
        if (const auto* strings = table.GetPointer<const Strings*>(f.offset)) {
          for (uint32_t i = 0; i < strings->size(); ++i) {
            LAWTRAIL_RETURN_IF_ERROR(CheckText(strings->Get(i)->string_view(), Path{&path, f.name, i}));
          }
        }
        break;
      case FieldPlan::Kind::kTables:
        if (const auto* tables = table.GetPointer<const Tables*>(f.offset)) {
          for (uint32_t i = 0; i < tables->size(); ++i) {
            LAWTRAIL_RETURN_IF_ERROR(CheckTable(f.object, *tables->Get(i), Path{&path, f.name, i}));
          }
        }
        break;
      case FieldPlan::Kind::kUnion: {
        // The member's type sits in the `<name>_type` field, which FlatBuffers
        // places one vtable slot before the union's own. An unknown member is
        // refused elsewhere (the statement's payload type); here it is skipped.
        const auto kind_offset = static_cast<flatbuffers::voffset_t>(f.offset - sizeof(flatbuffers::voffset_t));
        const auto value = table.GetField<uint8_t>(kind_offset, 0);
        const reflection::EnumVal* member = value == 0 ? nullptr : f.members->values()->LookupByKey(value);
        const auto* child = table.GetPointer<const flatbuffers::Table*>(f.offset);
        if (member != nullptr && member->union_type() != nullptr && child != nullptr &&
            !Schema().objects()->Get(static_cast<uint32_t>(member->union_type()->index()))->is_struct()) {
          LAWTRAIL_RETURN_IF_ERROR(CheckTable(member->union_type()->index(), *child, at));
        }
        break;
      }
    }
  }
  return Status::Ok();
}

}  // namespace

Status CheckStatementText(const fb::Statement& statement) {
  static const int32_t root = [] {
    const auto* objects = Schema().objects();
    for (uint32_t i = 0; i < objects->size(); ++i) {
      if (objects->Get(i)->name()->string_view() == "lawtrail.fb.Statement") return static_cast<int32_t>(i);
    }
    return -1;
  }();
  if (root < 0) return Status::Internal("the embedded schema has no Statement");
  return CheckTable(root, reinterpret_cast<const flatbuffers::Table&>(statement), Path{});
}

}  // namespace lawtrail

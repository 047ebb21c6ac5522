#include "ledger/client/json_codec.h"

#include <flatbuffers/idl.h>
#include <nlohmann/json.hpp>

#include "ledger/core/canonical.h"
#include "ledger/core/merkle.h"
#include "ledger/core/record.h"
#include "ledger/core/statement.h"
#include "schemas/record_bfbs_generated.h"

namespace lawtrail {
namespace {

using nlohmann::json;

std::unique_ptr<flatbuffers::Parser> NewParser(const char* root_type) {
  flatbuffers::IDLOptions opts;
  opts.strict_json = true;
  opts.natural_utf8 = true;
  opts.indent_step = -1;  // one line per value
  opts.output_default_scalars_in_json = false;
  auto parser = std::make_unique<flatbuffers::Parser>(opts);
  if (!parser->Deserialize(fb::RecordBinarySchema::data(), fb::RecordBinarySchema::size()) ||
      !parser->SetRootType(root_type)) {
    return nullptr;
  }
  parser->file_identifier_ = fb::StatementIdentifier();
  return parser;
}

// Replaces byte arrays with hex strings (out) or hex strings with arrays (in).
void ConvertBytes(json& j, const std::set<std::string>& fields, bool to_hex) {
  if (j.is_array()) {
    for (auto& e : j) ConvertBytes(e, fields, to_hex);
    return;
  }
  if (!j.is_object()) return;
  for (auto& [key, value] : j.items()) {
    if (fields.count(key) != 0) {
      if (to_hex && value.is_array()) {
        value = ToHex(value.get<std::vector<uint8_t>>());
      } else if (!to_hex && value.is_string()) {
        auto bytes = FromHex(value.get<std::string>());
        if (bytes.ok()) value = *bytes;
      }
    } else {
      ConvertBytes(value, fields, to_hex);
    }
  }
}

}  // namespace

JsonCodec::JsonCodec() : output_parser_(NewParser("Statement")) {
  if (!output_parser_) return;
  for (const flatbuffers::StructDef* s : output_parser_->structs_.vec) {
    for (const flatbuffers::FieldDef* f : s->fields.vec) {
      if (f->value.type.base_type == flatbuffers::BASE_TYPE_VECTOR &&
          f->value.type.element == flatbuffers::BASE_TYPE_UCHAR && f->value.type.enum_def == nullptr &&
          f->nested_flatbuffer == nullptr) {
        byte_fields_.insert(f->name);
      }
    }
  }
}

JsonCodec::~JsonCodec() = default;

Result<std::string> JsonCodec::StatementToJson(ByteView statement_bytes) {
  if (!output_parser_) return Status::Internal("the embedded schema does not load");
  LAWTRAIL_RETURN_IF_ERROR(CheckStatementBytes(statement_bytes));
  std::string text;
  if (!GenerateText(*output_parser_, statement_bytes.data(), &text)) {
    return Status::Internal("FlatBuffers could not print the statement as JSON");
  }
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded()) return Status::Internal("FlatBuffers printed invalid JSON");
  ConvertBytes(j, byte_fields_, true);
  return j.dump(-1, ' ', false, json::error_handler_t::strict);
}

Result<std::string> JsonCodec::RecordToJson(ByteView record_bytes) {
  LAWTRAIL_ASSIGN_OR_RETURN(RecordView rv, ParseRecord(record_bytes));
  LAWTRAIL_ASSIGN_OR_RETURN(ParsedStatement s,
                            ParseSignedStatement(Bytes(rv.signed_statement.begin(), rv.signed_statement.end())));
  LAWTRAIL_ASSIGN_OR_RETURN(std::string statement, StatementToJson(s.statement_bytes()));
  const fb::Record& r = *rv.record;
  json j = json::object();
  j["format_version"] = r.format_version();
  j["index"] = r.index();
  j["time_recorded_ms"] = r.time_recorded_ms();
  j["case_version"] = r.case_version();
  const auto* prev = r.prev_case_leaf_hash();
  j["prev_case_leaf_hash"] = prev == nullptr ? "" : ToHex(ByteView(prev->data(), prev->size()));
  j["leaf_hash"] = ToBase64(merkle::LeafHash(record_bytes));
  const auto* sig = s.signed_statement->signature();
  j["signed_statement"] = {
      {"format_version", s.signed_statement->format_version()},
      {"statement", json::parse(statement)},
      {"signature", ToHex(ByteView(sig->data(), sig->size()))},
  };
  return j.dump(-1, ' ', false, json::error_handler_t::strict);
}

Result<Bytes> JsonCodec::StatementFromJson(const std::string& text) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    return Status::InvalidArgument("statement is not a JSON object");
  }
  ConvertBytes(j, byte_fields_, false);
  // A fresh parser per statement: FlatBuffers' parser keeps state between calls.
  auto parser = NewParser("Statement");
  if (!parser) return Status::Internal("the embedded schema does not load");
  const std::string normalised = j.dump();
  if (!parser->ParseJson(normalised.c_str())) {
    return Status::InvalidArgument("statement JSON does not fit the schema: " + parser->error_);
  }
  const ByteView parsed(parser->builder_.GetBufferPointer(), parser->builder_.GetSize());
  LAWTRAIL_RETURN_IF_ERROR(CheckStatementBytes(parsed));
  // The JSON parser lays fields out in the order the text gives them; what is
  // signed is the one encoding of the value (ledger/core/canonical.h).
  return CanonicalStatement(parsed);
}

}  // namespace lawtrail

// File: ledger/client/json_codec.h
// -----------------------------------------------------------------------------
// JSON views of statements and records, with the schema's own field names
// (event_id, case_id …), for people and scripts. Built on FlatBuffers' JSON
// support and the binary schema embedded at build time, so every event type
// added to schemas/ is covered without code here.
//
// Byte-string fields ([ubyte] in the schema: ids, keys, hashes) are hex
// strings in JSON, both ways. Text is UTF-8, never \u-escaped.
// Not thread-safe: use one codec per thread.
#ifndef LAWTRAIL_LEDGER_CLIENT_JSON_CODEC_H_
#define LAWTRAIL_LEDGER_CLIENT_JSON_CODEC_H_

#include <memory>
#include <set>
#include <string>

#include "ledger/core/bytes.h"

namespace flatbuffers {
class Parser;
}

namespace lawtrail {

class JsonCodec {
 public:
  JsonCodec();
  ~JsonCodec();

  // A Statement FlatBuffer as one line of JSON.
  Result<std::string> StatementToJson(ByteView statement_bytes);
  // A stored record as one line of JSON: the record's fields, its RFC 6962
  // leaf hash (base64), and its signed statement expanded.
  Result<std::string> RecordToJson(ByteView record_bytes);
  // Statement JSON (as StatementToJson writes it) back to a FlatBuffer. The
  // result is checked as a Statement but not signed.
  Result<Bytes> StatementFromJson(const std::string& json);

  // The names of the byte-string fields, taken from the schema.
  const std::set<std::string>& byte_fields() const { return byte_fields_; }

 private:
  std::unique_ptr<flatbuffers::Parser> output_parser_;
  std::set<std::string> byte_fields_;
};

}  // namespace lawtrail

#endif  // LAWTRAIL_LEDGER_CLIENT_JSON_CODEC_H_

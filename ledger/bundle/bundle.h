// File: ledger/bundle/bundle.h
// -----------------------------------------------------------------------------
// A case export (schemas/export.fbs) as plain values, and its one encoding:
// the exporter fills these and packs them; tests unpack a bundle, change one
// part and pack it again. Packing is deterministic: the same parts give the
// same bytes.
#ifndef LAWTRAIL_LEDGER_BUNDLE_BUNDLE_H_
#define LAWTRAIL_LEDGER_BUNDLE_BUNDLE_H_

#include <optional>
#include <string>
#include <vector>

#include "ledger/casefile/case_file.h"
#include "ledger/core/bytes.h"

namespace lawtrail::bundle {

inline constexpr uint16_t kFormatVersion = 1;

struct Record {
  uint64_t index = 0;
  Bytes bytes;
};
struct Consistency {
  uint64_t from_size = 0, to_size = 0;
  std::vector<Hash> hashes;
};
struct Opening {
  uint64_t record_index = 0;
  std::string field;
  Bytes salt;
  std::string value;
};
struct Attachment {
  uint64_t record_index = 0;
  Hash content_hash{};
  uint64_t size = 0;
  std::string media_type, title, doc_type, doc_no;
  std::optional<Bytes> file;
};
struct Document {
  std::string volume;
  uint32_t seq = 0;
  std::string doc_no, title, responsible, date;
  Bytes content_hash;
  uint64_t record_index = 0;
};

struct Parts {
  uint16_t format_version = kFormatVersion;
  std::string origin, verifier_key, case_id, checkpoint;
  std::vector<Record> records, registry_records;
  std::vector<Hash> inclusion_proof, case_head_proof, registry_head_proof;
  std::vector<Consistency> consistency;
  std::vector<Opening> openings;
  std::vector<Attachment> attachments;
  std::vector<Document> documents;
  std::string case_file_html;
  Bytes checkpoint_timestamp;  // RFC 3161 token over the checkpoint's body; empty: none
};

// A line of the case file's 卷内目录 as the bundle lists it.
Document DocumentOf(const casefile::Document& d);

Bytes Pack(const Parts& parts);
// Checks the structure (FlatBuffers' verifier, identifier LTEX) first.
Result<Parts> Unpack(ByteView bundle);

}  // namespace lawtrail::bundle

#endif  // LAWTRAIL_LEDGER_BUNDLE_BUNDLE_H_

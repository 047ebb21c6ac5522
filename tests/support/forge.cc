#include "tests/support/forge.h"

#include <catch2/catch.hpp>

#include "ledger/core/record.h"
#include "ledger/core/statement.h"

namespace lawtrail::testing {

Bytes AlterRecordText(const Bytes& record) {
  auto view = ParseRecord(record);
  REQUIRE(view.ok());
  auto parsed = ParseSignedStatement(Bytes(view->signed_statement.begin(), view->signed_statement.end()));
  REQUIRE(parsed.ok());
  const auto* case_id = parsed->statement->case_id();
  REQUIRE(case_id->size() > 0);
  // Where the case id's last byte sits within the record.
  const auto* last = reinterpret_cast<const uint8_t*>(case_id->data()) + case_id->size() - 1;
  const size_t in_statement = static_cast<size_t>(last - parsed->signed_bytes.data());
  const size_t at = static_cast<size_t>(view->signed_statement.data() - record.data()) + in_statement;
  Bytes altered = record;
  altered[at] ^= 0x01;  // an ASCII digit or letter stays one
  return altered;
}

Bytes ResignRecord(const Bytes& record, const KeyPair& key) {
  auto view = ParseRecord(record);
  REQUIRE(view.ok());
  auto parsed = ParseSignedStatement(Bytes(view->signed_statement.begin(), view->signed_statement.end()));
  REQUIRE(parsed.ok());
  const auto* nested = parsed->signed_statement->statement();
  Bytes statement(nested->data(), nested->data() + nested->size());
  // The statement names its signer's key: the forger puts in their own.
  const auto* key_id = parsed->statement->actor()->key_id();
  const size_t at = static_cast<size_t>(key_id->data() - nested->data());
  std::copy(key.public_key().begin(), key.public_key().end(), statement.begin() + static_cast<ptrdiff_t>(at));
  const Bytes resigned = SignStatement(statement, key);
  const fb::Record& r = *view->record;
  RecordFields fields;
  fields.index = r.index();
  fields.time_recorded_ms = r.time_recorded_ms();
  fields.case_version = r.case_version();
  if (r.prev_case_leaf_hash() != nullptr && r.prev_case_leaf_hash()->size() == 32) {
    Hash prev{};
    std::copy_n(r.prev_case_leaf_hash()->data(), prev.size(), prev.begin());
    fields.prev_case_leaf_hash = prev;
  }
  fields.signed_statement = resigned;
  return BuildRecord(fields);
}

}  // namespace lawtrail::testing

// File: ledger/log/private_data.h
// -----------------------------------------------------------------------------
// Reading the private side of the log (D6, R5), for authorised readers only —
// whoever holds DIR/sealed.key: the openings of sealed fields, and every case
// that names a party, found through the party index.
#ifndef LAWTRAIL_LEDGER_LOG_PRIVATE_DATA_H_
#define LAWTRAIL_LEDGER_LOG_PRIVATE_DATA_H_

#include <optional>
#include <string>
#include <vector>

#include "ledger/core/submission.h"
#include "ledger/log/sealed_vault.h"
#include "ledger/log/store.h"

namespace lawtrail {

struct OpenedField {
  std::string case_id;
  uint64_t index = 0;  // the record whose statement commits to it
  std::string field;
  std::string value;
  Bytes salt;  // SHA-256(salt ‖ value) is the commitment the record signs
};

// What the `sealed` column family stores for opening `o` of record `index`
// of `case_id`: the StoredOpening (schemas/submission.fbs), encrypted.
Bytes EncryptOpening(const SealedVault& vault, std::string_view case_id, uint64_t index, const Opening& o);

// The opening kept for `commitment`, or nullopt if none was submitted or it
// was erased.
Result<std::optional<OpenedField>> ReadOpening(Store& store, const SealedVault& vault, const Hash& commitment);

// Party kinds of the index: a natural person by 身份证号, an organisation or
// 个体工商户 by 统一社会信用代码.
enum class PartyKey { kPerson, kOrganisation };

struct PartyMention {
  uint64_t index = 0;  // the record that names the party
  std::string case_id;
};

// Every record that names the party, in log order.
Result<std::vector<PartyMention>> FindParty(Store& store, const SealedVault& vault, PartyKey kind,
                                            std::string_view identifier);

struct PartyRecord {
  uint64_t index = 0;
  std::string case_id;
  bool names_party = false;  // the record itself names the party (else: another act of the case)
};

// Everything the log holds about the party (R5): every record of every case
// in which a record names the party, in log order.
Result<std::vector<PartyRecord>> RecordsAboutParty(Store& store, const SealedVault& vault, PartyKey kind,
                                                   std::string_view identifier);

// The party tag the index is keyed by (ledger/log/sealed_vault.h).
Hash PartyTagOf(const SealedVault& vault, PartyKey kind, std::string_view identifier);

}  // namespace lawtrail

#endif  // LAWTRAIL_LEDGER_LOG_PRIVATE_DATA_H_

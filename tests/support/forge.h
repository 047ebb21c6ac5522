// Records changed the ways a foreign producer on the stream could change them:
// edited in place (the signature no longer holds), or re-signed by a key of
// the forger's own (the signature holds; the signer is nobody the log knows).
#ifndef LAWTRAIL_TESTS_SUPPORT_FORGE_H_
#define LAWTRAIL_TESTS_SUPPORT_FORGE_H_

#include "ledger/core/bytes.h"
#include "ledger/core/ed25519.h"

namespace lawtrail::testing {

// The record with one character of its statement's case id changed.
Bytes AlterRecordText(const Bytes& record);

// The record's statement naming `key` as its signer's and signed by it, rebuilt at the same index, time and
// place in its case's chain.
Bytes ResignRecord(const Bytes& record, const KeyPair& key);

}  // namespace lawtrail::testing

#endif  // LAWTRAIL_TESTS_SUPPORT_FORGE_H_

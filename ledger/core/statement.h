// File: ledger/core/statement.h
// -----------------------------------------------------------------------------
// Signed statements: parsing with full structural checks, signing, and
// signature verification. See docs/record-format.md.
#ifndef LAWTRAIL_LEDGER_CORE_STATEMENT_H_
#define LAWTRAIL_LEDGER_CORE_STATEMENT_H_

#include <array>

#include "ledger/core/bytes.h"
#include "ledger/core/ed25519.h"
#include "ledger/core/submission.h"
#include "schemas/signed_statement_generated.h"

namespace lawtrail {

using EventId = std::array<uint8_t, 16>;

// A signed statement that passed ParseSignedStatement. Owns its bytes; the
// FlatBuffers views point into them and stay valid when this is moved.
struct ParsedStatement {
  ParsedStatement() = default;
  ParsedStatement(ParsedStatement&&) = default;
  ParsedStatement& operator=(ParsedStatement&&) = default;
  // Copies would point into the original's bytes.
  ParsedStatement(const ParsedStatement&) = delete;
  ParsedStatement& operator=(const ParsedStatement&) = delete;

  Bytes signed_bytes;
  const fb::SignedStatement* signed_statement = nullptr;
  const fb::Statement* statement = nullptr;
  EventId event_id{};
  PublicKey signer{};
  // Openings of the statement's sealed fields, as submitted beside it. Never
  // part of the record; empty when read back from the log.
  std::vector<Opening> openings;

  ByteView statement_bytes() const {
    return {signed_statement->statement()->data(), signed_statement->statement()->size()};
  }
};

// Checks size, FlatBuffers structure, identifiers, format versions and
// required fields. Does not check the signature.
Result<ParsedStatement> ParseSignedStatement(Bytes signed_bytes);

// OK iff the signature verifies for the statement's own key.
Status VerifyStatementSignature(const ParsedStatement& s);

// Checks a bare Statement buffer (the bytes a client is about to sign).
Status CheckStatementBytes(ByteView statement_bytes);

// Wraps `statement_bytes` and its signature into SignedStatement bytes.
Bytes SignStatement(ByteView statement_bytes, const KeyPair& key);

std::string EventIdHex(const EventId& id);

}  // namespace lawtrail

#endif  // LAWTRAIL_LEDGER_CORE_STATEMENT_H_

// File: ledger/core/canonical.h
// -----------------------------------------------------------------------------
// One encoding for every FlatBuffer the log takes from outside.
//
// A FlatBuffer is a graph of offsets: a verifier proves that every offset
// lands inside the buffer, not that every byte of the buffer is reached. So
// padding, a vtable's table-size field, fields a newer schema would know,
// bytes after the root and objects nobody points to all pass the verifier,
// and since a Statement's signature covers only the statement bytes, the
// SignedStatement around them can be re-encoded by whoever relays it. Here
// each format has exactly one accepted encoding of each value:
//
//  - Statement: the object API's Pack of its value into a fresh builder
//    (generated code, fields in schema order, defaults left out, vtables
//    shared as the builder shares them). CheckCanonicalStatement unpacks the
//    value and packs it again: the bytes must come back identical. Two
//    encodings of one value pack to the same bytes, so at most one of them
//    is accepted; anything no field accounts for is lost in the round trip
//    and refused.
//  - SignedStatement, Submission, Record: the encoders below, which the log
//    and its clients use, from the fields parsed out of the buffer.
//
// docs/record-format.md ("Canonical form") gives the argument in full.
#ifndef LAWTRAIL_LEDGER_CORE_CANONICAL_H_
#define LAWTRAIL_LEDGER_CORE_CANONICAL_H_

#include "ledger/core/bytes.h"
#include "ledger/core/statement.h"
#include "schemas/record_generated.h"

namespace lawtrail {

// The canonical encoding of the value `bytes` holds. `bytes` must have passed
// the FlatBuffers verifier and the statement's field checks (a union with
// its type set must have its value).
Bytes CanonicalStatement(ByteView statement_bytes);

// OK iff the statement, its SignedStatement wrapper and (when given) the
// Submission or Record around them are each in their canonical encoding.
// Errors are kInvalidArgument and say which part holds bytes that nobody
// signed or the log did not compute.
Status CheckCanonicalStatement(ByteView statement_bytes);
Status CheckCanonicalSignedStatement(const ParsedStatement& s);
Status CheckCanonicalRecord(ByteView record_bytes, const fb::Record& record);

// The error for `given`, which is not its value's one encoding `canonical`:
// how many bytes too many, or where the two first differ. `what` names it.
Status DiffersFromCanonical(std::string_view what, ByteView given, ByteView canonical);

// The canonical SignedStatement around `statement_bytes` and its signature.
Bytes EncodeSignedStatement(ByteView statement_bytes, ByteView signature);

}  // namespace lawtrail

#endif  // LAWTRAIL_LEDGER_CORE_CANONICAL_H_

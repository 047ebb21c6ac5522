// File: ledger/statement_text.h
// -----------------------------------------------------------------------------
// Every string a statement holds is UTF-8: not only the fields the ledger
// reads itself (origin, case id, certificate number), but every string of
// every payload, attachment and list, however deep. A statement whose text is
// not UTF-8 would be stored and signed and then could not be shown: its JSON
// view, the case file and the portal all print text. (Found by fuzzing: a
// served document's 文号 with bytes cut from the middle of a character.)
#ifndef LAWTRAIL_LEDGER_STATEMENT_TEXT_H_
#define LAWTRAIL_LEDGER_STATEMENT_TEXT_H_

#include "ledger/status.h"
#include "schemas/statement_generated.h"

namespace lawtrail {

// OK iff every string in `statement` (already passed by the FlatBuffers
// verifier) is well-formed UTF-8; otherwise kInvalidArgument naming the
// first field that is not, as a path: "payload.doc_no", "attachments[2].title".
// Walks the statement by the schema compiled into the binary (schemas/*.fbs),
// so a field added to a schema is checked without a change here.
Status CheckStatementText(const fb::Statement& statement);

}  // namespace lawtrail

#endif  // LAWTRAIL_LEDGER_STATEMENT_TEXT_H_

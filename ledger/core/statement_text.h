// File: ledger/core/statement_text.h
// -----------------------------------------------------------------------------
// Every string a statement holds is text: UTF-8 with no control characters
// but tab, line feed and carriage return. Not only the fields the ledger reads
// itself (origin, case id, certificate number), but every string of every
// payload, attachment and list, however deep. A statement holding other bytes
// would be stored and signed and then could not be shown: its JSON view, the
// case file and the portal all print text, and a NUL cuts it short. (Found by
// fuzzing: a served document's 文号 with bytes cut from the middle of a
// character, and a template id holding NULs.)
#ifndef LAWTRAIL_LEDGER_CORE_STATEMENT_TEXT_H_
#define LAWTRAIL_LEDGER_CORE_STATEMENT_TEXT_H_

#include "ledger/core/status.h"
#include "schemas/statement_generated.h"

namespace lawtrail {

// OK iff every string in `statement` (already passed by the FlatBuffers
// verifier) is well-formed UTF-8 without control characters (C0 but tab, LF
// and CR; DEL; C1); otherwise kInvalidArgument naming the first field that is
// not, as a path: "payload.doc_no", "attachments[2].title".
// Walks the statement by the schema compiled into the binary (schemas/*.fbs),
// so a field added to a schema is checked without a change here.
Status CheckStatementText(const fb::Statement& statement);

}  // namespace lawtrail

#endif  // LAWTRAIL_LEDGER_CORE_STATEMENT_TEXT_H_

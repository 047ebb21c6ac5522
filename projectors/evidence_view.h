// File: projectors/evidence_view.h
// -----------------------------------------------------------------------------
// The "evidence" view: for every file a record names by SHA-256 (a 文书, a
// recording, an item of evidence: ledger/core/statement_files.h), the records
// that name it, and whether a retention decision disposed of it.
//
//   file/<hex>   {"refs": [{index, case_id, act, kind, title, doc_type, doc_no, size}], "disposed_by": index}
//
// The evidence store asks it which staged files a record references (they
// are kept) and which it may sweep; scrub names the records of a file that
// changed or vanished; the warnings name the files a record references and
// the store does not hold. Not public: a file's existence is the case's.
#ifndef LAWTRAIL_PROJECTORS_EVIDENCE_VIEW_H_
#define LAWTRAIL_PROJECTORS_EVIDENCE_VIEW_H_

#include <string>
#include <vector>

#include "ledger/core/bytes.h"
#include "projectors/internal/projector.h"
#include "projectors/view_store.h"

namespace lawtrail::projectors {

class EvidenceView : public Projector {
 public:
  static constexpr std::string_view kName = "evidence";
  std::string_view name() const override { return kName; }
  uint32_t version() const override { return 1; }
  Status Apply(const ProjectedRecord& r, ViewTxn& view) override;
};

struct FileRef {
  uint64_t index = 0;
  std::string case_id, act, kind, title, doc_type, doc_no;
  uint64_t size = 0;
};

struct FileRefs {
  std::vector<FileRef> refs;
  std::optional<uint64_t> disposed_by;  // the EvidenceDisposed record
};

// What the view knows of file `hash` (no refs: no record names it).
Result<FileRefs> ReadFileRefs(ViewStore& views, const Hash& hash);

// Every file some record names, in hash order, with its refs: for listing
// the files a record references and the store lacks.
Status ScanFileRefs(ViewStore& views, const std::function<bool(const Hash&, const FileRefs&)>& visit);

}  // namespace lawtrail::projectors

#endif  // LAWTRAIL_PROJECTORS_EVIDENCE_VIEW_H_

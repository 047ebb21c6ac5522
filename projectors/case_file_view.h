// File: projectors/case_file_view.h
// -----------------------------------------------------------------------------
// The "casefile" view (R5, U1): per case, the 案卷 as ledger/casefile builds it
// from the case's records — cover, 卷内目录 of 正卷 and 副卷 in filing order,
// AV, timeline with each signer's name, rule flags, 备考表 — plus the one
// thing no case's own records can tell: its 归档号, which counts every case
// closed before it in the year.
//
//   ~archived/<case id>            the 归档号 the case was given
//   ~archive/<year>                the last 归档号 serial of the year
//   ~officer/<cert>/<index>        an officer's name from record <index> on
//   ~agency/<index>, ~agency       the agency's name (and department) from <index> on; the current one
//
// Everything else is a function of the case's records, which the log already
// holds under its case index: ReadCaseFile folds them on each read, up to the
// view's cursor, so the file is the state of one moment and the view does not
// copy the log.
//
// The case file is for supervisors and courts, not the public: it shows masked
// party names like every view, but also the restricted volume.
#ifndef LAWTRAIL_PROJECTORS_CASE_FILE_VIEW_H_
#define LAWTRAIL_PROJECTORS_CASE_FILE_VIEW_H_

#include <string>

#include <nlohmann/json.hpp>

#include "ledger/casefile/case_file.h"
#include "ledger/log/log_reader.h"
#include "projectors/internal/projector.h"
#include "projectors/view_store.h"

namespace lawtrail::projectors {

class CaseFileView : public Projector {
 public:
  static constexpr std::string_view kName = "casefile";
  std::string_view name() const override { return kName; }
  uint32_t version() const override { return 6; }  // 6: the cover states the remedies and any 复议 or suit
  Status Apply(const ProjectedRecord& r, ViewTxn& view) override;
};

// The whole case file of `case_id`, as JSON for the API: cover, 正卷 and 副卷
// in filing order with 序号, timeline, AV, flags and 备考表, with the 归档号
// from the view and the rest from the log's records of the case that the view
// has folded.
Result<nlohmann::json> ReadCaseFile(ViewStore& views, const LogReader& log, std::string_view case_id);

// A case file as that JSON.
nlohmann::json CaseFileJson(const casefile::CaseFile& file);

}  // namespace lawtrail::projectors

#endif  // LAWTRAIL_PROJECTORS_CASE_FILE_VIEW_H_

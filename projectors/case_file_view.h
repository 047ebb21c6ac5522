// File: projectors/case_file_view.h
// -----------------------------------------------------------------------------
// The "casefile" view (R5, U1): per case, the 案卷 as domain.md §6 describes
// it — the cover (案件名称, 文号, 办案机构, dates, 保管期限, 归档号), the 卷内目录
// of the main volume (正卷) and the restricted one (副卷) in the order of
// case-file-order.tsv, each document with its content hash and the record that
// carries it, the AV recordings, the full timeline with actor names and
// certificate numbers, the rule flags, and the 备考表.
//
//   case/<case id>                 the cover and 备考表 (JSON)
//   ~archived/<case id>            the 归档号 the case was given
//   ~officer/<cert>[/<index>]      an officer's name, current and from each change
//   ~agency, ~archive/<year>       working state
//
// The view keeps only what takes more than the case's own records to know:
// the cover, whose 归档号 counts every case closed before it. The 卷内目录,
// the timeline, the AV and the flags are each a function of one record, and
// the log already holds every record of a case under its case index; copying
// them into the view would double the store and make folding a record cost
// several writes. ReadCaseFile reads them from the log, up to the view's
// cursor so that the file is the state of one moment.
//
// The case file is for supervisors and courts, not the public: it shows masked
// party names like every view, but also the restricted volume.
#ifndef LAWTRAIL_PROJECTORS_CASE_FILE_VIEW_H_
#define LAWTRAIL_PROJECTORS_CASE_FILE_VIEW_H_

#include <nlohmann/json.hpp>

#include <string>

#include "ledger/log_reader.h"
#include "projectors/projector.h"
#include "projectors/view_store.h"

namespace lawtrail::projectors {

class CaseFileView : public Projector {
 public:
  static constexpr std::string_view kName = "casefile";
  std::string_view name() const override { return kName; }
  uint32_t version() const override { return 3; }
  Status Apply(const ProjectedRecord& r, ViewTxn& view) override;
  CaseKeys CaseKeysOf(std::string_view case_id) const override { return {{"case/" + std::string(case_id)}, {}}; }
};

// Volume and rank of a document type for `department` (case-file-order.tsv);
// unknown types go last in the main volume.
struct Placement {
  std::string volume;  // 正卷 or 副卷
  int rank = 1000;
};
Placement PlaceDocument(std::string_view department, std::string_view doc_type);

// The whole case file of `case_id`: cover, 正卷 and 副卷 in filing order with
// 序号, timeline, AV, flags and 备考表.
// Reads the cover from the view and the rest from the log's records of the
// case that the view has folded.
Result<nlohmann::json> ReadCaseFile(ViewStore& views, const LogReader& log, std::string_view case_id);

// The 备考表's 本卷情况说明 of a file of `documents` documents.
std::string FileNote(size_t documents);

}  // namespace lawtrail::projectors

#endif  // LAWTRAIL_PROJECTORS_CASE_FILE_VIEW_H_

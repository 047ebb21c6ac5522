// File: projectors/case_file_view.h
// -----------------------------------------------------------------------------
// The "casefile" view (R5, U1): per case, the 案卷 as domain.md §6 describes
// it — the cover (案件名称, 文号, 办案机构, dates, 保管期限, 归档号), the 卷内目录
// of the main volume (正卷) and the restricted one (副卷) in the order of
// case-file-order.tsv, each document with its content hash and the record that
// carries it, the AV recordings, the full timeline with actor names and
// certificate numbers, the rule flags, and the 备考表.
//
//   case/<case id>                       cover and 备考表 (JSON)
//   case/<case id>/d/<卷>/<rank>/<index>/<n>  one document of the 卷内目录
//   case/<case id>/t/<index>/0            one timeline entry
//   case/<case id>/a/…, /f/…              AV recordings, flags
//   ~officer/<cert>, ~agency, ~archive/<year>  working state
//
// Each record adds its own keys instead of rewriting the case, so folding a
// record costs the same in a long case as in a short one. ReadCaseFile
// assembles the whole file, numbering the 卷内目录.
//
// The case file is for supervisors and courts, not the public: it shows masked
// party names like every view, but also the restricted volume.
#ifndef LAWTRAIL_PROJECTORS_CASE_FILE_VIEW_H_
#define LAWTRAIL_PROJECTORS_CASE_FILE_VIEW_H_

#include <nlohmann/json.hpp>

#include "projectors/projector.h"
#include "projectors/view_store.h"

namespace lawtrail::projectors {

class CaseFileView : public Projector {
 public:
  static constexpr std::string_view kName = "casefile";
  std::string_view name() const override { return kName; }
  uint32_t version() const override { return 1; }
  Status Apply(const ProjectedRecord& r, ViewTxn& view) override;
  CaseKeys CaseKeysOf(std::string_view case_id) const override {
    const std::string id(case_id);
    return {{"case/" + id}, {"case/" + id + "/"}};
  }
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
Result<nlohmann::json> ReadCaseFile(ViewStore& views, std::string_view case_id);

}  // namespace lawtrail::projectors

#endif  // LAWTRAIL_PROJECTORS_CASE_FILE_VIEW_H_

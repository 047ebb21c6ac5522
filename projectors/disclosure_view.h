// File: projectors/disclosure_view.h
// -----------------------------------------------------------------------------
// The "disclosure" view (D3, D4, D6, D7): one record per decision, with the
// fields of the 行政处罚决定公示 layout (domain.md §7.2) masked per §7.4, its
// due date in working days (7 for 行政处罚 and 行政许可, 20 otherwise), when it
// was published and whether on time, its display period, corrections, the
// change that made it due for withdrawal (第48条: 3 working days) and the
// withdrawal — every version kept.
//
//   decision/<case id>             the current disclosure record (JSON)
//   decision/<case id>/v/<index>   one per version (the act at <index>): the
//                                  merge patch that undoes the act
//   by-date/<decided on>/<case id> listing order for publishable decisions
//   ~case/<case id>, ~agency       the projector's own working state
//
// Never holds a clear private value: a natural person appears only by the
// masked name the statement carries; minors' decisions are not publishable.
#ifndef LAWTRAIL_PROJECTORS_DISCLOSURE_VIEW_H_
#define LAWTRAIL_PROJECTORS_DISCLOSURE_VIEW_H_

#include <nlohmann/json.hpp>

#include "projectors/internal/projector.h"
#include "projectors/view_store.h"

namespace lawtrail::projectors {

class DisclosureView : public Projector {
 public:
  static constexpr std::string_view kName = "disclosure";
  std::string_view name() const override { return kName; }
  uint32_t version() const override { return 1; }
  Status Apply(const ProjectedRecord& r, ViewTxn& view) override;
  CaseKeys CaseKeysOf(std::string_view case_id) const override {
    const std::string id(case_id);
    return {{"decision/" + id, "~case/" + id}, {"decision/" + id + "/"}};
  }
};

// Whether a decision in the case opened by `o` is ever published: never for a
// minor, nor under 简易程序 (domain.md §7.3, §7.4).
bool Publishable(const fb::CaseOpened& o);

// The status of a disclosure record on `today` (YYYY-MM-DD): "not published"
// (not publishable), "due", "overdue", "published on time", "published late",
// "withdrawn".
std::string DisclosureStatus(const std::string& record_json, const std::string& today);

// The record as it stood after each act, oldest first, from the current
// record and the undo patches stored under it in index order; empty if one of
// them is not a JSON object.
std::vector<nlohmann::json> MergeVersions(std::string_view current, const std::vector<std::string_view>& undo);
// The same, read from the active disclosure view.
Result<std::vector<nlohmann::json>> DisclosureHistory(ViewStore& views, std::string_view case_id);

}  // namespace lawtrail::projectors

#endif  // LAWTRAIL_PROJECTORS_DISCLOSURE_VIEW_H_

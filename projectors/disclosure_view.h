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
//   notice/<case id>/<index>       a 征收 notice the town posted (TakingNoticePosted):
//                                  public as posted, and its record with it
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
  uint32_t version() const override { return 5; }  // 5: 征收 notices
  Status Apply(const ProjectedRecord& r, ViewTxn& view) override;
  CaseKeys CaseKeysOf(std::string_view case_id) const override {
    const std::string id(case_id);
    return {{"decision/" + id, "~case/" + id}, {"decision/" + id + "/", "notice/" + id + "/"}};
  }
};

// Whether a decision in the case opened by `o` is ever published: never for a
// minor, nor under 简易程序 (domain.md §7.3, §7.4).
bool Publishable(const fb::CaseOpened& o);

// The status of a disclosure record on `today` (YYYY-MM-DD): "not published"
// (not publishable), "due", "overdue", "published on time", "published late",
// "display ended" (published, its 公示期 over), "withdrawn".
std::string DisclosureStatus(const nlohmann::json& record, const std::string& today);
std::string DisclosureStatus(const std::string& record_json, const std::string& today);

// The last day a published decision is shown (YYYY-MM-DD): the publication's
// 公示截止期, or for a publication older than that check, its decision day
// plus the display months its penalties call for.
std::string DisplayEnds(const nlohmann::json& record);

// What the public may see of a disclosure record on `today`, or null when
// nothing is: never published, or its display period over (a withdrawal
// notice too). A withdrawn one shows only its number, that it was withdrawn,
// when and why (第48条); a
// shown one its current version only, never an earlier one (domain.md §7.3).
// `record_index` names the one record a reader may fetch to verify it.
nlohmann::json PublicDisclosure(const nlohmann::json& record, const std::string& today);

// Whether the record at `index` is the one that makes the public form of the
// case's disclosure today (so that anyone may read it); earlier versions,
// withdrawn and expired publications are not.
Result<bool> IsPublicDisclosureRecord(ViewStore& views, std::string_view case_id, uint64_t index,
                                      const std::string& today);

// The 征收 notices the public may read, newest posting first: each as posted
// (kind, 文号, issuing government, project, 村, places, the days shown) with
// its `record_index`. A notice is posted in the 乡（镇）、村、村民小组 for all to
// read (土地管理法实施条例 第26–31条), so it stays public.
Result<std::vector<nlohmann::json>> TakingNotices(ViewStore& views);

// The record as it stood after each act, oldest first, from the current
// record and the undo patches stored under it in index order; empty if one of
// them is not a JSON object.
std::vector<nlohmann::json> MergeVersions(std::string_view current, const std::vector<std::string_view>& undo);
// The same, read from the active disclosure view.
Result<std::vector<nlohmann::json>> DisclosureHistory(ViewStore& views, std::string_view case_id);

}  // namespace lawtrail::projectors

#endif  // LAWTRAIL_PROJECTORS_DISCLOSURE_VIEW_H_

// File: projectors/statistics_view.h
// -----------------------------------------------------------------------------
// The "statistics" view (D5): per calendar year (China time), the tables of the
// 统计年报 (domain.md §10) and the analysis by category, place, month, weekday
// and hour, kept up to date record by record.
//
//   year/<YYYY>      the year's counts (JSON; money in fen)
//   ~officer/<cert>  roles and validity, for the staff table (执法人员, 持证率)
//   ~case/<case id>  what later acts of the case need (category, village …)
//
// Counting rules (§10): one decision is one 宗, counted once under its heaviest
// penalty type in the order of penalty-severity.tsv; decisions later changed or
// revoked are still counted (the change is counted separately); 罚没金额 is the
// amount in the 决定书.
#ifndef LAWTRAIL_PROJECTORS_STATISTICS_VIEW_H_
#define LAWTRAIL_PROJECTORS_STATISTICS_VIEW_H_

#include <string>
#include <vector>

#include "projectors/internal/projector.h"

namespace lawtrail::projectors {

class StatisticsView : public Projector {
 public:
  static constexpr std::string_view kName = "statistics";
  std::string_view name() const override { return kName; }
  uint32_t version() const override { return 6; }  // 6: 行政许可 申请, 受理, 许可, 不予许可, 撤销
  Status Apply(const ProjectedRecord& r, ViewTxn& view) override;
  CaseKeys CaseKeysOf(std::string_view case_id) const override {
    const std::string id(case_id);
    return {{"~case/" + id}, {}};
  }
};

// Penalty type labels from light to heavy (penalty-severity.tsv).
const std::vector<std::string>& PenaltySeverityOrder();
// The heaviest of `types` in that order.
std::string HeaviestPenalty(const std::vector<std::string>& types);

}  // namespace lawtrail::projectors

#endif  // LAWTRAIL_PROJECTORS_STATISTICS_VIEW_H_

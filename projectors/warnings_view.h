// File: projectors/warnings_view.h
// -----------------------------------------------------------------------------
// The "warnings" view (I3): what the early-warning list is computed from.
//
//   case/<case id>                      the case's deadlines ("obligations"),
//       each opened by one record and met by a later one (90-day decision,
//       7-working-day service, disclosure due date, 先行登记保存 disposal,
//       seizure term, 15-day payment) with its due date and the evidence
//       (record indices); and what folding its later records needs
//   flag/<index>/<rule>                 a procedure flag raised at admission
//   ~fines/<power item>/<officer>       fines decided, for peer comparison
//   ~party/<统一社会信用代码>            cases per organisation party
//   ~place/<village>/<YYYY-MM>          cases opened per village and month
//
// The fold is pure; whether an open obligation is at risk or missed depends on
// the day it is read, so ComputeWarnings takes `today`.
#ifndef LAWTRAIL_PROJECTORS_WARNINGS_VIEW_H_
#define LAWTRAIL_PROJECTORS_WARNINGS_VIEW_H_

#include <nlohmann/json.hpp>

#include "projectors/internal/projector.h"
#include "projectors/view_store.h"

namespace lawtrail::projectors {

class WarningsView : public Projector {
 public:
  static constexpr std::string_view kName = "warnings";
  std::string_view name() const override { return kName; }
  uint32_t version() const override { return 8; }  // 8: drawn checks' results due in 20 working days
  Status Apply(const ProjectedRecord& r, ViewTxn& view) override;
  CaseKeys CaseKeysOf(std::string_view case_id) const override { return {{"case/" + std::string(case_id)}, {}}; }
};

// The warnings on `today` (YYYY-MM-DD): each {kind, severity, case_id,
// message, evidence: [record indices]}. Kinds: "deadline missed", "deadline
// at risk" (due within 2 working days), "met late", "procedure flag",
// "officer fines far from peers", "repeat party", "place spike".
Result<nlohmann::json> ComputeWarnings(ViewStore& views, const std::string& today);

}  // namespace lawtrail::projectors

#endif  // LAWTRAIL_PROJECTORS_WARNINGS_VIEW_H_

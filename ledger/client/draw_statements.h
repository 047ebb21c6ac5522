// File: ledger/client/draw_statements.h
// -----------------------------------------------------------------------------
// Builds the unsigned statements of the 双随机 draw: a pool's snapshot
// (root-signed, "@registry"), the announcement, the result, a recusal and a
// cancellation ("@draws"). Sign the result with SignStatement.
//
// Example (the operator, once the log has the seed checkpoint):
//   draw::DrawTerms terms = AnnouncementTerms(...);          // what to commit to
//   Bytes a = DrawAnnouncedStatement(h, terms);
//   ... the log reaches terms.seed.tree_size and its witnesses cosign ...
//   auto checks = draw::RunDraw(seed.value, objects, inspectors, terms.team_size, terms.ratios);
//   Bytes r = DrawRecordedStatement(h2, terms.task_no, cosigned_checkpoint, checks);
#ifndef LAWTRAIL_LEDGER_CLIENT_DRAW_STATEMENTS_H_
#define LAWTRAIL_LEDGER_CLIENT_DRAW_STATEMENTS_H_

#include <map>
#include <string>
#include <vector>

#include "ledger/client/statement_builder.h"
#include "ledger/draw/draw.h"

namespace lawtrail {

Bytes InspectionPoolStatement(const StatementHeader& h, const draw::Pool& pool);
// The announcement of `terms` (hashes and counts as given: the caller takes
// them from the pools it commits to).
Bytes DrawAnnouncedStatement(const StatementHeader& h, const draw::DrawTerms& terms);
Bytes DrawRecordedStatement(const StatementHeader& h, const std::string& task_no, const std::string& seed_checkpoint,
                            const std::vector<draw::DrawnCheck>& checks);
Bytes InspectorRecusedStatement(const StatementHeader& h, const std::string& task_no, const std::string& object_id,
                                const std::string& inspector, const std::string& reason,
                                const std::string& replacement);
Bytes InspectionResultStatement(const StatementHeader& h, const std::string& task_no, const std::string& object_id,
                                const std::vector<std::string>& officers, const std::string& ended_date,
                                fb::CheckOutcome outcome, const std::string& summary, const std::string& record_no);
Bytes InspectionResultPublishedStatement(const StatementHeader& h, const std::string& task_no,
                                         const std::string& object_id, const std::string& published_date);
Bytes DrawCancelledStatement(const StatementHeader& h, const std::string& task_no, const std::string& reason);

// One item of a yearly plan: its batches and caps (credit class, "" for any
// other → checks per enterprise a year).
struct PlanItem {
  std::string item_code;
  unsigned batches = 1;
  std::map<std::string, unsigned> caps;
};
Bytes InspectionPlanStatement(const StatementHeader& h, int year, const std::string& plan_no,
                              const std::vector<PlanItem>& items, bool scan_on_entry);
// An entry scan (扫码入企) at `scanned_at_ms`; `late_reason` when it is recorded afterwards.
Bytes EntryScannedStatement(const StatementHeader& h, const std::string& task_no, const std::string& object_id,
                            const std::vector<std::string>& officers, int64_t scanned_at_ms,
                            const std::string& location, const std::string& late_reason = "");

}  // namespace lawtrail

#endif  // LAWTRAIL_LEDGER_CLIENT_DRAW_STATEMENTS_H_

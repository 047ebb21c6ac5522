// File: ledger/domain/retention.h
// -----------------------------------------------------------------------------
// A case file's 保管期限 and the disposal of its originals when it has run.
//
// Important files are kept permanently (永久), ordinary ones 30 years
// (shared/domain.md §6): a penalty, coercion or inspection case under the
// general procedure is 永久, one under the simple procedure 30 年; a licence
// file 30 年 [G: no national rule; an agency's own list may say 永久]; a
// 征收 or 征用 file 永久. The term counts from 1 January of the year after
// the case was closed, as archives count a year's files (归档年度的次年).
//
// Disposal (EvidenceDisposed, rule P-RETENTION) follows 档案法 第二十一条 and
// 机关档案管理规定: appraisal (鉴定), a 销毁清册, the head's approval (the
// head signs the event) and two people supervising (监销). Only originals
// the case's own acts attached may go, each once, and never from a 永久
// file. The log keeps the hashes and the reason; only the files leave the
// evidence store.
#ifndef LAWTRAIL_LEDGER_DOMAIN_RETENTION_H_
#define LAWTRAIL_LEDGER_DOMAIN_RETENTION_H_

#include <optional>
#include <string>

#include "ledger/core/status.h"
#include "ledger/domain/calendar.h"
#include "ledger/domain/case_state.h"
#include "schemas/statement_generated.h"

namespace lawtrail::domain {

inline constexpr int kOrdinaryRetentionYears = 30;

// The term in years, or nullopt for 永久.
std::optional<int> RetentionYears(fb::CaseCategory category, fb::Procedure procedure);
// "永久" or "30年", as the case file's cover states it.
std::string RetentionLabel(std::optional<int> years);
// The first day a file closed on `closed_on` with a term of `years` may be
// disposed of: 1 January of (the year after closing + years).
Date DisposalAllowedFrom(const Date& closed_on, int years);

// P-RETENTION: an EvidenceDisposed on case `c` at time `at`.
Status CheckDisposal(const CaseProcedureState& c, const fb::Statement& st, int64_t at);

}  // namespace lawtrail::domain

#endif  // LAWTRAIL_LEDGER_DOMAIN_RETENTION_H_

#include "ledger/domain/retention.h"

#include <set>

#include "ledger/core/bytes.h"
#include "ledger/core/fb_string.h"
#include "ledger/domain/rules.h"

namespace lawtrail::domain {

std::optional<int> RetentionYears(fb::CaseCategory category, fb::Procedure procedure) {
  switch (category) {
    case fb::CaseCategory::Expropriation: return std::nullopt;
    case fb::CaseCategory::Licensing: return kOrdinaryRetentionYears;
    default: return procedure == fb::Procedure::General ? std::nullopt : std::optional<int>(kOrdinaryRetentionYears);
  }
}

std::string RetentionLabel(std::optional<int> years) {
  return years ? std::to_string(*years) + "年" : std::string("永久");
}

Date DisposalAllowedFrom(const Date& closed_on, int years) {
  return Date{closed_on.year() + std::chrono::years(1 + years), std::chrono::January, std::chrono::day(1)};
}

namespace {

Status CheckDisposalRecord(const fb::EvidenceDisposed& d) {
  if (Str(d.register_no()).empty()) return Refuse("P-RETENTION", "a disposal names its 销毁清册 (register_no)");
  if (Str(d.appraisal()).empty()) return Refuse("P-RETENTION", "a disposal states its 鉴定意见 (appraisal)");
  std::set<std::string> supervisors;
  if (d.supervised_by() != nullptr) {
    for (const auto* s : *d.supervised_by()) {
      if (!Str(s).empty()) supervisors.insert(Str(s));
    }
  }
  if (supervisors.size() < 2) {
    return Refuse("P-RETENTION",
                  "a disposal is supervised by two people (二人监销); it names " + std::to_string(supervisors.size()));
  }
  if (d.items() == nullptr || d.items()->size() == 0)
    return Refuse("P-RETENTION", "a disposal lists what it disposes of");
  return Status::Ok();
}

}  // namespace

Status CheckDisposal(const CaseProcedureState& c, const fb::Statement& st, int64_t at) {
  const fb::EvidenceDisposed& d = *st.payload_as_EvidenceDisposed();
  const std::string case_id = Str(st.case_id());
  if (c.closed_at_ms == 0) return Refuse("P-RETENTION", "case '" + case_id + "' is not closed (未结案)");
  const std::optional<int> years = RetentionYears(c.category, c.procedure);
  if (!years) {
    return Refuse("P-RETENTION", "the file of case '" + case_id +
                                     "' is kept permanently (保管期限 永久): its originals "
                                     "are never disposed of");
  }
  const Date closed_on = ChinaDateOf(c.closed_at_ms);
  const Date from = DisposalAllowedFrom(closed_on, *years);
  if (ChinaDateOf(at) < from) {
    return Refuse("P-RETENTION", "case '" + case_id + "' was closed on " + FormatDate(closed_on) + "; its " +
                                     RetentionLabel(years) + " 保管期限 runs until " +
                                     FormatDate(Date{from.year() - std::chrono::years(1), std::chrono::December,
                                                     std::chrono::day(31)}) +
                                     "; its originals may be disposed of from " + FormatDate(from));
  }
  LAWTRAIL_RETURN_IF_ERROR(CheckDisposalRecord(d));
  std::set<std::string> listed;
  for (const auto* item : *d.items()) {
    const std::string hex = Str(item);
    auto raw = FromHex(hex);
    if (hex.size() != 64 || !raw.ok() || ToHex(*raw) != hex) {
      return Refuse("P-RETENTION", "'" + hex + "' is not a content hash (64 lower-case hex digits)");
    }
    const std::string key(raw->begin(), raw->end());
    if (!listed.insert(key).second) return Refuse("P-RETENTION", hex + " is listed twice");
    if (c.attachment_hashes.count(key) == 0) {
      return Refuse("P-RETENTION", hex + " is no document or recording of case '" + case_id + "'");
    }
    if (c.disposed_hashes.count(key) != 0) return Refuse("P-RETENTION", hex + " was already disposed of");
  }
  return Status::Ok();
}

}  // namespace lawtrail::domain

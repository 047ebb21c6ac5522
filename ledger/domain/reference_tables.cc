#include "ledger/domain/reference_tables.h"

#include "ledger/core/fb_string.h"
#include "ledger/core/sha256.h"
#include "ledger/domain/rules.h"

namespace lawtrail::domain {

extern const std::string_view kHolidaysCnTsv;
extern const std::string_view kCaseStagesTsv;
extern const std::string_view kRequiredDocumentsTsv;
extern const std::string_view kProcedureThresholdsTsv;
extern const std::string_view kHeadApprovalsTsv;

namespace {

using Kind = fb::ReferenceTableKind;

size_t Slot(Kind kind) { return static_cast<size_t>(kind); }

bool KnownKind(Kind kind) { return Slot(kind) < ReferenceTables::kKinds; }

// A calendar that changes a day of a year `before` publishes: the first such
// day, or "" if it only adds years.
std::string RewrittenDay(const WorkdayCalendar& before, const WorkdayCalendar& after) {
  using namespace std::chrono;
  for (const int y : before.published_years()) {
    if (!after.Published(year(y))) return std::to_string(y) + " (no longer published)";
    for (sys_days d = sys_days(year(y) / January / 1); d <= sys_days(year(y) / December / 31); d += days(1)) {
      if (before.IsWorkday(Date(d)) != after.IsWorkday(Date(d))) return FormatDate(Date(d));
    }
  }
  return "";
}

}  // namespace

std::shared_ptr<const ReferenceTables> ReferenceTables::Builtin() {
  static const std::shared_ptr<const ReferenceTables> builtin = [] {
    auto t = std::make_shared<ReferenceTables>();
    t->texts_[Slot(Kind::HolidayCalendar)] = kHolidaysCnTsv;
    t->texts_[Slot(Kind::CaseStages)] = kCaseStagesTsv;
    t->texts_[Slot(Kind::RequiredDocuments)] = kRequiredDocumentsTsv;
    t->texts_[Slot(Kind::ProcedureThresholds)] = kProcedureThresholdsTsv;
    t->texts_[Slot(Kind::HeadApprovals)] = kHeadApprovalsTsv;
    t->calendar_ = WorkdayCalendar::China();
    t->procedure_ = ProcedureTables::Builtin();
    return std::shared_ptr<const ReferenceTables>(std::move(t));
  }();
  return builtin;
}

Result<std::shared_ptr<const ReferenceTables>> ReferenceTables::With(Kind kind, std::string_view text) const {
  if (!KnownKind(kind)) return Status::InvalidArgument("unknown reference table kind");
  auto next = std::make_shared<ReferenceTables>(*this);
  next->texts_[Slot(kind)] = std::string(text);
  if (kind == Kind::HolidayCalendar) {
    LAWTRAIL_ASSIGN_OR_RETURN(next->calendar_, WorkdayCalendar::Parse(text));
  } else {
    const auto& t = next->texts_;
    LAWTRAIL_ASSIGN_OR_RETURN(
        next->procedure_, ProcedureTables::Parse({t[Slot(Kind::CaseStages)], t[Slot(Kind::RequiredDocuments)],
                                                  t[Slot(Kind::ProcedureThresholds)], t[Slot(Kind::HeadApprovals)]}));
  }
  return std::shared_ptr<const ReferenceTables>(std::move(next));
}

Hash ReferenceTables::digest(Kind kind) const { return Sha256(AsBytes(text(kind))); }

Status CheckAdoption(const ReferenceTables& current, const fb::ReferenceTableAdopted& a) {
  if (!KnownKind(a.kind())) return Refuse("P-REFERENCE", "unknown reference table kind");
  const std::string what = std::string("the adopted ") + fb::EnumNameReferenceTableKind(a.kind());
  const std::string content = Str(a.content());
  if (content.empty()) return Refuse("P-REFERENCE", what + " has no content");
  const Hash digest = Sha256(AsBytes(content));
  if (a.content_sha256() == nullptr || a.content_sha256()->size() != digest.size() ||
      !std::equal(digest.begin(), digest.end(), a.content_sha256()->begin())) {
    return Refuse("P-REFERENCE", what + "'s content does not have the SHA-256 the event states");
  }
  auto from = ParseDate(Str(a.governs_from()));
  auto until = ParseDate(Str(a.governs_until()));
  if (!from.ok() || !until.ok()) return Refuse("P-REFERENCE", what + " needs the period it governs (YYYY-MM-DD)");
  if (*until < *from) return Refuse("P-REFERENCE", what + "'s period ends before it starts");
  if (Str(a.source()).empty()) return Refuse("P-REFERENCE", what + " needs its source (the notice or rule)");
  auto next = current.With(a.kind(), content);
  if (!next.ok()) return Refuse("P-REFERENCE", what + " does not parse: " + next.status().message());
  if (a.kind() == Kind::HolidayCalendar) {
    if (const std::string day = RewrittenDay(current.calendar(), (*next)->calendar()); !day.empty()) {
      return Refuse("P-REFERENCE", what + " changes " + day +
                                       ", a day of a year the calendar in force already publishes: a calendar may "
                                       "only add years");
    }
  }
  return Status::Ok();
}

}  // namespace lawtrail::domain

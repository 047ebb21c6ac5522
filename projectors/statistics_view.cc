#include "projectors/statistics_view.h"

#include <algorithm>
#include <chrono>
#include <optional>
#include <sstream>

#include "ledger/casefile/labels.h"
#include "ledger/core/log_format.h"
#include "ledger/domain/calendar.h"
#include "ledger/domain/legal_periods.h"
#include "ledger/domain/licence.h"
#include "ledger/domain/taking.h"
#include "projectors/internal/json_view.h"
#include "projectors/view_doc.h"

namespace lawtrail::domain {
extern const std::string_view kPenaltySeverityTsv;
}

namespace lawtrail::projectors {
namespace {

using nlohmann::json;

// Calendar fields of a moment in China time.
struct When {
  std::string year, month, day, weekday, hour;
};

When WhenOf(int64_t ms) {
  const std::string day = ChinaDay(ms);
  const auto date = domain::ChinaDateOf(ms);
  const unsigned wd = std::chrono::weekday(std::chrono::sys_days(date)).iso_encoding();  // 1 = Monday
  return {day.substr(0, 4), day.substr(5, 2), day, std::to_string(wd), ChinaHour(ms)};
}

void Add(json& node, const std::string& key, int64_t n = 1) {
  if (node.is_null()) node = json::object();
  node[key] = node.value(key, int64_t{0}) + n;
}

// Applies `edit` to the document of the year containing `ms`, in place.
template <typename Edit>
Status EditYear(ViewTxn& view, int64_t ms, Edit edit) {
  const int year = int(domain::ChinaDateOf(ms).year());
  LAWTRAIL_ASSIGN_OR_RETURN(json * doc, view.EditDoc("year/" + std::to_string(year)));
  if (doc->is_null()) *doc = {{"year", year}};
  edit(*doc);
  return Status::Ok();
}

// What the view keeps of a case to count its later records. Acts recorded
// before the case was opened (案源登记) find only what they set.
struct CaseTallyFacts final : FieldsDoc<CaseTallyFacts> {
  std::optional<std::string> category, decided_on;
  std::optional<bool> late_fee_counted;  // 加处罚款 is one 强制执行 per case, however many statements
  std::optional<bool> licence_accepted;  // 受理 counted (in writing, or by the decision after silence)
  std::optional<std::string> procedure, village;
  std::optional<std::string> taking;  // 征收 or 征用: the row a 行政征收征用 case counts in when completed
  template <typename V>
  void Fields(V& v) {
    v("category", category), v("decided_on", decided_on), v("late_fee_counted", late_fee_counted);
    v("licence_accepted", licence_accepted), v("procedure", procedure), v("taking", taking);
    v("village", village);
  }
};

const char* CoerciveLabel(fb::CoerciveKind k) {
  switch (k) {
    case fb::CoerciveKind::Seal: return "查封场所设施或者财物";
    case fb::CoerciveKind::Seize: return "扣押财物";
    case fb::CoerciveKind::FreezeDeposit: return "冻结存款汇款";
    default: return "其他";
  }
}

const char* ExecutionLabel(fb::ExecutionKind k) {
  switch (k) {
    case fb::ExecutionKind::Demolition: return "排除妨碍、恢复原状（强制拆除）";
    case fb::ExecutionKind::Auction: return "拍卖或者依法处理查封扣押财物";
    case fb::ExecutionKind::Substitute: return "代履行";
    default: return "其他";
  }
}

// Counts an act that needs nothing of the case's earlier records.
Status StatisticsOfAct(const fb::Statement& st, ViewTxn& view) {
  const int64_t at = st.occurred_at_ms();
  switch (st.payload_type()) {
    case fb::Payload::LegalReviewOpinion: {
      const bool problems = st.payload_as_LegalReviewOpinion()->outcome() == fb::ReviewOutcome::Problems;
      return EditYear(view, at, [&](json& y) {
        Add(y["法制审核"], "审核数");
        if (problems) Add(y["法制审核"], "纠错数");
      });
    }
    case fb::Payload::CollectiveDiscussionHeld:
      return EditYear(view, at, [&](json& y) { Add(y["行政处罚"], "集体讨论"); });
    case fb::Payload::HearingHeld: return EditYear(view, at, [&](json& y) { Add(y["行政处罚"], "听证"); });
    case fb::Payload::CoerciveMeasureTaken:
      return EditYear(view, at, [&](json& y) {
        Add(y["行政强制"]["强制措施"], CoerciveLabel(st.payload_as_CoerciveMeasureTaken()->kind()));
      });
    case fb::Payload::EnforcementExecuted:
      return EditYear(view, at, [&](json& y) {
        Add(y["行政强制"]["强制执行"], ExecutionLabel(st.payload_as_EnforcementExecuted()->kind()));
      });
    case fb::Payload::CourtEnforcementApplied:
      return EditYear(view, at, [&](json& y) { Add(y["行政强制"], "申请法院强制执行"); });
    // A drawn check is one inspection of one object with its full record (domain-acts.md §4): counted by checks.
    case fb::Payload::InspectionResultRecorded:
      return EditYear(view, at, [&](json& y) {
        Add(y["其他执法行为"], "行政检查");
        Add(y["其他执法行为"], "双随机抽查");
      });
    default: return Status::Ok();
  }
}

}  // namespace

const std::vector<std::string>& PenaltySeverityOrder() {
  static const std::vector<std::string> order = [] {
    std::vector<std::string> out;
    std::istringstream in{std::string(domain::kPenaltySeverityTsv)};
    std::string line;
    while (std::getline(in, line)) {
      if (!line.empty() && line[0] != '#') out.push_back(line);
    }
    return out;
  }();
  return order;
}

std::string HeaviestPenalty(const std::vector<std::string>& types) {
  const auto& order = PenaltySeverityOrder();
  std::string heaviest;
  long best = -1;
  for (const auto& t : types) {
    const auto it = std::find(order.begin(), order.end(), t);
    const long rank = it == order.end() ? -1 : it - order.begin();
    // A named type beats "其他" whatever the order says (§10).
    if (heaviest.empty() || (heaviest == "其他" && t != "其他") || (t != "其他" && rank > best)) {
      heaviest = t;
      best = rank;
    }
  }
  return heaviest;
}

namespace {

// The key of the statement's case in this view. Most records are counted
// without their case: the key is built only where needed.
std::string CaseKeyOf(const fb::Statement& st) { return "~case/" + Str(st.case_id()); }

// The registry's officers and the opening of a case: counted whatever the
// case; nullopt for any other act.
std::optional<Status> CountOfficerOrOpening(const fb::Statement& st, ViewTxn& view, int64_t at) {
  switch (st.payload_type()) {
    case fb::Payload::OfficerRegistered: {
      const auto* o = st.payload_as_OfficerRegistered();
      json roles = json::array();
      if (o->roles()) {
        for (auto role : *o->roles()) roles.push_back(fb::EnumNameRole(role));
      }
      view.StoreDoc("~officer/" + Str(o->certificate_no()), {{"roles", roles},
                                                             {"valid_from_ms", o->valid_from_ms()},
                                                             {"valid_until_ms", o->valid_until_ms()},
                                                             {"registered_at_ms", at},
                                                             {"state", "active"}});
      return Status::Ok();
    }
    // A renewal (换证) or other profile change: the certificate's validity as it now stands, as admission
    // and the public certificate check have it (0: no end).
    case fb::Payload::OfficerProfileChanged: {
      const auto* c = st.payload_as_OfficerProfileChanged();
      LAWTRAIL_ASSIGN_OR_RETURN(json o, view.LoadDoc("~officer/" + Str(c->certificate_no())));
      if (o.is_null()) return Status::Ok();
      o["valid_until_ms"] = c->valid_until_ms();
      if (c->roles() != nullptr && c->roles()->size() > 0) {
        json roles = json::array();
        for (auto role : *c->roles()) roles.push_back(fb::EnumNameRole(role));
        o["roles"] = roles;
      }
      view.StoreDoc("~officer/" + Str(c->certificate_no()), o);
      return Status::Ok();
    }
    case fb::Payload::OfficerSuspended:
    case fb::Payload::OfficerReinstated:
    case fb::Payload::OfficerRevoked: {
      const std::string cert = st.payload_type() == fb::Payload::OfficerSuspended
                                   ? Str(st.payload_as_OfficerSuspended()->certificate_no())
                               : st.payload_type() == fb::Payload::OfficerReinstated
                                   ? Str(st.payload_as_OfficerReinstated()->certificate_no())
                                   : Str(st.payload_as_OfficerRevoked()->certificate_no());
      LAWTRAIL_ASSIGN_OR_RETURN(json o, view.LoadDoc("~officer/" + cert));
      if (o.is_null()) return Status::Ok();
      o["state"] = st.payload_type() == fb::Payload::OfficerSuspended ? "suspended"
                   : st.payload_type() == fb::Payload::OfficerRevoked ? "revoked"
                                                                      : "active";
      o["state_since_ms"] = at;
      view.StoreDoc("~officer/" + cert, o);
      return Status::Ok();
    }
    case fb::Payload::CaseOpened: {
      const auto* o = st.payload_as_CaseOpened();
      const When w = WhenOf(at);
      CaseTallyFacts c;
      c.category = Label(o->category());
      c.procedure = Label(o->procedure());
      c.village = Str(o->village());
      view.Store(CaseKeyOf(st), std::move(c));
      return EditYear(view, at, [&](json& y) {
        // 第54条: a general-procedure case is 立案; a 简易程序 penalty is decided on the spot, never 立案.
        if (o->procedure() == fb::Procedure::General) {
          Add(y["立案"], Label(o->category()));
          Add(y["立案"], "合计");
        }
        Add(y["程序"], Label(o->procedure()));
        Add(y["分析"]["按村社区"], Str(o->village()).empty() ? "未注明" : Str(o->village()));
        Add(y["分析"]["按月份"], w.month);
        Add(y["分析"]["按星期"], w.weekday);
        Add(y["分析"]["按时段"], w.hour);
      });
    }
    default: return std::nullopt;
  }
}

// What a decision, a closing and a disclosure add, given what the view kept
// of their case.
Status CountOutcome(const fb::Statement& st, ViewTxn& view, int64_t at, CaseTallyFacts& c) {
  switch (st.payload_type()) {
    case fb::Payload::DecisionIssued: {
      const auto* d = st.payload_as_DecisionIssued();
      std::vector<std::string> types;
      int64_t money = 0;
      if (d->penalties()) {
        for (const auto* p : *d->penalties()) {
          types.push_back(Label(p->type()));
          if (p->type() == fb::PenaltyType::Fine || p->type() == fb::PenaltyType::ConfiscateGains ||
              p->type() == fb::PenaltyType::ConfiscateProperty) {
            money += p->amount_fen();
          }
        }
      }
      c.decided_on = ChinaDay(at);
      return EditYear(view, at, [&](json& y) {
        if (d->outcome() == fb::DecisionOutcome::Penalty) {
          Add(y["行政处罚"]["按类别"], HeaviestPenalty(types));
          Add(y["行政处罚"], "合计宗数");
          Add(y["行政处罚"], "罚没金额_分", money);
          Add(y["行政处罚"], c.procedure == Label(fb::Procedure::Simple) ? "简易程序" : "一般程序");
          Add(y["分析"]["决定按月份"], WhenOf(at).month);
        } else if (d->outcome() == fb::DecisionOutcome::NoPenalty) {
          Add(y["行政处罚"], "不予处罚");
        } else {
          // 第27条: only a referral of a suspected crime to the judicial organs is a 涉嫌犯罪移送; a case
          // handed to the competent agency (第57条第1款第4项) is not.
          Add(y["行政处罚"], d->suspected_crime() ? "涉嫌犯罪移送" : "移送其他机关");
        }
      });
    }
    case fb::Payload::CaseClosed:
      LAWTRAIL_RETURN_IF_ERROR(EditYear(view, at, [&](json& y) {
        Add(y["结案"], c.category.value_or("其他"));
        Add(y["结案"], "合计");
      }));
      view.Settle(CaseKeyOf(st));
      return Status::Ok();
    case fb::Payload::DisclosurePublished: {
      const std::string decided = c.decided_on.value_or("");
      const bool penalty_or_licensing =
          c.category == Label(fb::CaseCategory::Penalty) || c.category == Label(fb::CaseCategory::Licensing);
      const bool on_time = ChinaDay(at) <= DueOn(domain::DisclosurePeriodFor(penalty_or_licensing), decided);
      return EditYear(view, at, [&](json& y) { Add(y["公示"], on_time ? "按时公示" : "逾期公示"); });
    }
    case fb::Payload::DisclosureWithdrawn: return EditYear(view, at, [&](json& y) { Add(y["公示"], "撤回公示"); });
    case fb::Payload::LateFeeImposed:
      if (c.late_fee_counted.value_or(false)) return Status::Ok();
      c.late_fee_counted = true;
      return EditYear(view, at, [&](json& y) { Add(y["行政强制"]["强制执行"], "加处罚款或者滞纳金"); });
    default: return Status::Ok();
  }
}

// 行政许可 (年报 table 一, domain-acts.md §2): 申请 when received, 受理 when accepted in writing — or, for an
// application the agency left unanswered (accepted by 第32条), when it is decided —, 许可 and 不予许可 by
// decision (a granted or refused 变更 or 延续 counts too), 撤销 by its decision's date. 不予受理, 撤回 and 注销
// have no column; they are kept beside the table.
Status CountLicence(const fb::Statement& st, ViewTxn& view, int64_t at, CaseTallyFacts& c) {
  switch (st.payload_type()) {
    case fb::Payload::LicenceApplied:
      c.category = Label(fb::CaseCategory::Licensing);
      c.village = Str(st.payload_as_LicenceApplied()->village());
      return EditYear(view, at, [&](json& y) { Add(y["行政许可"], "申请"); });
    case fb::Payload::LicenceIntake: {
      const fb::LicenceIntakeOutcome outcome = st.payload_as_LicenceIntake()->outcome();
      if (outcome == fb::LicenceIntakeOutcome::Incomplete) return Status::Ok();
      const bool accepted = outcome == fb::LicenceIntakeOutcome::Accepted;
      c.licence_accepted = accepted;
      return EditYear(view, at, [&](json& y) { Add(y["行政许可"], accepted ? "受理" : "不予受理"); });
    }
    case fb::Payload::LicenceDecided: {
      const bool deemed = !c.licence_accepted.has_value();
      c.licence_accepted = true;
      c.decided_on = ChinaDay(at);
      const bool granted = st.payload_as_LicenceDecided()->granted();
      return EditYear(view, at, [&](json& y) {
        if (deemed) Add(y["行政许可"], "受理");
        Add(y["行政许可"], granted ? "许可" : "不予许可");
      });
    }
    case fb::Payload::LicenceEnded: {
      const char* key = domain::LicenceEndingName(st.payload_as_LicenceEnded()->kind());
      return EditYear(view, at, [&](json& y) { Add(y["行政许可"], key); });
    }
    default: return Status::Ok();
  }
}

// 被行政复议 / 被行政诉讼 (domain.md §10): counted when the agency learns of the filing, whatever the outcome; the
// corrections by who made them. Each under the act challenged: a licence refusal's 复议 is no penalty's.
Status CountChallenge(const fb::Statement& st, ViewTxn& view, int64_t at, const CaseTallyFacts& c) {
  const char* act = c.category == Label(fb::CaseCategory::Licensing) ? "行政许可" : "行政处罚";
  const char* key = "自行纠正";
  if (const auto* filed = st.payload_as_ChallengeFiled()) {
    key = filed->kind() == fb::ChallengeKind::Suit ? "被行政诉讼" : "被行政复议";
  } else if (const auto* ch = st.payload_as_DecisionChanged()) {
    key = ch->by() == fb::ChangeAuthority::ReviewBody ? "被行政复议纠错"
          : ch->by() == fb::ChangeAuthority::Court    ? "被行政诉讼纠错"
                                                      : "自行纠正";
  }
  return EditYear(view, at, [&](json& y) { Add(y[act], key); });
}

// 行政征收 / 征用 (domain-acts.md §6): each counts once, in the year it is completed (closed); the compensation
// paid is summed by the day it was paid. A town's 现状调查 is a step of the 征收, not a 行政检查.
Status CountTaking(const fb::Statement& st, ViewTxn& view, int64_t at, CaseTallyFacts& c) {
  if (const auto* n = st.payload_as_TakingNoticePosted(); n != nullptr && !c.taking) {
    c.category = Label(fb::CaseCategory::Expropriation);
    c.taking = "征收";
    c.village = Str(n->village());
  } else if (const auto* o = st.payload_as_RequisitionOrdered()) {
    c.category = Label(fb::CaseCategory::Expropriation);
    c.taking = "征用";
    c.village = Str(o->village());
  } else if (const auto* p = st.payload_as_CompensationPaid()) {
    return EditYear(view, at, [&](json& y) { Add(y["行政征收征用"], "补偿支付_分", p->amount_fen()); });
  } else if (st.payload_type() == fb::Payload::CaseClosed && c.taking) {
    return EditYear(view, at, [&](json& y) { Add(y["行政征收征用"], *c.taking); });
  }
  return Status::Ok();
}

}  // namespace

Status StatisticsView::Apply(const ProjectedRecord& r, ViewTxn& view) {
  const fb::Statement& st = *r.statement;
  const int64_t at = st.occurred_at_ms();
  if (std::optional<Status> counted = CountOfficerOrOpening(st, view, at)) return *counted;
  if (st.case_id()->string_view() == kRegistryCaseId) return Status::Ok();
  switch (st.payload_type()) {
    case fb::Payload::DecisionIssued:
    case fb::Payload::CaseClosed:
    case fb::Payload::DisclosurePublished:
    case fb::Payload::DisclosureWithdrawn:
    case fb::Payload::LateFeeImposed:
    case fb::Payload::InspectionRecorded:
    case fb::Payload::CoerciveMeasureTaken:
    case fb::Payload::LicenceApplied:
    case fb::Payload::LicenceIntake:
    case fb::Payload::LicenceDecided:
    case fb::Payload::LicenceEnded:
    case fb::Payload::TakingNoticePosted:
    case fb::Payload::RequisitionOrdered:
    case fb::Payload::CompensationPaid:
    case fb::Payload::ChallengeFiled:
    case fb::Payload::DecisionChanged: break;
    default: return StatisticsOfAct(st, view);
  }
  // Acts before the case was opened (案源登记) find nothing yet.
  LAWTRAIL_ASSIGN_OR_RETURN(CaseTallyFacts * edited, view.EditOrCreate<CaseTallyFacts>(CaseKeyOf(st)));
  CaseTallyFacts& c = *edited;
  if (domain::IsLicenceAct(st.payload_type())) {
    return CountLicence(st, view, at, c);
  }
  if (domain::IsTakingAct(st.payload_type())) return CountTaking(st, view, at, c);
  if (st.payload_type() == fb::Payload::ChallengeFiled || st.payload_type() == fb::Payload::DecisionChanged) {
    return CountChallenge(st, view, at, c);
  }
  if (st.payload_type() == fb::Payload::CaseClosed && c.taking) {
    LAWTRAIL_RETURN_IF_ERROR(CountTaking(st, view, at, c));
  }
  if (st.payload_type() == fb::Payload::CoerciveMeasureTaken) {
    // A 行政强制 case's first measure is its decision: its publication is timed from it (20 working days).
    if (domain::MeasureIsTheDecision(c.category == Label(fb::CaseCategory::Coercion), c.decided_on.has_value())) {
      c.decided_on = ChinaDay(at);
    }
    return StatisticsOfAct(st, view);
  }
  if (st.payload_type() == fb::Payload::InspectionRecorded) {
    // A licence's 核查 (行政许可法 第34条) and a 征收's 现状调查 are steps of those acts, not 行政检查 of their own.
    if (c.category == Label(fb::CaseCategory::Licensing) || c.category == Label(fb::CaseCategory::Expropriation)) {
      return Status::Ok();
    }
    return EditYear(view, at, [&](json& y) { Add(y["其他执法行为"], "行政检查"); });
  }
  return CountOutcome(st, view, at, c);
}

}  // namespace lawtrail::projectors

#include "tests/support/case_fixture.h"

#include <catch2/catch.hpp>

#include "ledger/client/master_data_statements.h"
#include "ledger/client/registry_statements.h"
#include "ledger/core/log_format.h"
#include "ledger/domain/calendar.h"

namespace lawtrail::testing {

using domain::Penalty;

int64_t CaseFixture::Day(int day, int hour) {
  static const int64_t base = domain::ChinaMidnightMs(*domain::ParseDate("2026-03-02"));
  return base + int64_t{day} * 86'400'000 + int64_t{hour} * 3'600'000;
}

void CaseFixture::Root(const std::function<Bytes(const StatementHeader&)>& build) {
  auto r = t_.AppendOne(t_.SignedRegistryEvent(build));
  if (!r.ok()) throw std::runtime_error("registry event: " + r.status().ToString());
}

TestOfficer CaseFixture::Register(const std::string& cert, const std::string& name, std::vector<fb::Role> roles,
                                  const std::string& qualification) {
  TestOfficer officer{cert, KeyPair::Generate()};
  OfficerInfo info{cert,
                   name,
                   "执法队员",
                   officer.key.public_key(),
                   std::move(roles),
                   domain::ChinaMidnightMs(*domain::ParseDate("2025-01-01")),
                   0};
  info.legal_qualification_no = qualification;
  Root([&](const StatementHeader& h) { return OfficerRegisteredStatement(h, info); });
  return officer;
}

domain::AgencyProfile CaseFixture::Profile() {
  domain::AgencyProfile p;
  p.name = "青山镇人民政府";
  p.credit_code = "11411500MB1234567X";
  p.province = "河南";
  p.department = "综合行政执法";
  return p;
}

bool CaseFixture::PublishProfile() {
  Root([](const StatementHeader& h) { return domain::AgencyProfileStatement(h, Profile()); });
  return true;
}

namespace {

LogOptions ClockFor(CaseFixture::Recording recording, const std::shared_ptr<int64_t>& now) {
  LogOptions options;
  if (recording == CaseFixture::Recording::kAsActed) {
    options.clock = [now] { return *now; };
  }
  return options;
}

}  // namespace

CaseFixture::CaseFixture(Recording recording)
    : now_(std::make_shared<int64_t>(Day(-2))),
      t_(ClockFor(recording, now_)),
      profile_published_(PublishProfile()),
      a(Register("41150001", "王伟", {fb::Role::Officer})),
      b(Register("41150002", "李娜", {fb::Role::Officer})),
      c(Register("41150003", "张强", {fb::Role::Officer})),
      reviewer(Register("41159001", "刘洋", {fb::Role::Reviewer}, "A20194101234567")),
      unqualified(Register("41159002", "陈静", {fb::Role::Reviewer})),
      discloser(Register("41158001", "杨帆", {fb::Role::Discloser})),
      supervisor(Register("41157001", "赵敏", {fb::Role::Supervisor})),
      suspended(Register("41150009", "孙磊", {fb::Role::Officer})),
      head(Register("41150100", "周建国", {fb::Role::Officer, fb::Role::Head})),
      deputy(Register("41150101", "吴敏", {fb::Role::Head})) {
  PublishPowerList();
  if (recording == Recording::kBackfill) DeclareBackfill();
}

void CaseFixture::DeclareBackfill() {
  StatementHeader h = TestLog::HeaderFor(head, std::string(kRegistryCaseId));
  Admit(SignStatement(BackfillDeclaredStatement(h, Day(-120), Day(240), "测试案件补录", "纸质案卷"), head.key));
}

void CaseFixture::PublishPowerList() {
  Root([&](const StatementHeader& h) {
    return OfficerStatusStatement(h, fb::Payload::OfficerSuspended, suspended.certificate_no, "涉嫌违纪");
  });
  for (const auto& entry :
       {std::pair{kPenaltyItem, fb::PowerCategory::Penalty}, std::pair{kCataloguedItem, fb::PowerCategory::Penalty},
        std::pair{kCoercionItem, fb::PowerCategory::Coercion}, std::pair{kLicenceItem, fb::PowerCategory::Licensing}}) {
    Root([&](const StatementHeader& h) {
      domain::PowerItem item;
      item.code = entry.first;
      item.name = "对未经许可占道经营的处罚";
      item.category = entry.second;
      item.basis = "《城市市容和环境卫生管理条例》第36条";
      return domain::PowerItemStatement(h, item);
    });
  }
  Root([](const StatementHeader& h) {
    return domain::ReviewCatalogueItemStatement(h, "FZSH-01", kCataloguedItem, "涉及重大公共利益");
  });
  Root([](const StatementHeader& h) {
    return domain::DiscretionStandardStatement(h, kDiscretionCode, kPenaltyItem, "占道经营", "第36条",
                                               {{"一般", "首次", 10000, 100000},
                                                {"较重", "多次", 100000, 1000000},
                                                {"严重", "造成严重后果", 1000000, 10000000}});
  });
}

domain::Act CaseFixture::By(const TestOfficer& who, const std::string& case_id, int day, int hour) const {
  domain::Act act;
  act.origin = kTestOrigin;
  act.case_id = case_id;
  act.certificate_no = who.certificate_no;
  act.key = &who.key;
  act.at_ms = Day(day, hour);
  act.event_id = RandomEventId();
  RecordAt(act.at_ms + 60'000);  // kAsActed: recorded a minute later
  return act;
}

EventId CaseFixture::Approve(const std::string& case_id, int day, fb::Payload act, const std::string& subject,
                             int hour) {
  domain::Act approval = By(head, case_id, day, hour);
  Admit(domain::ApproveAsHead(approval, act, subject, true, "同意"));
  return approval.event_id;
}

domain::Act CaseFixture::ApprovedBy(const TestOfficer& who, const std::string& case_id, int day, fb::Payload act,
                                    int hour) {
  const EventId approval = Approve(case_id, day, act, "", hour - 1);  // recorded before the act is made
  domain::Act act_by = By(who, case_id, day, hour);
  act_by.approval = approval;
  return act_by;
}

Appended CaseFixture::Admit(Bytes submission) {
  auto r = t_.AppendOne(std::move(submission));
  INFO(r.status().ToString());
  REQUIRE(r.ok());
  return *r;
}

void CaseFixture::Refused(Bytes submission, const std::string& rule) {
  const uint64_t before = t_.log().size();
  auto r = t_.AppendOne(std::move(submission));
  REQUIRE_FALSE(r.ok());
  INFO(r.status().ToString());
  CHECK(r.status().rule() == rule);
  CHECK(t_.log().size() == before);
}

void CaseFixture::Flagged(Bytes submission, const std::string& rule) {
  const Appended appended = Admit(std::move(submission));
  std::string raised;
  for (const auto& flag : appended.flags) raised += flag.rule_id + ": " + flag.message + "\n";
  INFO(raised);
  REQUIRE(appended.flags.size() == 1);
  CHECK(appended.flags[0].rule_id == rule);
}

void CaseFixture::Open(const std::string& case_id, int day, const std::string& power_item, fb::Procedure procedure,
                       fb::PartyKind party, bool minor, int hour) {
  domain::CaseOpening o;
  o.category = power_item == kCoercionItem ? fb::CaseCategory::Coercion : fb::CaseCategory::Penalty;
  o.procedure = procedure;
  o.power_item_code = power_item;
  o.cause = "未经许可占道经营案";
  o.party.kind = party;
  if (party == fb::PartyKind::Organisation) {
    o.party.name = "信阳市青山商贸有限公司";
    o.party.credit_code = "91411500MA44XY0B1N";
  } else {
    o.party.name = "张三丰";
    // A minor is born 2010-05-01 (15 on the fixture's days), an adult 1949-12-31.
    o.party.id_no = minor ? "110105201005010018" : "11010519491231002X";
    o.party.phone = "13812345678";
    o.party.address = "青山镇幸福村12号";
  }
  o.place = "青山镇解放路";
  o.village = "幸福村";
  const domain::Act act = procedure == fb::Procedure::General
                              ? ApprovedBy(a, case_id, day, fb::Payload::CaseOpened, hour)
                              : By(a, case_id, day, hour);
  Admit(domain::OpenCase(act, o));
}

void CaseFixture::Investigate(const std::string& case_id, int day) {
  Admit(domain::RecordInspection(By(a, case_id, day), {a.certificate_no, b.certificate_no}, "解放路", "占道摆摊"));
}

void CaseFixture::Conclude(const std::string& case_id, int day, int64_t fine_fen, bool complex) {
  const char* level = fine_fen <= 100000 ? "一般" : fine_fen <= 1000000 ? "较重" : "严重";
  Admit(domain::ConcludeInvestigation(By(a, case_id, day), fb::Conclusion::Penalise,
                                      {Penalty{fb::PenaltyType::Fine, fine_fen, ""}}, "占道经营属实", kDiscretionCode,
                                      level, complex, false));
}

void CaseFixture::Review(const std::string& case_id, int day) {
  Admit(domain::RequestLegalReview(By(a, case_id, day), "送法制审核"));
  Admit(domain::GiveLegalReviewOpinion(By(reviewer, case_id, day), true, {"事实清楚，程序合法"}));
}

void CaseFixture::Notice(const std::string& case_id, int day, int64_t fine_fen, bool hearing_right) {
  Admit(domain::ServePriorNotice(By(a, case_id, day), {Penalty{fb::PenaltyType::Fine, fine_fen, ""}}, hearing_right));
}

void CaseFixture::Waive(const std::string& case_id, int day) {
  Admit(domain::ReceiveStatement(By(a, case_id, day), fb::PartyResponse::Waiver, "放弃陈述申辩", false));
}

Bytes CaseFixture::Decision(const std::string& case_id, int day, int64_t fine_fen, const std::string& no,
                            fb::RemedyNotice remedies) {
  return domain::IssueDecision(By(head, case_id, day), fb::DecisionOutcome::Penalty,
                               no.empty() ? DecisionNo(case_id) : no, {Penalty{fb::PenaltyType::Fine, fine_fen, ""}},
                               "占道经营", "占道经营属实", "《城市市容和环境卫生管理条例》第36条", false, 15, remedies);
}

void CaseFixture::Concluded(const std::string& case_id, int64_t fine_fen, bool complex) {
  Open(case_id, 0);
  Investigate(case_id, 1);
  Conclude(case_id, 2, fine_fen, complex);
}

void CaseFixture::ReadyToDecide(const std::string& case_id, int64_t fine_fen) {
  Concluded(case_id, fine_fen);
  Review(case_id, 3);
  Notice(case_id, 4, fine_fen);
  Waive(case_id, 5);
}

void CaseFixture::HearingRequested(const std::string& case_id) {
  Concluded(case_id, 6'000'000);
  Review(case_id, 3);
  Notice(case_id, 4, 6'000'000, true);
  Admit(domain::RequestHearing(By(a, case_id, 7)));
}

void CaseFixture::Collective(const std::string& case_id, int day) {
  const std::string no = "青综集讨〔2026〕" + case_id + "号";
  Admit(domain::GiveCollectiveOpinion(By(head, case_id, day), no, "同意按拟处罚意见作出决定"));
  Admit(domain::GiveCollectiveOpinion(By(deputy, case_id, day), no, "同意"));
  Admit(domain::HoldCollectiveDiscussion(By(head, case_id, day), {head.certificate_no, deputy.certificate_no},
                                         "同意处罚", no));
}

void CaseFixture::ReadyFrom(const std::string& case_id, int day, int64_t fine_fen) {
  Open(case_id, day);
  Investigate(case_id, day + 1);
  Conclude(case_id, day + 2, fine_fen);
  Review(case_id, day + 3);
  Notice(case_id, day + 4, fine_fen);
  Waive(case_id, day + 5);
}

void CaseFixture::DecidedCase(const std::string& case_id, int day, int64_t fine_fen) {
  ReadyFrom(case_id, day, fine_fen);
  Admit(Decision(case_id, day + 6, fine_fen));
}

}  // namespace lawtrail::testing

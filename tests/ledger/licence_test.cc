// 行政许可 (行政许可法): the intake and its five working days, the decision's
// twenty (and ten) with the excluded time, the hearing, the certificate,
// renewal and the licence's end, and what a licensing case may hold. Dates are
// worked out by hand from the statute and the State Council's holiday notices
// (ledger/domain/holidays-cn.tsv); the fixture's Day(0) is Mon 2026-03-02, so
// Day(53) is Fri 2026-04-24, the last working day before 劳动节 (05-01…05-05
// off, Sat 05-09 worked).
#include "ledger/domain/licence.h"

#include <catch2/catch.hpp>

#include "ledger/client/licence_acts.h"
#include "tests/support/case_fixture.h"

namespace lawtrail::testing {
namespace {

using domain::ParseDate;
using Intake = fb::LicenceIntakeOutcome;
using Step = fb::LicenceHearingStep;

constexpr int kApr24 = 53, kApr27 = 56, kMay6 = 65, kMay7 = 66, kMay8 = 67, kMay11 = 70, kMay12 = 71, kMay20 = 79,
              kMay25 = 84, kMay26 = 85, kMay27 = 86, kJun2 = 92, kJun3 = 93, kJun8 = 98, kJun9 = 99, kJun10 = 100;

domain::LicenceApplication Application(const std::string& received = "2026-04-24") {
  domain::LicenceApplication app;
  app.item_code = kLicenceItem;
  app.matter = "农村宅基地用地审批";
  app.applicant.kind = fb::PartyKind::NaturalPerson;
  app.applicant.name = "王建军";
  app.applicant.id_no = "411503198001010017";
  app.place = "青石镇李庄村三组";
  app.village = "李庄村";
  app.received_date = received;
  app.materials = {"农村宅基地和建房(规划许可)申请表", "户口簿", "村民小组会议记录"};
  return app;
}

Bytes Apply(CaseFixture& f, const std::string& id, int day, const domain::LicenceApplication& app = Application()) {
  return domain::ApplyForLicence(f.By(f.a, id, day), app);
}

domain::LicenceIntakeAnswer Missing(std::vector<std::string> items) {
  domain::LicenceIntakeAnswer answer;
  answer.missing = std::move(items);
  return answer;
}

domain::LicenceIntakeAnswer Refusal(std::string reason, std::string refer_to = "") {
  domain::LicenceIntakeAnswer answer;
  answer.reason = std::move(reason);
  answer.refer_to = std::move(refer_to);
  return answer;
}

Bytes Answer(CaseFixture& f, const std::string& id, int day, Intake outcome,
             const domain::LicenceIntakeAnswer& answer = {}) {
  return domain::AnswerLicenceIntake(f.By(f.a, id, day), outcome, "青政许受〔2026〕" + id, answer);
}

Bytes Decide(CaseFixture& f, const std::string& id, int day, bool granted = true, bool on_hearing_record = false) {
  domain::LicenceDecision d;
  d.granted = granted;
  d.decision_no = "青政许决〔2026〕" + id;
  d.content = granted ? "准予使用李庄村三组宅基地 120 平方米建设住宅" : "";
  d.certificate = granted ? "农村宅基地批准书" : "";
  d.reasons = granted ? "" : "申请人已有一处宅基地, 不符合一户一宅规定 (土地管理法 第62条第1款)";
  d.on_hearing_record = on_hearing_record;
  return domain::DecideLicence(f.By(f.head, id, day), d);
}

// Received and accepted on Fri 2026-04-24.
void AcceptedApr24(CaseFixture& f, const std::string& id) {
  f.Admit(Apply(f, id, kApr24));
  f.Admit(Answer(f, id, kApr24, Intake::Accepted));
}

domain::LicenceFile FileAccepted(const char* day) {
  domain::LicenceFile file;
  file.applied = true;
  file.received = *ParseDate(day);
  file.intake = Intake::Accepted;
  file.intake_on = *ParseDate(day);
  return file;
}

std::string Due(const domain::LicenceFile& file, const char* accepted) {
  return domain::FormatDate(
      domain::LicenceDecisionDue(file, domain::WorkdayCalendar::China(), *ParseDate(accepted)).date);
}

TEST_CASE("the licence decision period matches the hand-worked vectors across 国庆 and 春节", "[rules][time]") {
  // domain-acts.md §2: accepted 2025-09-26 (Sun 09-28 worked, 10-01…08 off, Sat 10-11 worked).
  domain::LicenceFile file = FileAccepted("2025-09-26");
  CHECK(Due(file, "2025-09-26") == "2025-10-30");
  file.extended = true;
  CHECK(Due(file, "2025-09-26") == "2025-11-13");
  file.extended = false;
  file.excluded.push_back({*ParseDate("2025-10-13"), *ParseDate("2025-10-17")});  // 专家评审, five working days
  CHECK(Due(file, "2025-09-26") == "2025-11-06");
  // Received 2026-02-12 and left unanswered: 补正 could be asked until 02-26 (Fri 02-13 and Sat 02-14 are working
  // days 1–2, 春节 02-15…23), after which it stands accepted as of 02-12 and is decided by 03-18, or 04-01 extended.
  domain::LicenceFile silent;
  silent.applied = true;
  silent.received = *ParseDate("2026-02-12");
  const auto& calendar = domain::WorkdayCalendar::China();
  CHECK_FALSE(domain::AcceptedOn(silent, calendar, *ParseDate("2026-02-26")).has_value());
  REQUIRE(domain::AcceptedOn(silent, calendar, *ParseDate("2026-02-27")) == ParseDate("2026-02-12").value());
  CHECK(Due(silent, "2026-02-12") == "2026-03-18");
  silent.extended = true;
  CHECK(Due(silent, "2026-02-12") == "2026-04-01");
}

TEST_CASE("P-LICENCE-CASE: a licence starts with its application and its case holds no penalty acts", "[rules]") {
  CaseFixture f(CaseFixture::Recording::kAsActed);
  domain::CaseOpening opening;
  opening.category = fb::CaseCategory::Licensing;
  opening.power_item_code = kLicenceItem;
  opening.cause = "宅基地审批";
  opening.party = Application().applicant;
  f.Refused(domain::OpenCase(f.ApprovedBy(f.a, "L0", 0, fb::Payload::CaseOpened), opening), "P-LICENCE-CASE");
  f.Open("P1", 1);
  f.Refused(Answer(f, "P1", 2, Intake::Accepted), "P-LICENCE-CASE");
  AcceptedApr24(f, "L1");
  f.Refused(domain::OrderCorrection(f.By(f.a, "L1", kApr27), "限期整改", "2026-05-06"), "P-LICENCE-CASE");
}

TEST_CASE("P-LICENCE-APPLY: an application names a published licensing item, its materials and a past day", "[rules]") {
  CaseFixture f(CaseFixture::Recording::kAsActed);
  domain::LicenceApplication app = Application();
  app.item_code = kPenaltyItem;
  f.Refused(Apply(f, "A1", kApr24, app), "P-LICENCE-APPLY");
  app = Application();
  app.materials.clear();
  f.Refused(Apply(f, "A1", kApr24, app), "P-LICENCE-APPLY");
  f.Refused(Apply(f, "A1", kApr24, Application("2026-04-25")), "P-LICENCE-APPLY");  // received tomorrow
  app = Application();
  app.kind = fb::LicenceApplication::Change;
  f.Refused(Apply(f, "A1", kApr24, app), "P-LICENCE-APPLY");  // which licence?
  f.Admit(Apply(f, "A1", kApr24));
}

TEST_CASE(
    "P-LICENCE-INTAKE and F-LICENCE-INTAKE-LATE: 补正 once within five working days, over 劳动节, silence accepts",
    "[rules][time]") {
  CaseFixture f(CaseFixture::Recording::kAsActed);
  // Received Fri 04-24: the five working days are 04-27…04-30 and Wed 05-06.
  f.Admit(Apply(f, "I1", kApr24));
  f.Refused(Answer(f, "I1", kMay7, Intake::Incomplete, Missing({"四至示意图"})), "P-LICENCE-INTAKE");
  f.Admit(Apply(f, "I2", kApr24));
  f.Refused(Answer(f, "I2", kMay6, Intake::Incomplete), "P-LICENCE-INTAKE");  // lists nothing
  f.Admit(Answer(f, "I2", kMay6, Intake::Incomplete, Missing({"四至示意图", "村委会意见"})));
  f.Refused(Answer(f, "I2", kMay7, Intake::Incomplete, Missing({"身份证复印件"})), "P-LICENCE-INTAKE");  // piecemeal
  f.Refused(Answer(f, "I2", kMay7, Intake::Accepted), "P-LICENCE-INTAKE");  // nothing supplemented yet
  f.Refused(Decide(f, "I2", kMay7), "P-LICENCE-DECISION");                  // not accepted
  f.Admit(domain::SupplementLicenceMaterials(f.By(f.a, "I2", kMay8), "2026-05-08", {"四至示意图", "村委会意见"}));
  // Supplemented Fri 05-08: Sat 05-09 and Mon 05-11 are working days 1–2.
  f.Admit(Answer(f, "I2", kMay11, Intake::Accepted));
  f.Refused(Answer(f, "I2", kMay11, Intake::NotAccepted, Refusal("不属于本机关职权")), "P-LICENCE-INTAKE");
  // Accepted Mon 05-11 → decide by Mon 06-08.
  f.Admit(Decide(f, "I2", kJun8));
  // A late acceptance counts from the receipt (a log of its own: the one above has reached June): accepted Thu 05-07,
  // decided 05-27, after 05-26.
  CaseFixture g(CaseFixture::Recording::kAsActed);
  g.Admit(Apply(g, "I3", kApr24));
  g.Flagged(Answer(g, "I3", kMay7, Intake::Accepted), "F-LICENCE-INTAKE-LATE");
  g.Flagged(Decide(g, "I3", kMay27), "F-LICENCE-LATE");
  g.Admit(Apply(g, "I4", kApr24));
  g.Refused(Answer(g, "I4", kApr27, Intake::NotAccepted), "P-LICENCE-INTAKE");  // no reason
  g.Admit(Answer(g, "I4", kApr27, Intake::NotAccepted, Refusal("申请事项不属于本机关职权", "县自然资源局")));
  g.Refused(Decide(g, "I4", kMay6), "P-LICENCE-DECISION");
}

TEST_CASE("F-LICENCE-LATE: twenty working days from acceptance, across 劳动节, silence accepts as of the receipt",
          "[rules][time]") {
  CaseFixture f(CaseFixture::Recording::kAsActed);
  // Accepted Fri 04-24 → 04-27…30 (1–4), 05-06…09 (5–8, Sat 05-09 worked) … Tue 05-26 (20).
  AcceptedApr24(f, "D1");
  f.Admit(Decide(f, "D1", kMay26));
  AcceptedApr24(f, "D2");
  f.Flagged(Decide(f, "D2", kMay27), "F-LICENCE-LATE");
  // Never answered: accepted as of the receipt once the five working days passed.
  f.Admit(Apply(f, "D3", kApr24));
  f.Admit(Decide(f, "D3", kMay26));
  f.Admit(Apply(f, "D4", kApr24));
  f.Flagged(Decide(f, "D4", kMay27), "F-LICENCE-LATE");
}

TEST_CASE("P-LICENCE-EXCLUDED: expert review told in writing before it starts moves the decision day", "[rules]") {
  CaseFixture f(CaseFixture::Recording::kAsActed);
  AcceptedApr24(f, "E1");
  const auto exclude = [&](const std::string& id, int day, const char* from, const char* to) {
    return domain::ExcludeLicenceTime(f.By(f.a, id, day), fb::LicenceExcludedTime::ExpertReview, from, to,
                                      "宅基地选址需专家评审");
  };
  f.Refused(exclude("E1", kMay12, "2026-05-11", "2026-05-15"), "P-LICENCE-EXCLUDED");  // after it began
  f.Refused(exclude("E1", kMay8, "2026-05-15", "2026-05-11"), "P-LICENCE-EXCLUDED");   // ends before it begins
  f.Admit(exclude("E1", kMay8, "2026-05-11", "2026-05-15"));
  // 05-26 plus the five excluded working days: 05-27, 05-28, 05-29, 06-01, Tue 06-02.
  f.Admit(Decide(f, "E1", kJun2));
  AcceptedApr24(f, "E2");
  f.Admit(exclude("E2", kMay8, "2026-05-11", "2026-05-15"));
  f.Flagged(Decide(f, "E2", kJun3), "F-LICENCE-LATE");
  f.Admit(Apply(f, "E3", kApr24));
  f.Admit(Answer(f, "E3", kApr27, Intake::Incomplete, Missing({"四至示意图"})));
  f.Refused(exclude("E3", kMay8, "2026-05-11", "2026-05-15"), "P-LICENCE-EXCLUDED");  // not accepted
}

TEST_CASE("P-LICENCE-EXTEND: the head adds ten working days once, before the twenty run out", "[rules]") {
  CaseFixture f(CaseFixture::Recording::kAsActed);
  AcceptedApr24(f, "X1");
  f.Refused(domain::ExtendLicencePeriod(f.By(f.a, "X1", kMay26), "需征求相邻权利人意见"),
            "P-SIGNER");  // the head's own
  f.Refused(domain::ExtendLicencePeriod(f.By(f.head, "X1", kMay26), ""), "P-LICENCE-EXTEND");
  f.Admit(domain::ExtendLicencePeriod(f.By(f.head, "X1", kMay26), "需征求相邻权利人意见"));
  f.Refused(domain::ExtendLicencePeriod(f.By(f.head, "X1", kMay27), "再次延长"), "P-LICENCE-EXTEND");
  // 05-26 plus ten: 05-27…29, 06-01…05, 06-08, Tue 06-09.
  f.Admit(Decide(f, "X1", kJun9));
  AcceptedApr24(f, "X2");
  f.Refused(domain::ExtendLicencePeriod(f.By(f.head, "X2", kMay27), "需征求意见"), "P-LICENCE-EXTEND");  // too late
  AcceptedApr24(f, "X3");
  f.Admit(domain::ExtendLicencePeriod(f.By(f.head, "X3", kMay20), "需征求相邻权利人意见"));
  f.Flagged(Decide(f, "X3", kJun10), "F-LICENCE-LATE");
}

Bytes Hearing(CaseFixture& f, const std::string& id, int day, Step step, const domain::LicenceHearingInfo& info = {}) {
  return domain::RecordLicenceHearing(f.By(f.a, id, day), step, info);
}

domain::LicenceHearingInfo Notified(CaseFixture& f, const char* on) {
  return {on, "青石镇人民政府会议室", f.c.certificate_no, "", true};
}

TEST_CASE(
    "P-LICENCE-HEARING and F-LICENCE-HEARING-LATE: asked within five working days, notified seven ahead, held "
    "within twenty",
    "[rules][time]") {
  CaseFixture f(CaseFixture::Recording::kAsActed);
  AcceptedApr24(f, "H1");
  f.Refused(Hearing(f, "H1", kApr27, Step::Requested), "P-LICENCE-HEARING");  // the right was never told
  f.Admit(Hearing(f, "H1", kApr27, Step::Offered));
  // Told Mon 04-27: 04-28, 04-29, 04-30, 05-06, Thu 05-07.
  f.Refused(Hearing(f, "H1", kMay8, Step::Requested), "P-LICENCE-HEARING");
  f.Admit(Hearing(f, "H1", kMay7, Step::Requested));
  f.Refused(Decide(f, "H1", kMay8), "P-LICENCE-DECISION");  // the hearing is pending
  // Notified Wed 05-20: seven working days are 05-21, 05-22, 05-25 … Fri 05-29.
  f.Refused(Hearing(f, "H1", kMay20, Step::Notified, Notified(f, "2026-05-28")), "P-LICENCE-HEARING");
  domain::LicenceHearingInfo by_reviewer = Notified(f, "2026-05-29");
  by_reviewer.presider = f.a.certificate_no;  // received and accepted the application
  f.Refused(Hearing(f, "H1", kMay20, Step::Notified, by_reviewer), "P-LICENCE-HEARING");
  f.Admit(Hearing(f, "H1", kMay20, Step::Notified, Notified(f, "2026-05-29")));
  // The hearing's day is excluded and the head extends: decide by 05-26 + 10 + 1 = Wed 06-10.
  f.Admit(domain::ExcludeLicenceTime(f.By(f.a, "H1", kMay20, 11), fb::LicenceExcludedTime::Hearing, "2026-05-29",
                                     "2026-05-29", "组织听证"));
  f.Admit(domain::ExtendLicencePeriod(f.By(f.head, "H1", kMay20, 12), "组织听证"));
  domain::LicenceHearingInfo held = Notified(f, "2026-05-29");
  held.record_no = "青政许听〔2026〕1号";
  held.participants_signed = false;
  f.Refused(Hearing(f, "H1", 88, Step::Held, held), "P-LICENCE-HEARING");
  held.participants_signed = true;
  f.Admit(Hearing(f, "H1", 88, Step::Held, held));
  f.Refused(Decide(f, "H1", kJun2), "P-LICENCE-DECISION");  // not on the record
  f.Admit(Decide(f, "H1", kJun2, true, true));
  // Requested 05-07: twenty working days run to Wed 06-03 (Sat 05-09 is one of them).
  CaseFixture g(CaseFixture::Recording::kAsActed);
  AcceptedApr24(g, "H2");
  g.Admit(Hearing(g, "H2", kApr27, Step::Offered));
  g.Admit(Hearing(g, "H2", kMay7, Step::Requested));
  g.Admit(Hearing(g, "H2", kMay20, Step::Notified, Notified(g, "2026-06-03")));
  AcceptedApr24(g, "H3");
  g.Admit(Hearing(g, "H3", kApr27, Step::Offered));
  g.Admit(Hearing(g, "H3", kMay7, Step::Requested));
  g.Flagged(Hearing(g, "H3", kMay20, Step::Notified, Notified(g, "2026-06-04")), "F-LICENCE-HEARING-LATE");
  // A waiver ends the matter: the decision may follow.
  AcceptedApr24(g, "H4");
  g.Admit(Hearing(g, "H4", kApr27, Step::Offered));
  g.Admit(Hearing(g, "H4", kApr27, Step::Waived));
  g.Admit(Decide(g, "H4", kMay6));
}

TEST_CASE("P-LICENCE-DECISION: a written decision by the head, a refusal gives reasons and states the remedies",
          "[rules]") {
  CaseFixture f(CaseFixture::Recording::kAsActed);
  AcceptedApr24(f, "R1");
  domain::LicenceDecision d;
  d.granted = false;
  d.decision_no = "青政许决〔2026〕R1";
  f.Refused(domain::DecideLicence(f.By(f.head, "R1", kMay6), d), "P-LICENCE-DECISION");  // no reasons
  d.reasons = "选址位于永久基本农田";
  d.remedies = fb::RemedyNotice::Unrecorded;
  f.Refused(domain::DecideLicence(f.By(f.head, "R1", kMay6), d), "P-LICENCE-DECISION");
  d.remedies = fb::RemedyNotice::Stated;
  f.Refused(domain::DecideLicence(f.By(f.a, "R1", kMay6), d), "P-HEAD");
  d.remedies = fb::RemedyNotice::NotStated;
  f.Flagged(domain::DecideLicence(f.By(f.head, "R1", kMay6), d), "F-REMEDIES-NOT-STATED");
  AcceptedApr24(f, "R2");
  domain::LicenceDecision grant;
  grant.decision_no = "青政许决〔2026〕R2";
  f.Refused(domain::DecideLicence(f.By(f.head, "R2", kMay6), grant), "P-LICENCE-DECISION");  // permits what?
  f.Admit(Decide(f, "R2", kMay6));
}

TEST_CASE("P-PUBLICATION: a granted licence is published, a refusal is not (行政许可法 第40条)", "[rules]") {
  CaseFixture f(CaseFixture::Recording::kAsActed);
  AcceptedApr24(f, "U1");
  f.Admit(Decide(f, "U1", kMay6, false));
  f.Refused(domain::PublishDecision(f.By(f.discloser, "U1", kMay7), "pub-U1", "青政许决〔2026〕U1", "2026-05-15",
                                    "2029-05-06", "不予许可"),
            "P-PUBLICATION");
  AcceptedApr24(f, "U2");
  f.Admit(Decide(f, "U2", kMay6));
  f.Admit(domain::PublishDecision(f.By(f.discloser, "U2", kMay7), "pub-U2", "青政许决〔2026〕U2", "2026-05-15",
                                  "2036-05-06", "准予农村宅基地用地审批"));
}

TEST_CASE("P-LICENCE-CERT and F-LICENCE-CERT-LATE: one certificate within ten working days of the grant",
          "[rules][time]") {
  CaseFixture f(CaseFixture::Recording::kAsActed);
  AcceptedApr24(f, "C1");
  f.Admit(Decide(f, "C1", kMay26, false));
  f.Refused(domain::IssueLicenceCertificate(f.By(f.a, "C1", kMay27), "XK-001", "农村宅基地批准书"), "P-LICENCE-CERT");
  // Granted Tue 05-26: 05-27 … 06-05 (1–8), 06-08, Tue 06-09 (10).
  AcceptedApr24(f, "C2");
  f.Admit(Decide(f, "C2", kMay26));
  f.Refused(domain::IssueLicenceCertificate(f.By(f.a, "C2", kJun9), "", "农村宅基地批准书"), "P-LICENCE-CERT");
  f.Admit(domain::IssueLicenceCertificate(f.By(f.a, "C2", kJun9), "青宅批〔2026〕001号", "农村宅基地批准书"));
  f.Refused(domain::IssueLicenceCertificate(f.By(f.a, "C2", kJun10), "青宅批〔2026〕002号", "农村宅基地批准书"),
            "P-LICENCE-CERT");
  AcceptedApr24(f, "C3");
  f.Admit(Decide(f, "C3", kMay26));
  f.Flagged(domain::IssueLicenceCertificate(f.By(f.a, "C3", kJun10), "青宅批〔2026〕003号", "农村宅基地批准书"),
            "F-LICENCE-CERT-LATE");
}

domain::LicenceApplication Renewal(const std::string& received, const std::string& expires) {
  domain::LicenceApplication app = Application(received);
  app.kind = fb::LicenceApplication::Renewal;
  app.matter = "户外广告设置许可延续";
  app.licence_no = "青政许决〔2021〕7号";
  app.expires_on = expires;
  return app;
}

TEST_CASE(
    "P-LICENCE-RENEWAL and F-LICENCE-RENEWAL-LATE: apply thirty days before expiry, undecided at expiry is renewed",
    "[rules][time]") {
  CaseFixture f(CaseFixture::Recording::kAsActed);
  // Expires Mon 05-25: apply by 04-25.
  f.Admit(Apply(f, "N1", kApr24, Renewal("2026-04-24", "2026-05-25")));
  f.Admit(Answer(f, "N1", kApr24, Intake::Accepted));
  f.Flagged(Apply(f, "N2", kApr27, Renewal("2026-04-27", "2026-05-25")), "F-LICENCE-RENEWAL-LATE");
  f.Refused(Apply(f, "N3", kMay26, Renewal("2026-05-26", "2026-05-25")), "P-LICENCE-APPLY");  // already expired
  // Refused on the expiry day itself: lawful. The day after, it was renewed by silence.
  f.Admit(Apply(f, "N4", kApr24, Renewal("2026-04-24", "2026-05-25")));
  f.Admit(Answer(f, "N4", kApr24, Intake::Accepted));
  f.Refused(Decide(f, "N1", kMay26, false), "P-LICENCE-RENEWAL");
  f.Admit(Decide(f, "N1", kMay26, true));
  f.Admit(Decide(f, "N4", kMay25, false));
}

domain::LicenceEnd Ending(fb::LicenceEnding kind, int64_t compensation_fen = 0, bool improper_means = false) {
  return {kind, "青政许撤〔2026〕1号", "申请人隐瞒已有宅基地的事实", compensation_fen, false, improper_means};
}

TEST_CASE("P-LICENCE-END: only a standing licence ends, once, fraud gets no 赔偿 and 注销 compensates nothing",
          "[rules]") {
  CaseFixture f(CaseFixture::Recording::kAsActed);
  AcceptedApr24(f, "T1");
  f.Admit(Decide(f, "T1", kMay6, false));
  f.Refused(domain::EndLicence(f.By(f.head, "T1", kMay7), Ending(fb::LicenceEnding::Revoked)), "P-LICENCE-END");
  AcceptedApr24(f, "T2");
  f.Admit(Decide(f, "T2", kMay6));
  f.Refused(domain::EndLicence(f.By(f.head, "T2", kMay7), Ending(fb::LicenceEnding::Deregistered, 100)),
            "P-LICENCE-END");
  f.Refused(domain::EndLicence(f.By(f.head, "T2", kMay7), Ending(fb::LicenceEnding::Revoked, 500000, true)),
            "P-LICENCE-END");
  domain::LicenceEnd blank = Ending(fb::LicenceEnding::Withdrawn);
  blank.ground.clear();
  f.Refused(domain::EndLicence(f.By(f.head, "T2", kMay7), blank), "P-LICENCE-END");
  f.Refused(domain::EndLicence(f.By(f.a, "T2", kMay7), Ending(fb::LicenceEnding::Revoked, 0, true)), "P-HEAD");
  f.Admit(domain::EndLicence(f.By(f.head, "T2", kMay7), Ending(fb::LicenceEnding::Revoked, 0, true)));
  f.Refused(domain::EndLicence(f.By(f.head, "T2", kMay8), Ending(fb::LicenceEnding::Deregistered)), "P-LICENCE-END");
  // 撤回 for the public interest is compensated (第8条).
  AcceptedApr24(f, "T3");
  f.Admit(Decide(f, "T3", kMay6));
  f.Admit(domain::EndLicence(f.By(f.head, "T3", kMay7), Ending(fb::LicenceEnding::Withdrawn, 1200000)));
}

// Refused under `rule`, with `field` named in the message, and nothing appended.
void RefusedNaming(CaseFixture& f, Bytes submission, const std::string& rule, const std::string& field) {
  const uint64_t before = f.t().log().size();
  auto r = f.t().AppendOne(std::move(submission));
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().rule() == rule);
  CHECK_THAT(r.status().message(), Catch::Contains(field));
  CHECK(f.t().log().size() == before);
}

TEST_CASE(
    "P-LICENCE-CASE and P-LICENCE-APPLY: malformed dates, values the schema does not name and empty fields are "
    "refused, naming the field",
    "[rules][input]") {
  CaseFixture f(CaseFixture::Recording::kAsActed);
  for (const char* bad : {"", "2026-4-24", "2026-02-30", "24/04/2026", "2026-04-24T10:00", "２０２６-04-24"}) {
    RefusedNaming(f, Apply(f, "M1", kApr24, Application(bad)), "P-LICENCE-APPLY", "received_date");
  }
  domain::LicenceApplication renewal = Application();
  renewal.kind = fb::LicenceApplication::Renewal;
  renewal.licence_no = "青政许决〔2021〕7号";
  RefusedNaming(f, Apply(f, "M1", kApr24, renewal), "P-LICENCE-APPLY", "expires_on");
  domain::LicenceApplication unnamed = Application();
  unnamed.kind = static_cast<fb::LicenceApplication>(9);
  RefusedNaming(f, Apply(f, "M1", kApr24, unnamed), "P-LICENCE-CASE", "schema does not name");
  unnamed = Application();
  unnamed.matter.clear();
  RefusedNaming(f, Apply(f, "M1", kApr24, unnamed), "P-LICENCE-APPLY", "申请事项");
  AcceptedApr24(f, "M2");
  RefusedNaming(f, Answer(f, "M2", kApr24, static_cast<Intake>(9)), "P-LICENCE-CASE", "schema does not name");
  RefusedNaming(f,
                domain::ExcludeLicenceTime(f.By(f.a, "M2", kApr27), static_cast<fb::LicenceExcludedTime>(200),
                                           "2026-05-11", "2026-05-15", "评审"),
                "P-LICENCE-CASE", "schema does not name");
  RefusedNaming(f,
                domain::ExcludeLicenceTime(f.By(f.a, "M2", kApr27), fb::LicenceExcludedTime::Testing, "下周一",
                                           "2026-05-15", "检测"),
                "P-LICENCE-EXCLUDED", "from_date");
  RefusedNaming(f, Hearing(f, "M2", kApr27, static_cast<Step>(17)), "P-LICENCE-CASE", "schema does not name");
  f.Admit(Hearing(f, "M2", kApr27, Step::Offered));
  f.Admit(Hearing(f, "M2", kApr27, Step::Requested));
  RefusedNaming(f, Hearing(f, "M2", kMay6, Step::Notified, Notified(f, "2026-13-01")), "P-LICENCE-HEARING",
                "hearing_date");
  f.Refused(Decide(f, "M2", kMay7), "P-LICENCE-DECISION");  // the hearing asked for was never held
  CaseFixture g(CaseFixture::Recording::kAsActed);
  AcceptedApr24(g, "M3");
  domain::LicenceDecision grant;
  grant.decision_no = "青政许决〔2026〕M3";
  grant.content = "准予设置户外广告牌一块";
  grant.valid_from = "2026-05-06";
  grant.valid_until = "2029-02-29";  // no such day
  RefusedNaming(g, domain::DecideLicence(g.By(g.head, "M3", kMay6), grant), "P-LICENCE-DECISION", "valid_until");
  grant.valid_until = "2029-05-05";
  g.Admit(domain::DecideLicence(g.By(g.head, "M3", kMay6), grant));
  RefusedNaming(g, domain::EndLicence(g.By(g.head, "M3", kMay7), Ending(static_cast<fb::LicenceEnding>(7))),
                "P-LICENCE-CASE", "schema does not name");
}

}  // namespace
}  // namespace lawtrail::testing

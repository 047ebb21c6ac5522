// 行政许可 in the views: the annual table 一 counts applications, acceptances
// (in writing, or by silence once decided), grants, refusals and revocations;
// the disclosure view keeps one record per licence decision, publishable only
// for a grant, with its certificate and its state as it changes. Four
// applications in 2026, their acts in the order they happened (Day(53) is
// Fri 2026-04-24).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "ledger/client/licence_acts.h"
#include "ledger/log/log_reader.h"
#include "projectors/annual_report.h"
#include "projectors/case_file_view.h"
#include "projectors/disclosure_view.h"
#include "projectors/statistics_view.h"
#include "tests/projectors/demo_log.h"
#include "tests/support/case_fixture.h"

namespace lawtrail::projectors {
namespace {

using nlohmann::json;
using testing::CaseFixture;
using Intake = fb::LicenceIntakeOutcome;

domain::LicenceApplication Application(const std::string& matter) {
  domain::LicenceApplication app;
  app.item_code = testing::kLicenceItem;
  app.matter = matter;
  app.applicant.name = "信阳市平桥区青石镇李庄村股份经济合作社";
  app.applicant.credit_code = "N2411503MF00000014";
  app.applicant.kind = fb::PartyKind::Organisation;
  app.village = "李庄村";
  app.received_date = "2026-04-24";
  app.materials = {"申请书", "设计图"};
  return app;
}

domain::LicenceDecision Decision(const std::string& id, bool granted) {
  domain::LicenceDecision d;
  d.granted = granted;
  d.decision_no = "青政许决〔2026〕" + id;
  d.content = granted ? "准予设置户外广告牌一块 (3m×6m)" : "";
  d.certificate = granted ? "户外广告设置许可证" : "";
  d.valid_from = granted ? "2026-05-06" : "";
  d.valid_until = granted ? "2029-05-05" : "";
  d.reasons = granted ? "" : "设置位置位于主干道交叉口视距范围内";
  return d;
}

struct LicenceLog {
  CaseFixture f{CaseFixture::Recording::kAsActed};
  uint64_t l1_decided = 0, l1_ended = 0;
  LicenceLog() {
    for (const char* id : {"L1", "L2", "L3", "L4"})
      f.Admit(domain::ApplyForLicence(f.By(f.a, id, 53), Application("户外广告设置审批")));
    f.Admit(domain::AnswerLicenceIntake(f.By(f.a, "L1", 53, 11), Intake::Accepted, "青政许受〔2026〕1号"));
    domain::LicenceIntakeAnswer missing;
    missing.missing = {"产权人同意书"};
    f.Admit(domain::AnswerLicenceIntake(f.By(f.a, "L2", 56), Intake::Incomplete, "青政许补〔2026〕1号", missing));
    domain::LicenceIntakeAnswer refused;
    refused.reason = "申请事项依法不需要取得行政许可";
    f.Admit(
        domain::AnswerLicenceIntake(f.By(f.a, "L4", 56, 11), Intake::NotAccepted, "青政许不受〔2026〕1号", refused));
    l1_decided = f.Admit(domain::DecideLicence(f.By(f.head, "L1", 65), Decision("L1", true))).index;
    f.Admit(domain::IssueLicenceCertificate(f.By(f.a, "L1", 66), "青广许〔2026〕001号", "户外广告设置许可证"));
    f.Admit(domain::PublishDecision(f.By(f.discloser, "L1", 66, 11), "pub-L1", "青政许决〔2026〕L1", "2026-05-14",
                                    "2029-05-05", "准予设置户外广告"));
    f.Admit(domain::SupplementLicenceMaterials(f.By(f.a, "L2", 67), "2026-05-08", {"产权人同意书"}));
    f.Admit(domain::AnswerLicenceIntake(f.By(f.a, "L2", 70), Intake::Accepted, "青政许受〔2026〕2号"));
    f.Admit(domain::DecideLicence(f.By(f.head, "L3", 70, 11), Decision("L3", true)));  // never answered: accepted
    f.Admit(domain::DecideLicence(f.By(f.head, "L2", 79), Decision("L2", false)));
    domain::LicenceEnd revoked;
    revoked.kind = fb::LicenceEnding::Revoked;
    revoked.decision_no = "青政许撤〔2026〕1号";
    revoked.ground = "申请人提供的产权证明系伪造";
    revoked.improper_means = true;
    l1_ended = f.Admit(domain::EndLicence(f.By(f.head, "L1", 79, 11), revoked)).index;
    // The refusal of L2, served Wed 05-20, is taken to 复议 (Tue 2026-05-26).
    f.Admit(domain::ServeDocument(f.By(f.a, "L2", 80), "青政许决〔2026〕L2", "不予行政许可决定书",
                                  fb::ServiceMethod::Direct, CaseFixture::Day(80)));
    f.Admit(domain::FileChallenge(f.By(f.a, "L2", 85), fb::ChallengeKind::Review, "青政许决〔2026〕L2",
                                  "青山县人民政府", "青政复〔2026〕3号", "2026-05-26"));
    f.t().Close();
  }
};

TEST_CASE("the annual table 一 counts licence applications, acceptances, grants, refusals, revocations and 复议",
          "[projectors][statistics]") {
  LicenceLog log;
  TempDir v;
  auto views = FoldAll(log.f.t().dir(), v.path());
  const json y = json::parse(Dump(*views, StatisticsView::kName).at("year/2026"));
  const json& licensing = y["行政许可"];
  CHECK(licensing["申请"] == 4);
  CHECK(licensing["受理"] == 3);  // L1 and L2 in writing, L3 by the agency's silence (第32条)
  CHECK(licensing["不予受理"] == 1);
  CHECK(licensing["许可"] == 2);
  CHECK(licensing["不予许可"] == 1);
  CHECK(licensing["撤销"] == 1);
  CHECK(licensing["被行政复议"] == 1);  // a licence refusal's 复议 is counted under 行政许可, never as a penalty's
  CHECK_FALSE(y.contains("行政处罚"));
  CHECK_FALSE(y.contains("立案"));  // an application is not a case opened
  auto report = BuildAnnualReport(*views, 2026, "青石镇人民政府");
  REQUIRE(report.ok());
  const json& table = (*report)["一、行政许可"];
  CHECK(table["申请数量"] == 4);
  CHECK(table["受理数量"] == 3);
  CHECK(table["许可数量"] == 2);
  CHECK(table["不予许可数量"] == 1);
  CHECK(table["撤销许可数量"] == 1);
}

TEST_CASE("a granted licence is a disclosure record with its certificate and state, a refusal is never published",
          "[projectors][disclosure]") {
  LicenceLog log;
  TempDir v;
  auto views = FoldAll(log.f.t().dir(), v.path());
  const auto docs = Dump(*views, DisclosureView::kName);
  const json granted = json::parse(docs.at("decision/L1"));
  CHECK(granted["outcome"] == "准予行政许可");
  CHECK(granted["category"] == "行政许可");
  CHECK(granted["publishable"] == true);
  CHECK(granted["due_within_working_days"] == 7);
  CHECK(granted["due_on"] == "2026-05-14");  // decided Wed 05-06: 05-07, 05-08, Sat 05-09 (worked), 05-11 … 05-14
  CHECK(granted["published_on_time"] == true);
  CHECK(granted["licence"]["matter"] == "户外广告设置审批");
  CHECK(granted["licence"]["certificate_no"] == "青广许〔2026〕001号");
  CHECK(granted["licence"]["state"] == "已撤销");
  CHECK(granted["licence"]["valid_until"] == "2029-05-05");
  const json shown = PublicDisclosure(granted, "2026-06-01");
  REQUIRE(shown.is_object());
  CHECK(shown["licence"]["state"] == "已撤销");
  CHECK(shown["act"] == "行政许可");
  CHECK(shown["party_name"] == "信阳市平桥区青石镇李庄村股份经济合作社");
  for (const char* penalty_only : {"violation_type", "fine_wan_yuan", "confiscation_wan_yuan", "facts", "basis"})
    CHECK_FALSE(shown.contains(penalty_only));
  // The 撤销 changed what the public reads after publication: its record is public beside the publication's, so
  // that a reader can verify the change too; the decision's own record stays in the case file.
  CHECK(shown["licence"]["ended_index"] == log.l1_ended);
  CHECK(*IsPublicDisclosureRecord(*views, "L1", log.l1_ended, "2026-06-01"));
  CHECK(*IsPublicDisclosureRecord(*views, "L1", shown["record_index"].get<uint64_t>(), "2026-06-01"));
  CHECK_FALSE(*IsPublicDisclosureRecord(*views, "L1", log.l1_decided, "2026-06-01"));
  CHECK_FALSE(*IsPublicDisclosureRecord(*views, "L2", log.l1_ended, "2026-06-01"));  // another case's
  CHECK_FALSE(*IsPublicDisclosureRecord(*views, "L1", log.l1_ended, "2029-06-01"));  // the display is over
  const json refused = json::parse(docs.at("decision/L2"));
  CHECK(refused["outcome"] == "不予行政许可");
  CHECK(refused["publishable"] == false);
  CHECK(refused["remedies"] == "已告知");
  CHECK(PublicDisclosure(refused, "2026-06-01").is_null());
  CHECK_FALSE(docs.count("decision/L4"));  // not accepted: no decision
}

TEST_CASE("a licence's case file is the application's: its cover names the matter, the applicant and the decision",
          "[projectors][casefile]") {
  LicenceLog log;
  TempDir v;
  auto views = FoldAll(log.f.t().dir(), v.path());
  auto store = testing::OpenStore(log.f.t().dir());
  LogReader reader(*store);
  auto file = ReadCaseFile(*views, reader, "L2");
  REQUIRE(file.ok());
  const json& cover = (*file)["cover"];
  CHECK(cover["申请事项"] == "户外广告设置审批");
  CHECK(cover["申请人"] == "信阳市平桥区青石镇李庄村股份经济合作社");
  CHECK(cover["许可决定书文号"] == "青政许决〔2026〕L2");
  CHECK(cover["申请日期"] == "2026-04-24");
  CHECK(cover["救济途径告知"] == "已告知");
  CHECK_FALSE(cover.contains("处罚决定书文号"));
  const std::string text = (*file).dump();
  CHECK(text.find("一次性补正告知书") != std::string::npos);
  CHECK(text.find("不予行政许可决定书") != std::string::npos);
}

}  // namespace
}  // namespace lawtrail::projectors

// The case-file and statistics views against the generator's ground truth:
// every case file's documents, order, cover and timeline, and every count of
// the annual tables. No expected value is typed by hand from the output.
#include <algorithm>
#include <map>
#include <set>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "ledger/client/case_acts.h"
#include "ledger/client/master_data_statements.h"
#include "ledger/client/registry_statements.h"
#include "ledger/core/statement.h"
#include "ledger/core/submission.h"
#include "ledger/domain/calendar.h"
#include "ledger/domain/rules.h"
#include "ledger/domain/taking.h"
#include "projectors/all.h"
#include "projectors/annual_report.h"
#include "projectors/case_file_view.h"
#include "projectors/disclosure_view.h"
#include "projectors/registry_view.h"
#include "projectors/runner.h"
#include "projectors/statistics_view.h"
#include "projectors/warnings_view.h"
#include "tests/projectors/demo_log.h"
#include "tests/support/case_fixture.h"
#include "tests/support/test_log.h"

namespace lawtrail::projectors {
namespace {

using nlohmann::json;

std::string Year(int64_t ms) { return domain::FormatDate(domain::ChinaDateOf(ms)).substr(0, 4); }

// What the generator attached in a case: the content hashes of its 文书 and
// evidence files, from its own submissions.
std::multiset<std::string> GeneratedDocuments(const demo::Year& year, const std::string& case_id) {
  std::multiset<std::string> out;
  for (const auto& item : year.items) {
    if (item.case_id != case_id || !item.expected_rule.empty()) continue;
    auto sub = ParseSubmission(item.submission);
    REQUIRE(sub.ok());
    auto parsed = ParseSignedStatement(sub->signed_statement);
    REQUIRE(parsed.ok());
    const fb::Statement& st = *parsed->statement;
    if (st.attachments()) {
      for (const auto* a : *st.attachments()) out.insert(ToHex(ByteView(a->content_hash()->data(), 32)));
    }
    if (st.payload_type() == fb::Payload::EvidenceRecorded) {
      const auto* h = st.payload_as_EvidenceRecorded()->content_hash();
      out.insert(ToHex(ByteView(h->data(), h->size())));
    }
  }
  return out;
}

TEST_CASE("every case file holds exactly the generated documents, in filing order, with cover and timeline",
          "[projectors][casefile]") {
  ProjectedDemo p(400);
  auto store = testing::OpenStore(p.demo.dir.path());
  LogReader reader(*store);
  std::set<std::string> archive_numbers;
  for (const auto& c : p.demo.year.cases) {
    INFO(c.case_id);
    auto read = ReadCaseFile(*p.views, reader, c.case_id);
    REQUIRE(read.ok());
    const json& file = *read;
    std::multiset<std::string> seen;
    for (const char* volume : {"正卷", "副卷"}) {
      int last_rank = -1;
      for (const auto& d : file[volume]) {
        seen.insert(d["content_hash"].get<std::string>());
        CHECK(d["rank"].get<int>() >= last_rank);
        last_rank = d["rank"];
        CHECK(casefile::PlaceDocument(
                  "综合行政执法", file["cover"]["案件类别"].get<std::string>(),
                  d["题名"].get<std::string>().rfind("证据材料", 0) == 0 ? "证据材料" : d["题名"].get<std::string>())
                  .volume == volume);
        CHECK_FALSE(d["责任者"].get<std::string>().empty());
        CHECK(d["序号"].get<size_t>() == seen.size() - (std::string(volume) == "正卷" ? 0 : file["正卷"].size()));
      }
    }
    CHECK(seen == GeneratedDocuments(p.demo.year, c.case_id));
    CHECK(file["cover"]["卷内件数"] == seen.size());
    // A licence's file begins with the application's receipt and speaks of the application; a penalty's with 立案.
    // A 征收's begins with its 预公告, a 征用's with the 征用通知书: neither is a case the town opened.
    const bool licence = c.licence.has_value(), taking = c.taking.has_value();
    const bool requisition = taking && c.taking->requisition;
    CHECK(file["正卷"][0]["题名"] == (licence       ? "申请材料接收凭证"
                                      : requisition ? "征用通知书"
                                      : taking      ? "征收土地预公告"
                                                    : "立案审批表"));
    CHECK(file["timeline"].size() == c.lawful_events);
    const json& cover = file["cover"];
    CHECK(cover["办案机构"] == "青山镇人民政府");
    CHECK(cover[licence  ? "申请日期"
                : taking ? "开始日期"
                         : "立案日期"] == domain::FormatDate(domain::ChinaDateOf(c.opened_at_ms)));
    if (taking) {
      CHECK(cover["案件类别"] == "行政征收征用");
      CHECK(cover["类型"] == (requisition ? "征用" : "土地征收"));
      CHECK_THAT(cover["征收项目或征用事由"].get<std::string>(), Catch::StartsWith(c.taking->project));
    }
    CHECK(cover["保管期限"] == (c.procedure == fb::Procedure::General && !licence ? "永久" : "30年"));
    // A 行政强制 case's decision is its measure's (扣押决定书), not a penalty's.
    const bool penalty = c.category != fb::CaseCategory::Coercion;
    if (!c.decision_no.empty() && penalty) CHECK(cover[licence ? "许可决定书文号" : "处罚决定书文号"] == c.decision_no);
    if (licence) {
      CHECK(cover["案件类别"] == "行政许可");
      CHECK(cover["申请事项"] == c.licence->matter);
      CHECK_FALSE(cover.contains("立案日期"));
    }
    if (c.challenge) {
      CHECK_THAT(cover["复议诉讼"].get<std::string>(),
                 Catch::StartsWith(c.challenge->kind == fb::ChallengeKind::Suit ? "行政诉讼（" : "行政复议（") &&
                     Catch::EndsWith("）" + c.challenge->state));
    } else {
      CHECK_FALSE(cover.contains("复议诉讼"));
    }
    REQUIRE(cover.contains("归档号"));  // every generated case is closed
    const std::string number = cover["归档号"];
    CHECK(number.size() == 8);
    CHECK(number.substr(0, 4) == cover["结案日期"].get<std::string>().substr(0, 4));
    CHECK(archive_numbers.insert(number).second);
    CHECK(file["备考表"]["立卷人"] != "");
    if (c.seized || c.heard) CHECK_FALSE(file["av"].empty());
  }
}

TEST_CASE("every 征收 notice the generator posted is public as posted, three for each 土地征收, none for a 征用",
          "[projectors][disclosure]") {
  ProjectedDemo p(400);
  // What the generator posted, from its own submissions.
  std::map<std::string, json> posted;  // by 文号
  for (const auto& item : p.demo.year.items) {
    if (!item.expected_rule.empty()) continue;
    auto sub = ParseSubmission(item.submission);
    REQUIRE(sub.ok());
    auto parsed = ParseSignedStatement(sub->signed_statement);
    REQUIRE(parsed.ok());
    const auto* n = parsed->statement->payload_as_TakingNoticePosted();
    if (n == nullptr) continue;
    posted[n->notice_no()->str()] = {{"case_id", item.case_id},
                                     {"kind", domain::TakingNoticeName(n->kind())},
                                     {"issuer", n->issuer()->str()},
                                     {"project", n->project()->str()},
                                     {"posted_from", n->posted_from()->str()},
                                     {"posted_until", n->posted_until()->str()}};
  }
  auto notices = TakingNotices(*p.views);
  REQUIRE(notices.ok());
  REQUIRE(!posted.empty());
  CHECK(notices->size() == posted.size());
  std::map<std::string, int> per_case;
  for (const json& n : *notices) {
    INFO(n.dump());
    const auto it = posted.find(n["notice_no"]);
    REQUIRE(it != posted.end());
    for (const auto& [field, value] : it->second.items()) CHECK(n[field] == value);
    CHECK(n["act"] == "行政征收");
    ++per_case[n["case_id"]];
  }
  size_t lands = 0, requisitions = 0;
  for (const auto& c : p.demo.year.cases) {
    if (!c.taking) continue;
    ++(c.taking->requisition ? requisitions : lands);
    CHECK(per_case[c.case_id] == (c.taking->requisition ? 0 : 3));  // 预公告, 方案公告, 征收土地公告
  }
  CHECK(lands > 0);
  CHECK(requisitions > 0);
}

TEST_CASE("a case file shows each act's claimed and recorded time, and marks declared backfill 补录",
          "[projectors][casefile]") {
  for (const auto recording : {testing::CaseFixture::Recording::kBackfill, testing::CaseFixture::Recording::kAsActed}) {
    testing::CaseFixture f(recording);
    f.Open("B1", 0);
    f.Investigate("B1", 2);
    f.t().Close();
    TempDir v;
    auto views = FoldAll(f.t().dir(), v.path());
    auto store = testing::OpenStore(f.t().dir());
    LogReader reader(*store);
    auto file = ReadCaseFile(*views, reader, "B1");
    REQUIRE(file.ok());
    const json& timeline = (*file)["timeline"];
    REQUIRE(timeline.size() == 3);
    for (const json& step : timeline) {
      const int64_t claimed = step["occurred_at_ms"], recorded = step["recorded_at_ms"];
      if (recording == testing::CaseFixture::Recording::kBackfill) {
        CHECK(step["backfilled"] == true);
        CHECK(recorded - claimed > int64_t{30} * 86'400'000);  // recorded months after 2026-03
      } else {
        CHECK(step["backfilled"] == false);
        CHECK(recorded - claimed == 60'000);  // a minute after
      }
    }
  }
}

TEST_CASE("a case file names each act's signer as they were named when they acted", "[projectors][casefile]") {
  testing::CaseFixture f;
  f.Open("R1", 0);  // by 王伟
  const auto renamed = f.t().AppendOne(f.t().SignedRegistryEvent([&](const StatementHeader& h) {
    return domain::OfficerNameChangedStatement(h, f.a.certificate_no, "王伟明", 0);
  }));
  REQUIRE(renamed.ok());
  f.Investigate("R1", 2);  // by 王伟明, now
  f.t().Close();
  TempDir v;
  auto views = FoldAll(f.t().dir(), v.path());
  auto store = testing::OpenStore(f.t().dir());
  LogReader reader(*store);
  auto file = ReadCaseFile(*views, reader, "R1");
  REQUIRE(file.ok());
  const json& timeline = (*file)["timeline"];
  REQUIRE(timeline.size() >= 3);
  CHECK(timeline[0]["actor_name"] == "周建国");  // the head's 立案 approval
  CHECK(timeline[1]["actor_name"] == "王伟");
  CHECK(timeline.back()["actor_name"] == "王伟明");
  for (const auto& d : (*file)["正卷"]) {
    if (d["record_index"] == timeline[0]["index"]) continue;
    CHECK(d["责任者"] == (d["record_index"] == timeline[1]["index"] ? "王伟" : "王伟明"));
  }
}

TEST_CASE("the annual tables count what the generator did, by the counting rules", "[projectors][statistics]") {
  ProjectedDemo p(1500);
  const auto view = Dump(*p.views, StatisticsView::kName);
  std::map<std::string, json> years;
  for (const auto& [key, value] : view) {
    if (key.rfind("year/", 0) == 0) years[key.substr(5)] = json::parse(value);
  }
  REQUIRE(years.count("2025"));
  auto count = [&](const std::string& y, std::initializer_list<const char*> path) -> int64_t {
    if (!years.count(y)) return 0;
    const json* node = &years.at(y);
    for (const char* step : path) {
      if (!node->contains(step)) return 0;
      node = &(*node)[step];
    }
    return node->get<int64_t>();
  };
  std::map<std::string, int64_t> opened, decided, fines, warnings, money, simple, revoked, reviews, suits;
  int64_t court = 0, published = 0, seized = 0, substituted = 0;
  std::map<std::string, int64_t> withdrawn;
  // 行政许可 (table 一): applications by receipt, acceptances in writing or by the decision after silence.
  std::map<std::string, int64_t> applied, accepted, not_accepted, granted, refused;
  // 行政征收征用 (table 六): each counted in the year it was completed; compensation by the day it was paid.
  std::map<std::string, int64_t> takings, requisitions, compensation;
  for (const auto& c : p.demo.year.cases) {
    if (c.withdrawn_at_ms != 0) ++withdrawn[Year(c.withdrawn_at_ms)];
    if (c.taking) {
      ++(c.taking->requisition ? requisitions : takings)[Year(c.taking->completed_at_ms)];
      for (const auto& [at, fen] : c.taking->payments) compensation[Year(at)] += fen;
      continue;
    }
    if (c.licence) {
      ++applied[Year(c.opened_at_ms)];
      not_accepted[Year(c.opened_at_ms)] += c.licence->not_accepted;
      if (c.licence->accepted_in_writing || c.licence->accepted_by_silence) ++accepted["all"];
      if (c.decided_at_ms != 0) ++(c.licence->granted ? granted : refused)[Year(c.decided_at_ms)];
      published += c.published;
      continue;
    }
    // 立案 is the general procedure's; a 简易程序 penalty is decided on the spot (第51条, 第54条).
    if (c.procedure == fb::Procedure::General) ++opened[Year(c.opened_at_ms)];
    if (!c.decision_no.empty() && c.category != fb::CaseCategory::Coercion) {  // a 扣押决定 is no penalty
      const std::string y = Year(c.decided_at_ms);
      ++decided[y];
      ++(c.fine_fen > 0 ? fines[y] : warnings[y]);
      money[y] += c.fine_fen;
      if (c.procedure == fb::Procedure::Simple) ++simple[y];
    }
    if (c.revoked) ++revoked[Year(c.changed_at_ms)];
    if (c.challenge)
      ++(c.challenge->kind == fb::ChallengeKind::Suit ? suits : reviews)[Year(c.challenge->recorded_at_ms)];
    court += c.court;
    published += c.published;
    seized += c.seized;
    substituted += c.substituted;
  }
  int64_t court_seen = 0, published_seen = 0, seized_seen = 0, substituted_seen = 0;
  for (const auto& [y, doc] : years) {
    INFO(y);
    CHECK(count(y, {"立案", "合计"}) == opened[y]);
    CHECK(count(y, {"行政处罚", "合计宗数"}) == decided[y]);
    CHECK(count(y, {"行政处罚", "按类别", "罚款"}) == fines[y]);
    CHECK(count(y, {"行政处罚", "按类别", "警告"}) == warnings[y]);
    CHECK(count(y, {"行政处罚", "罚没金额_分"}) == money[y]);
    CHECK(count(y, {"行政处罚", "简易程序"}) == simple[y]);
    // Revoked decisions stay counted above; the revocation is counted on its own.
    CHECK(count(y, {"行政处罚", "被行政复议纠错"}) == revoked[y]);
    // 被行政复议 / 被行政诉讼 count filings, whatever their outcome.
    CHECK(count(y, {"行政处罚", "被行政复议"}) == reviews[y]);
    CHECK(count(y, {"行政处罚", "被行政诉讼"}) == suits[y]);
    CHECK(count(y, {"公示", "撤回公示"}) == withdrawn[y]);
    CHECK(count(y, {"行政许可", "申请"}) == applied[y]);
    CHECK(count(y, {"行政许可", "不予受理"}) == not_accepted[y]);
    CHECK(count(y, {"行政许可", "许可"}) == granted[y]);
    CHECK(count(y, {"行政许可", "不予许可"}) == refused[y]);
    CHECK(count(y, {"行政征收征用", "征收"}) == takings[y]);
    CHECK(count(y, {"行政征收征用", "征用"}) == requisitions[y]);
    CHECK(count(y, {"行政征收征用", "补偿支付_分"}) == compensation[y]);
    accepted["seen"] += count(y, {"行政许可", "受理"});
    court_seen += count(y, {"行政强制", "申请法院强制执行"});
    published_seen += count(y, {"公示", "按时公示"}) + count(y, {"公示", "逾期公示"});
    seized_seen += count(y, {"行政强制", "强制措施", "扣押财物"});
    substituted_seen += count(y, {"行政强制", "强制执行", "代履行"});
  }
  CHECK(accepted["seen"] == accepted["all"]);  // in writing when answered, or by the decision after silence
  CHECK(court_seen == court);
  CHECK(published_seen == published);
  CHECK(seized_seen == seized);
  CHECK(substituted_seen == substituted);
  CHECK(substituted > 0);
  CHECK(decided["2025"] > 1000);

  // The annual report carries the same counts, the staff table and charts.
  auto report = BuildAnnualReport(*p.views, 2025, "青山镇人民政府");
  REQUIRE(report.ok());
  CHECK((*report)["二、行政处罚"]["合计宗数"] == decided["2025"]);
  CHECK((*report)["一、行政许可"]["申请数量"] == applied["2025"]);
  CHECK((*report)["一、行政许可"]["许可数量"] == granted["2025"]);
  CHECK((*report)["一、行政许可"]["不予许可数量"] == refused["2025"]);
  CHECK((*report)["六、行政征收征用"]["征收_件"] == takings["2025"]);
  CHECK((*report)["六、行政征收征用"]["征用_件"] == requisitions["2025"]);
  CHECK((*report)["六、行政征收征用"]["补偿支付_分"] == compensation["2025"]);
  CHECK(takings["2025"] > 0);
  CHECK(requisitions["2025"] > 0);
  CHECK(granted["2025"] > 20);
  CHECK(refused["2025"] > 0);
  CHECK(not_accepted["2025"] > 0);
  CHECK((*report)["二、行政处罚"]["被行政复议"] == reviews["2025"]);
  CHECK((*report)["二、行政处罚"]["被行政诉讼"] == suits["2025"]);
  CHECK(reviews["2025"] > 0);
  CHECK(suits["2025"] > 0);
  CHECK((*report)["due_by"] == "2026-01-31");
  // Everyone with the officer role counts as staff; the suspended one holds no valid certificate.
  const int64_t staff = (*report)["五、执法人员"]["执法人员数"];
  CHECK(staff == 28);  // 26 field officers, the 法制员 (officer and reviewer), the suspended officer
  CHECK((*report)["五、执法人员"]["持有效执法证件人数"] == staff - 1);
  const std::string html = RenderAnnualReportHtml(*report);
  CHECK_THAT(html, Catch::Contains("<svg") && Catch::Contains("青山镇人民政府2025年度行政执法统计年报") &&
                       Catch::Contains("行政处罚决定（按处罚种类）") && Catch::Contains("lang=\"zh-CN\""));
}

TEST_CASE("early warnings name the late acts the generator made, with their evidence", "[projectors][warnings]") {
  ProjectedDemo p(1500);
  auto warnings = ComputeWarnings(*p.views, "2026-12-31");
  REQUIRE(warnings.ok());
  const auto& cal = domain::WorkdayCalendar::China();
  std::set<std::string> late_published, court;
  for (const auto& c : p.demo.year.cases) {
    if (c.published) {  // 7 working days for a penalty or licence, 20 for a 行政强制 case's measure
      const int within = c.category == fb::CaseCategory::Coercion ? 20 : 7;
      const std::string due = domain::FormatDate(cal.AddWorkingDays(domain::ChinaDateOf(c.decided_at_ms), within).date);
      if (domain::FormatDate(domain::ChinaDateOf(c.published_at_ms)) > due) late_published.insert(c.case_id);
    }
    if (c.court) court.insert(c.case_id);
  }
  REQUIRE_FALSE(late_published.empty());
  REQUIRE_FALSE(court.empty());
  std::set<std::string> met_late_disclosure, met_late_payment, missed_payment, flagged_late;
  auto store = testing::OpenStore(p.demo.dir.path());
  const uint64_t size = *LogReader(*store).Size();
  for (const auto& w : *warnings) {
    INFO(w.dump());
    REQUIRE_FALSE(w["evidence"].empty());
    for (const auto& e : w["evidence"]) CHECK(e.get<uint64_t>() < size);
    const std::string kind = w["kind"];
    // The generator misses no deadline it does not also meet, but for the fines of the cases it takes to court:
    // a 催告 and a court application follow a missed payment, they do not meet it.
    if (kind == "deadline missed") {
      CHECK(w["deadline"] == "payment-15-days");
      missed_payment.insert(w["case_id"]);
    }
    if (kind == "met late" &&
        (w["deadline"] == "disclosure-7-working-days" || w["deadline"] == "disclosure-20-working-days")) {
      met_late_disclosure.insert(w["case_id"]);
    }
    if (kind == "met late" && w["deadline"] == "payment-15-days") met_late_payment.insert(w["case_id"]);
    if (kind == "procedure flag" && w["rule"] == "F-DISCLOSURE-LATE") flagged_late.insert(w["case_id"]);
  }
  CHECK(met_late_disclosure == late_published);
  CHECK(flagged_late == late_published);
  // Every flag admission stored beside a record is one warning, with that record as evidence.
  std::multiset<std::pair<uint64_t, std::string>> stored, warned;
  // Read record by record, not through the scan the projectors use.
  const LogReader reader(*store);
  for (uint64_t index = 0; index < size; ++index) {
    auto encoded = reader.FlagsAt(index);
    REQUIRE(encoded.ok());
    for (const auto& f : domain::DecodeFlags(*encoded)) stored.insert({index, f.rule_id});
  }
  for (const auto& w : *warnings) {
    if (w["kind"] == "procedure flag") warned.insert({w["evidence"][0].get<uint64_t>(), w["rule"].get<std::string>()});
  }
  REQUIRE_FALSE(stored.empty());
  CHECK(warned == stored);
  // Every case that went to court missed its payment, and no other did.
  CHECK(missed_payment == court);
}

// The deadline `kind` of `case_id` among the warnings of `views` on 2026-12-31.
json WarningOf(ViewStore& views, const std::string& case_id, const std::string& kind) {
  auto warnings = ComputeWarnings(views, "2026-12-31");
  REQUIRE(warnings.ok());
  for (const auto& w : *warnings) {
    if (w["case_id"] == case_id && w.value("deadline", "") == kind) return w;
  }
  return json();
}

TEST_CASE("a decision other than a penalty or licence is due public in 20 working days, as admission counts it",
          "[projectors][warnings]") {
  testing::CaseFixture f;
  f.Open("K1", 0, testing::kCoercionItem);
  f.Investigate("K1", 1);
  f.Admit(domain::ConcludeInvestigation(f.By(f.a, "K1", 2), fb::Conclusion::NoPenaltyMinor, {}, "情节轻微"));
  f.Admit(domain::IssueDecision(f.By(f.head, "K1", 3), fb::DecisionOutcome::NoPenalty, "青综执不罚〔2026〕1号", {},
                                "占道", "情节轻微并及时改正", "行政处罚法 第33条"));
  f.t().Close();
  TempDir v;
  auto views = FoldAll(f.t().dir(), v.path());
  // Decided Thu 2026-03-05; the 20th working day after is Thu 04-02 (清明 is 04-04 … 04-06).
  const json w = WarningOf(*views, "K1", "disclosure-20-working-days");
  REQUIRE(w.is_object());
  CHECK(w["due_on"] == "2026-04-02");
  CHECK(WarningOf(*views, "K1", "disclosure-7-working-days").is_null());
}

TEST_CASE("the payment deadline is the decision's own, and a 催告 does not meet it", "[projectors][warnings]") {
  testing::CaseFixture f;
  f.ReadyToDecide("P1", 50000);
  f.Admit(domain::IssueDecision(f.By(f.head, "P1", 6), fb::DecisionOutcome::Penalty,
                                testing::CaseFixture::DecisionNo("P1"), {{fb::PenaltyType::Fine, 50000, ""}},
                                "占道经营", "占道经营属实", "第36条", false,
                                /*pay_within_days=*/30));
  f.Admit(domain::ServeDocument(f.By(f.a, "P1", 7), testing::CaseFixture::DecisionNo("P1"), "行政处罚决定书",
                                fb::ServiceMethod::Direct, testing::CaseFixture::Day(7)));
  f.Admit(domain::ServeDemandNotice(f.By(f.a, "P1", 60), 50000, "2026-05-11"));
  f.t().Close();
  TempDir v;
  auto views = FoldAll(f.t().dir(), v.path());
  // Served Mon 2026-03-09; thirty days later is Wed 04-08 (fifteen would have been Tue 03-24).
  const json w = WarningOf(*views, "P1", "payment-15-days");
  REQUIRE(w.is_object());
  CHECK(w["kind"] == "deadline missed");
  CHECK(w["due_on"] == "2026-04-08");
}

TEST_CASE("a published decision revoked and never withdrawn is a warning naming the revocation and the publication",
          "[projectors][warnings]") {
  testing::CaseFixture f;
  f.DecidedCase("W1", 0, 50000);  // decided Sun 2026-03-08
  f.DecidedCase("W2", 0, 50000);
  for (const char* id : {"W1", "W2"}) {
    f.Admit(domain::PublishDecision(f.By(f.discloser, id, 8), std::string("PUB-") + id,
                                    testing::CaseFixture::DecisionNo(id), "2026-03-17", "2029-03-08", "罚款500元"));
  }
  const auto published = f.t().log().reader().Size();
  REQUIRE(published.ok());
  // Both served Wed 03-11 and taken to 复议 on Fri 03-20; both revoked on 复议 on Mon 2026-03-30 (day 28); W2 is
  // withdrawn on Wed 04-01, W1 never.
  for (const char* id : {"W1", "W2"}) {
    f.Admit(domain::ServeDocument(f.By(f.a, id, 9), testing::CaseFixture::DecisionNo(id), "行政处罚决定书",
                                  fb::ServiceMethod::Direct, testing::CaseFixture::Day(9)));
    f.Admit(domain::FileChallenge(f.By(f.a, id, 20), fb::ChallengeKind::Review, testing::CaseFixture::DecisionNo(id),
                                  "平桥区人民政府", std::string("平政复〔2026〕") + id, "2026-03-20"));
  }
  for (const char* id : {"W1", "W2"}) {
    f.Admit(domain::ChangeDecision(f.By(f.a, id, 28), testing::CaseFixture::DecisionNo(id), fb::DecisionChange::Revoked,
                                   fb::ChangeAuthority::ReviewBody, "平复决字〔2026〕3号", "事实不清"));
  }
  f.Admit(domain::WithdrawPublication(f.By(f.discloser, "W2", 30), "PUB-W2", "决定已被复议撤销"));
  f.t().Close();
  TempDir v;
  auto views = FoldAll(f.t().dir(), v.path());
  // Three working days after Mon 03-30 is Thu 04-02 (清明 starts Sat 04-04).
  const json w = WarningOf(*views, "W1", "withdrawal-3-working-days");
  REQUIRE(w.is_object());
  CHECK(w["kind"] == "deadline missed");
  CHECK(w["due_on"] == "2026-04-02");
  CHECK(w["rule"] == "F-WITHDRAW-3WD");
  REQUIRE(w["evidence"].size() == 2);  // the revocation, then the publication it leaves standing
  CHECK(w["evidence"][1].get<uint64_t>() < *published);
  CHECK(WarningOf(*views, "W2", "withdrawal-3-working-days").is_null());
}

TEST_CASE("a decision under 复议 says so in its disclosure record and case file until the outcome",
          "[projectors][disclosure][casefile]") {
  testing::CaseFixture f;
  // Decided Sun 2026-03-08, served Wed 03-11; P1's 复议 is pending, P2's was upheld (received Tue 05-12).
  for (const char* id : {"P1", "P2"}) {
    f.DecidedCase(id, 0, 50000);
    f.Admit(domain::ServeDocument(f.By(f.a, id, 9), testing::CaseFixture::DecisionNo(id), "行政处罚决定书",
                                  fb::ServiceMethod::Direct, testing::CaseFixture::Day(9)));
    f.Admit(domain::FileChallenge(f.By(f.a, id, 20), fb::ChallengeKind::Review, testing::CaseFixture::DecisionNo(id),
                                  "平桥区人民政府", std::string("平政复〔2026〕") + id, "2026-03-20"));
  }
  f.Admit(domain::ConcludeChallenge(f.By(f.a, "P2", 72), fb::ChallengeKind::Review, "平政复〔2026〕P2",
                                    fb::ChallengeResult::Upheld, "平政复决〔2026〕P2", "2026-05-12"));
  f.t().Close();
  TempDir v;
  auto views = FoldAll(f.t().dir(), v.path());
  const auto disclosure = Dump(*views, DisclosureView::kName);
  const json p1 = json::parse(disclosure.at("decision/P1")), p2 = json::parse(disclosure.at("decision/P2"));
  CHECK(p1["under_challenge"] == "行政复议审理中");
  CHECK(p1["remedies"] == "已告知");
  REQUIRE(p1["challenges"].size() == 1);
  CHECK(p1["challenges"][0]["body"] == "平桥区人民政府");
  CHECK(p1["challenges"][0]["filed_on"] == "2026-03-20");
  CHECK(p1["challenges"][0]["state"] == "审理中");
  CHECK_FALSE(p2.contains("under_challenge"));
  CHECK(p2["challenges"][0]["state"] == "维持");
  CHECK(p2["challenges"][0]["ended_on"] == "2026-05-12");
  CHECK(p2["challenges"][0]["ruling_no"] == "平政复决〔2026〕P2");

  auto store = testing::OpenStore(f.t().dir());
  const LogReader reader(*store);
  auto file1 = ReadCaseFile(*views, reader, "P1");
  auto file2 = ReadCaseFile(*views, reader, "P2");
  REQUIRE(file1.ok());
  REQUIRE(file2.ok());
  CHECK((*file1)["cover"]["复议诉讼"] == "行政复议（平政复〔2026〕P1）审理中");
  CHECK((*file2)["cover"]["复议诉讼"] == "行政复议（平政复〔2026〕P2）维持");
  CHECK((*file2)["cover"]["救济途径告知"] == "已告知");
}

// Each counting rule of point 10 of the legal layer, on acts written for it; each count was wrong before.
TEST_CASE(
    "the annual tables count 立案, referrals, late fees, 代履行 and staff by the counting rules, not by statements",
    "[projectors][statistics]") {
  testing::CaseFixture f;
  // A general case with two late-fee statements: one 加处罚款 (行政强制法 第45条), not two.
  f.DecidedCase("L1", 0, 50000);
  f.Admit(domain::ServeDocument(f.By(f.a, "L1", 7), testing::CaseFixture::DecisionNo("L1"), "行政处罚决定书",
                                fb::ServiceMethod::Direct, testing::CaseFixture::Day(7)));
  f.Admit(domain::ImposeLateFee(f.By(f.a, "L1", 30), 12000, 8));
  f.Admit(domain::ImposeLateFee(f.By(f.a, "L1", 40), 15000, 10));
  // Then a 代履行 (行政强制法 第50–51条): 催告 Tue 04-14, decided Mon 04-20, reminded Tue 04-21, done Mon 04-27.
  f.Admit(domain::ServeDemandNotice(f.By(f.a, "L1", 43), 0, "2026-04-17"));
  f.Admit(domain::DecideSubstituteExecution(
      f.By(f.head, "L1", 49), {"青综执代〔2026〕1号", "逾期未清除占道堆物", "清运", "解放路占道堆物", "2026-04-27",
                               "青山镇环卫所", 80000, false}));
  f.Admit(domain::ServeDemandNotice(f.By(f.a, "L1", 50), 0, "2026-04-24"));
  f.Admit(domain::CarryOutSubstitute(
      f.By(f.a, "L1", 56),
      {{f.a.certificate_no, f.b.certificate_no}, f.c.certificate_no, "清运堆物", 76000, true, true, {}}));
  // A 简易程序 penalty: decided on the spot, not 立案.
  f.Open("S1", 1, testing::kPenaltyItem, fb::Procedure::Simple);
  f.Admit(domain::IssueDecision(f.By(f.a, "S1", 1, 11), fb::DecisionOutcome::Penalty, "当场1",
                                {{fb::PenaltyType::Fine, 5000, ""}}, "占道", "占道", "第36条", true));
  // Two referrals: a suspected crime to the police, and a case for another agency.
  for (const auto& [id, crime] : {std::pair{"R1", true}, std::pair{"R2", false}}) {
    f.Open(id, 2);
    f.Investigate(id, 3);
    f.Admit(domain::ConcludeInvestigation(f.By(f.a, id, 4), fb::Conclusion::Refer, {}, "涉及其他机关职权"));
    f.Admit(domain::ReferCase(f.By(f.head, id, 5), std::string("移送") + id, crime ? "县公安局" : "县市场监督管理局",
                              crime, "无照经营", "无照经营属实", crime ? "行政处罚法 第27条" : "行政处罚法 第57条"));
  }
  f.t().Close();
  TempDir v;
  auto views = FoldAll(f.t().dir(), v.path());
  auto report = BuildAnnualReport(*views, 2026, "青山镇人民政府");
  REQUIRE(report.ok());
  CHECK((*report)["立案"]["合计"] == 3);  // L1, R1, R2
  CHECK((*report)["三、行政强制"]["行政强制执行"]["加处罚款或者滞纳金"] == 1);
  CHECK((*report)["三、行政强制"]["行政强制执行"]["代履行"] == 1);
  CHECK((*report)["二、行政处罚"]["涉嫌犯罪移送"] == 1);
  CHECK((*report)["二、行政处罚"]["移送其他机关"] == 1);
  CHECK((*report)["一、行政许可"]["许可数量"] == 0);  // no 行政许可 decision, whatever cases are open
}

TEST_CASE(
    "a certificate renewed by a profile change is valid alike at admission, on the public check and in the "
    "annual report",
    "[projectors][statistics][registry]") {
  testing::TestLog t;
  const KeyPair key = KeyPair::Generate();
  const int64_t now = NowMs();
  // The certificate ran out yesterday: its holder may not sign.
  OfficerInfo info{"41150001", "李明", "执法队员", key.public_key(), {fb::Role::Officer}, 0, now - domain::kDayMs};
  REQUIRE(t.AppendOne(t.SignedRegistryEvent([&](const StatementHeader& h) {
             return OfficerRegisteredStatement(h, info);
           })).ok());
  const testing::TestOfficer officer{"41150001", key};
  CHECK_FALSE(t.AppendOne(t.Memo(officer, "C1")).ok());
  // 换证: the same certificate, renewed with no end.
  REQUIRE(t.AppendOne(t.SignedRegistryEvent([&](const StatementHeader& h) {
             return domain::OfficerNameChangedStatement(h, "41150001", "李明", 0);
           })).ok());
  CHECK(t.AppendOne(t.Memo(officer, "C1")).ok());
  t.Close();
  TempDir v;
  auto views = FoldAll(t.dir(), v.path());
  auto registry = (*views).ActiveView(RegistryView::kName);
  REQUIRE(registry.ok());
  auto entry = views->Get(registry->get(), "officer/41150001");
  REQUIRE(entry.ok());
  REQUIRE(entry->has_value());
  CHECK(CertificateStatus(**entry, now) == "valid");
  auto report = BuildAnnualReport(*views, int(domain::ChinaDateOf(now).year()), "青山镇人民政府");
  REQUIRE(report.ok());
  CHECK((*report)["五、执法人员"]["执法人员数"] == 1);
  CHECK((*report)["五、执法人员"]["持有效执法证件人数"] == 1);
  CHECK((*report)["五、执法人员"]["持证率"] == "100.0%");
}

TEST_CASE("a deadline reaching into a year with no holiday notice is marked provisional in the views",
          "[projectors][warnings][disclosure]") {
  testing::CaseFixture f(testing::CaseFixture::Recording::kAsActed);
  f.DecidedCase("Y1", 294, 50000);  // decided Sun 2026-12-27
  f.DecidedCase("Y0", 0, 50000);    // decided Sun 2026-03-08: inside the published 2026 notice
  f.t().Close();
  TempDir v;
  auto views = FoldAll(f.t().dir(), v.path());
  const auto disclosure = Dump(*views, DisclosureView::kName);
  // By the weekday rule alone, 7 working days after 12-27 end on Tue 2027-01-05 (01-01 counted as a
  // working day): the 2027 notice is not shipped, so the date may still move.
  const json late = json::parse(disclosure.at("decision/Y1"));
  CHECK(late["due_on"] == "2027-01-05");
  CHECK(late["due_on_provisional"] == true);
  CHECK_FALSE(json::parse(disclosure.at("decision/Y0")).contains("due_on_provisional"));
  auto warnings = ComputeWarnings(*views, "2027-01-06");
  REQUIRE(warnings.ok());
  bool marked = false;
  for (const auto& w : *warnings) {
    if (w.value("case_id", "") == "Y1" && w.value("deadline", "") == "disclosure-7-working-days") {
      marked = w.value("provisional", false);
    }
    if (w.value("case_id", "") == "Y0") CHECK_FALSE(w.contains("provisional"));
  }
  CHECK(marked);
}

TEST_CASE("a village with a month far above its usual count is flagged, with the cases as evidence",
          "[projectors][warnings]") {
  testing::CaseFixture f;
  std::vector<uint64_t> spike;
  int n = 0;
  auto open_in = [&](int day) {
    f.Open("V" + std::to_string(++n), day);  // the fixture's cases are in 幸福村
    return f.t().log().size() - 1;
  };
  for (int month = 0; month < 8; ++month) open_in(month * 31);    // one a month, March to October
  for (int i = 0; i < 8; ++i) spike.push_back(open_in(250 + i));  // eight more in November
  f.t().Close();
  TempDir v;
  auto views = FoldAll(f.t().dir(), v.path());
  auto warnings = ComputeWarnings(*views, "2026-12-31");
  REQUIRE(warnings.ok());
  size_t spikes = 0;
  for (const auto& w : *warnings) {
    if (w["kind"] != "place spike") continue;
    ++spikes;
    CHECK(w["village"] == "幸福村");
    CHECK(w["month"] == "2026-11");
    std::vector<uint64_t> evidence;
    for (const auto& e : w["evidence"]) evidence.push_back(e);
    // November's cases: the last of the monthly ones and the eight of the spike.
    CHECK(std::includes(evidence.begin(), evidence.end(), spike.begin(), spike.end()));
  }
  CHECK(spikes == 1);
}

TEST_CASE("an hour with far more cases opened than the month's usual hour is flagged, with its cases",
          "[projectors][warnings]") {
  testing::CaseFixture f;
  int n = 0;
  auto open_at = [&](int day, int hour) {
    f.Open("H" + std::to_string(++n), day, testing::kPenaltyItem, fb::Procedure::General, fb::PartyKind::Organisation,
           false, hour);
    return f.t().log().size() - 1;
  };
  for (int day = 1; day <= 10; ++day) open_at(day, 9 + day % 3);  // one now and then
  std::vector<uint64_t> burst;
  for (int i = 0; i < 9; ++i) burst.push_back(open_at(12, 22));  // nine in one late hour
  f.t().Close();
  TempDir v;
  auto views = FoldAll(f.t().dir(), v.path());
  auto warnings = ComputeWarnings(*views, "2026-12-31");
  REQUIRE(warnings.ok());
  std::vector<json> spikes;
  for (const auto& w : *warnings) {
    if (w["kind"] == "hour spike") spikes.push_back(w);
    CHECK(w["kind"] != "place spike");  // the village's months are not unusual
  }
  REQUIRE(spikes.size() == 1);
  CHECK(spikes[0]["hour"].get<std::string>().substr(10) == "T22");
  CHECK(spikes[0]["evidence"].get<std::vector<uint64_t>>() == burst);
}

TEST_CASE("a decision with several penalties counts once, under the heaviest in the configured order",
          "[projectors][statistics]") {
  CHECK(HeaviestPenalty({"罚款", "警告"}) == "罚款");
  CHECK(HeaviestPenalty({"罚款", "没收违法所得", "吊销许可证件"}) == "吊销许可证件");
  CHECK(HeaviestPenalty({"其他", "警告"}) == "警告");  // a named type beats 其他
  CHECK(PenaltySeverityOrder().front() == "警告");
  CHECK(PenaltySeverityOrder().size() == 14);
}

}  // namespace
}  // namespace lawtrail::projectors

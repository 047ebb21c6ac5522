// The disclosure view against the generator's ground truth (D3, D4, D6, D7):
// every decision's due date, publication status, withdrawal after revocation
// and history — and no clear private value in any view.
#include <set>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "ledger/client/case_acts.h"
#include "ledger/domain/calendar.h"
#include "ledger/domain/sealed_fields.h"
#include "projectors/all.h"
#include "projectors/disclosure_view.h"
#include "projectors/runner.h"
#include "tests/projectors/demo_log.h"
#include "tests/support/case_fixture.h"
#include "tests/support/needle_scanner.h"

namespace lawtrail::projectors {
namespace {

using nlohmann::json;

std::string Day(int64_t ms) { return domain::FormatDate(domain::ChinaDateOf(ms)); }

TEST_CASE("every decision's disclosure record matches what the generator did", "[projectors][disclosure]") {
  ProjectedDemo p(1500);
  const auto view = Dump(*p.views, DisclosureView::kName);
  const auto& cal = domain::WorkdayCalendar::China();
  size_t decisions = 0, published = 0, withdrawn = 0, late = 0, untold = 0, challenged = 0, licences = 0, measures = 0,
         withdrawn_licences = 0, heard = 0;
  for (const auto& c : p.demo.year.cases) {
    if (c.decision_no.empty()) {
      CHECK_FALSE(view.count("decision/" + c.case_id));
      continue;
    }
    ++decisions;
    INFO(c.case_id);
    REQUIRE(view.count("decision/" + c.case_id));
    const json rec = json::parse(view.at("decision/" + c.case_id));
    CHECK(rec["decision_no"] == c.decision_no);
    // Every version is kept: put together again, they end at the current record.
    const std::string prefix = "decision/" + c.case_id + "/v/";
    std::vector<std::string_view> stored;
    for (auto it = view.lower_bound(prefix); it != view.end() && it->first.rfind(prefix, 0) == 0; ++it) {
      stored.push_back(it->second);
    }
    const auto history = MergeVersions(view.at("decision/" + c.case_id), stored);
    REQUIRE(history.size() == stored.size());
    CHECK(history.back().dump() == view.at("decision/" + c.case_id));
    for (size_t v = 0; v < history.size(); ++v) CHECK(history[v]["version"] == json(v + 1));
    // The first version is the decision as issued, before anything was published.
    CHECK(history.front()["status"] == "pending");
    CHECK_FALSE(history.front().contains("published_on"));
    CHECK_FALSE(history.front().contains("withdrawn"));
    CHECK(history.front()["decided"]["index"] == history.back()["decided"]["index"]);
    const domain::Date decided = domain::ChinaDateOf(c.decided_at_ms);
    // 行政处罚 and 行政许可: 7 working days; a 行政强制 case's 扣押决定: 20 (国办发〔2018〕118号).
    const bool measure = c.category == fb::CaseCategory::Coercion;
    const std::string due = domain::FormatDate(cal.AddWorkingDays(decided, measure ? 20 : 7).date);
    CHECK(rec["decided_on"] == Day(c.decided_at_ms));
    CHECK(rec["due_on"] == due);
    // A penalty by the general procedure on an adult is published; of licences, only a grant (行政许可法 第40条).
    const bool publishable = c.licence ? c.licence->granted : !c.party.minor && c.procedure == fb::Procedure::General;
    CHECK(rec["publishable"] == publishable);
    if (c.party.kind == fb::PartyKind::NaturalPerson) {
      CHECK(rec["party_name"] != c.party.name);
      CHECK(rec["party_name"].get<std::string>().find('*') != std::string::npos);
    } else {
      CHECK(rec["party_name"] == c.party.name);
      CHECK(rec["party_credit_code"] == c.party.credit_code);
    }
    if (c.published) {
      ++published;
      CHECK(rec["published_on"] == Day(c.published_at_ms));
      const bool on_time = Day(c.published_at_ms) <= due;
      late += on_time ? 0 : 1;
      CHECK(rec["published_on_time"] == on_time);
    }
    if (c.revoked) {
      REQUIRE(rec.contains("change"));
      CHECK(rec["change"]["kind"] == "撤销");
      CHECK(rec["change"]["withdraw_by"] ==
            domain::FormatDate(cal.AddWorkingDays(domain::ChinaDateOf(c.changed_at_ms), 3).date));
    }
    // What the decision told the party of its remedies, and the 复议 or suit it brought (all concluded by year end).
    // A grant gives the applicant what was asked: it tells no remedy, and its record names none.
    if (rec["outcome"] == "准予行政许可" || measure) {
      CHECK_FALSE(rec.contains("remedies"));
    } else if (rec["outcome"] != "移送") {
      CHECK(rec["remedies"] == (c.remedies_stated ? "已告知" : "未告知"));
    }
    if (c.licence) {
      ++licences;
      REQUIRE(rec.contains("licence"));
      CHECK(rec["outcome"] == (c.licence->granted ? "准予行政许可" : "不予行政许可"));
      CHECK(rec["licence"]["matter"] == c.licence->matter);
      CHECK(rec["licence"]["state"] == (!c.licence->granted ? "不予许可" : c.licence->revoked ? "已撤回" : "有效"));
      CHECK(rec["licence"].contains("ended_on") == c.licence->revoked);
      withdrawn_licences += c.licence->revoked;
      heard += c.licence->heard;
      CHECK(rec["licence"].value("certificate_no", "") == c.licence->certificate_no);
    } else {
      CHECK_FALSE(rec.contains("licence"));
    }
    if (measure) {
      ++measures;
      REQUIRE(rec.contains("measure"));
      CHECK(rec["outcome"] == "扣押");
      CHECK(rec["measure"]["kind"] == "扣押");
      CHECK((rec["measure"]["days"] == 30 || rec["measure"]["days"] == 60));  // extended once by thirty
      CHECK(rec["measure"].contains("lifted_on"));                            // every demo measure is lifted
    } else {
      CHECK_FALSE(rec.contains("measure"));
    }
    untold += c.remedies_stated ? 0 : 1;
    CHECK_FALSE(rec.contains("under_challenge"));
    if (c.challenge) {
      ++challenged;
      REQUIRE(rec["challenges"].size() == 1);
      const json& ch = rec["challenges"][0];
      CHECK(ch["kind"] == (c.challenge->kind == fb::ChallengeKind::Suit ? "行政诉讼" : "行政复议"));
      CHECK(ch["state"] == c.challenge->state);
      CHECK(ch["filed_on"] == c.challenge->filed_date);
      CHECK(ch.contains("ended_on"));
      // While it was pending, the record said so: the version made by its filing.
      bool said_pending = false;
      for (const json& v : history) {
        said_pending = said_pending || v.value("under_challenge", "") == ch["kind"].get<std::string>() + "审理中";
      }
      CHECK(said_pending);
    } else {
      CHECK_FALSE(rec.contains("challenges"));
    }
    if (c.withdrawn_at_ms != 0) {
      ++withdrawn;
      CHECK(DisclosureStatus(view.at("decision/" + c.case_id), "2026-12-31") == "withdrawn");
      CHECK(rec["withdrawn"]["on"] == Day(c.withdrawn_at_ms));
      CHECK_FALSE(rec["withdrawn"]["reason"].get<std::string>().empty());
      CHECK(rec["withdrawn"]["within_3_working_days"] == true);
      // The published version is kept in the history.
      bool saw_published = false;
      for (const json& v : history) saw_published = saw_published || v["status"] == "published";
      CHECK(saw_published);
      // The reader a client calls gives the same versions.
      auto read = DisclosureHistory(*p.views, c.case_id);
      REQUIRE(read.ok());
      CHECK(*read == history);
    } else if (c.published) {
      CHECK(DisclosureStatus(view.at("decision/" + c.case_id), "2026-12-31") ==
            ("2026-12-31" > c.display_until  ? "display ended"
             : Day(c.published_at_ms) <= due ? "published on time"
                                             : "published late"));
    } else if (publishable) {
      CHECK(DisclosureStatus(view.at("decision/" + c.case_id), "2026-12-31") == "overdue");
    } else {
      CHECK(DisclosureStatus(view.at("decision/" + c.case_id), "2026-12-31") == "not published");
    }
  }
  // The year exercises every branch.
  CHECK(decisions > 1000);
  CHECK(licences > 20);
  CHECK(measures > 20);
  CHECK(withdrawn_licences > 0);
  CHECK(heard > 0);
  CHECK(published > 400);
  CHECK(late > 0);
  CHECK(withdrawn > 0);
  CHECK(untold > 0);
  CHECK(challenged > 10);
}

TEST_CASE(
    "the public sees a withdrawal only as such, a corrected decision only as corrected, and nothing after "
    "its display period",
    "[projectors][disclosure]") {
  ProjectedDemo p(1500);
  const auto view = Dump(*p.views, DisclosureView::kName);
  const std::string today = "2026-03-31";  // some three-month displays of 2025 over, no three-year one
  size_t shown = 0, ended = 0, withdrawn = 0, corrected = 0;
  for (const auto& c : p.demo.year.cases) {
    if (c.decision_no.empty()) continue;
    INFO(c.case_id);
    const json rec = json::parse(view.at("decision/" + c.case_id));
    const json pub = PublicDisclosure(rec, today);
    if (!c.published) {
      CHECK(pub.is_null());
      continue;
    }
    CHECK(rec["display_until"] == c.display_until);
    CHECK(DisplayEnds(rec) == c.display_until);
    if (today > c.display_until) {
      ++ended;
      CHECK(pub.is_null());
      continue;
    }
    REQUIRE(pub.is_object());
    CHECK(pub["decision_no"] == c.decision_no);
    CHECK(pub["display_until"] == c.display_until);
    // Nothing of the working record: not the change, the versions, the stamps.
    for (const char* never : {"change", "versions", "decided", "published", "status", "version", "publishable"}) {
      CHECK_FALSE(pub.contains(never));
    }
    if (c.withdrawn_at_ms != 0) {
      ++withdrawn;
      std::set<std::string> keys;
      for (const auto& [k, v] : pub.items()) keys.insert(k);
      CHECK(keys == std::set<std::string>{"act", "agency", "case_id", "decision_no", "disclosure_status",
                                          "display_until", "record_index", "withdrawn"});
      CHECK(pub["withdrawn"]["on"] == Day(c.withdrawn_at_ms));
      CHECK(pub["record_index"] == rec["withdrawn"]["index"]);
      continue;
    }
    ++shown;
    const bool measure = c.category == fb::CaseCategory::Coercion;
    CHECK(pub["act"] == (c.licence ? "行政许可" : measure ? "行政强制" : "行政处罚"));
    // A licence shows its licence, a measure its kind and term, a penalty its facts: none the others' fields.
    if (c.licence || measure) {
      CHECK(pub[measure ? "measure" : "licence"] == rec[measure ? "measure" : "licence"]);
      CHECK_FALSE(pub.contains("facts"));
    } else {
      CHECK(pub["facts"] == rec["facts"]);
      CHECK_FALSE(pub.contains("licence"));
    }
    CHECK(pub["party_name"] == rec["party_name"]);
    if (c.corrected) {
      ++corrected;
      REQUIRE(pub["corrections"].size() == 1);
      CHECK(pub["summary"].get<std::string>().find("已更正") != std::string::npos);
      CHECK(pub["record_index"] == rec["corrections"][0]["index"]);
      CHECK_FALSE(pub["corrections"][0].contains("index"));
    } else {
      CHECK_FALSE(pub.contains("corrections"));
      CHECK(pub["record_index"] == rec["published"]["index"]);
    }
  }
  CHECK(shown > 100);
  CHECK(ended > 10);
  CHECK(withdrawn > 0);
  CHECK(corrected > 10);
}

TEST_CASE("no view holds a clear-text private value of any generated party", "[projectors][privacy]") {
  ProjectedDemo p(1500);
  const std::set<std::string> public_names(p.demo.year.officer_names.begin(), p.demo.year.officer_names.end());
  testing::NeedleScanner secrets;
  for (const auto& c : p.demo.year.cases) {
    if (c.party.kind != fb::PartyKind::NaturalPerson) continue;
    if (!public_names.count(c.party.name)) secrets.Add(c.party.name);
    secrets.Add(c.party.id_no);
    // domain.md §7.4: IDs are never shown, not even masked.
    secrets.Add(domain::MaskFor("party.id_no", c.party.id_no));
    secrets.Add(c.party.phone);
    secrets.Add(c.party.address);
  }
  REQUIRE(secrets.size() > 100);
  size_t values = 0;
  for (std::string_view name : {std::string_view("registry"), DisclosureView::kName}) {
    for (const auto& [key, value] : Dump(*p.views, name)) {
      const std::string found = secrets.FirstIn(value);
      INFO(name << " " << key << " holds '" << found << "'");
      CHECK(found.empty());
      ++values;
    }
  }
  CHECK(values > 1000);
}

TEST_CASE("a published 扣押决定's extension and lifting change its page and are records a reader may verify beside it",
          "[projectors][disclosure]") {
  // Seized Tue 2026-03-03 (Day 1), published Mon 03-16, extended thirty days on Tue 03-31, lifted Mon 04-20.
  testing::CaseFixture f;
  f.Open("Q1", 0, testing::kCoercionItem);
  f.Open("Q2", 0, testing::kCoercionItem);
  const std::string no = "青综执扣〔2026〕1号";
  const domain::AvInfo av{"av-Q1", testing::CaseFixture::Day(1, 9), testing::CaseFixture::Day(1, 11)};
  f.Admit(domain::TakeCoerciveMeasure(f.ApprovedBy(f.a, "Q1", 1, fb::Payload::CoerciveMeasureTaken), no,
                                      {f.a.certificate_no, f.b.certificate_no}, "三轮车一辆", 30, {av}));
  const uint64_t published = f.Admit(domain::PublishDecision(f.By(f.discloser, "Q1", 14), "PUB-Q1", no, "2026-03-31",
                                                             "2027-03-03", "扣押三轮车一辆，期限三十日"))
                                 .index;
  const uint64_t extended =
      f.Admit(domain::ExtendCoerciveMeasure(f.By(f.head, "Q1", 29), no, 30, "案情复杂，需进一步检验")).index;
  const uint64_t lifted = f.Admit(domain::LiftCoerciveMeasure(f.By(f.a, "Q1", 49), no, "检验完毕，不需继续扣押")).index;
  f.t().Close();
  TempDir v;
  auto views = FoldAll(f.t().dir(), v.path());
  const json rec = json::parse(Dump(*views, DisclosureView::kName).at("decision/Q1"));
  const json pub = PublicDisclosure(rec, "2026-05-01");
  REQUIRE(pub.is_object());
  CHECK(pub["measure"]["days"] == 60);
  CHECK(pub["measure"]["lifted_on"] == "2026-04-20");
  CHECK(pub["measure"]["change_indices"] == json::array({extended, lifted}));
  CHECK(pub["record_index"] == published);
  for (const uint64_t index : {published, extended, lifted}) {
    CHECK(*IsPublicDisclosureRecord(*views, "Q1", index, "2026-05-01"));
    CHECK_FALSE(*IsPublicDisclosureRecord(*views, "Q2", index, "2026-05-01"));  // another case's
  }
  CHECK_FALSE(*IsPublicDisclosureRecord(*views, "Q1", published - 1, "2026-05-01"));  // the measure's own record
  CHECK_FALSE(*IsPublicDisclosureRecord(*views, "Q1", extended, "2027-03-04"));       // the display is over
}

}  // namespace
}  // namespace lawtrail::projectors

// The data the procedure rules read (ledger/domain/*.tsv) and the rule table
// the docs show.
#include "ledger/domain/procedure_tables.h"

#include <fstream>
#include <set>
#include <sstream>

#include <catch2/catch.hpp>

#include "ledger/domain/legal_periods.h"
#include "ledger/domain/procedure.h"
#include "ledger/domain/rules.h"

namespace lawtrail::domain {
namespace {

TEST_CASE("every case event of the catalogue has a stage rule in the shipped table", "[tables]") {
  const ProcedureTables& t = ProcedureTables::Builtin();
  for (fb::Payload type : fb::EnumValuesPayload()) {
    if (!IsCaseEvent(type)) continue;
    INFO(fb::EnumNamePayload(type));
    CHECK(t.StageRuleFor(type) != nullptr);
  }
  CHECK(t.StageRuleFor(fb::Payload::CaseMemo) == nullptr);
  const auto* decision_docs = t.RequiredDocuments(fb::Payload::DecisionIssued);
  REQUIRE(decision_docs != nullptr);
  CHECK(decision_docs->front() == "行政处罚决定书");
}

TEST_CASE("thresholds come from the most specific row: province, department, then the default", "[tables]") {
  const ProcedureTables& t = ProcedureTables::Builtin();
  CHECK(t.ThresholdsFor("河南", "综合行政执法", true).hearing_fine_min_fen == 500000);    // 5,000 元
  CHECK(t.ThresholdsFor("河南", "综合行政执法", false).hearing_fine_min_fen == 5000000);  // 50,000 元
  CHECK(t.ThresholdsFor("湖北", "公安", true).hearing_fine_min_fen == 200000);            // 2,000 元
  CHECK(t.ThresholdsFor("湖北", "市场监管", false).simple_fine_max_fen == 300000);        // 第51条: 3,000 元
  CHECK(t.ThresholdsFor("", "", true).simple_fine_max_fen == 20000);                      // 200 元
}

TEST_CASE("a table naming an unknown event or stage is refused with its line", "[tables]") {
  constexpr std::string_view kDefaults = "*\t*\tcitizen\t1\t2\t3\t3\t24\n*\t*\torganisation\t1\t2\t3\t3\t24\n";
  auto bad_event = ProcedureTables::Parse({"CaseOpend\tnone\topen\n", "", kDefaults, ""});
  REQUIRE_FALSE(bad_event.ok());
  CHECK_THAT(bad_event.status().message(), Catch::Contains("case-stages.tsv line 1") && Catch::Contains("CaseOpend"));
  auto bad_stage = ProcedureTables::Parse({"CaseOpened\tnowhere\topen\n", "", "", ""});
  REQUIRE_FALSE(bad_stage.ok());
  CHECK_THAT(bad_stage.status().message(), Catch::Contains("nowhere"));
  auto no_default = ProcedureTables::Parse({"", "", "河南\t*\tcitizen\t1\t2\t3\t3\t24\n", ""});
  REQUIRE_FALSE(no_default.ok());
  CHECK_THAT(no_default.status().message(), Catch::Contains("default"));
  auto bad_head = ProcedureTables::Parse({"", "", kDefaults, "DecisionIssued\tgeneral\tnod\t决定\t第57条\n"});
  REQUIRE_FALSE(bad_head.ok());
  CHECK_THAT(bad_head.status().message(), Catch::Contains("head-approvals.tsv line 1") && Catch::Contains("how"));
  auto lawless = ProcedureTables::Parse({"", "", kDefaults, "DecisionIssued\tgeneral\tsign\t决定\t\n"});
  REQUIRE_FALSE(lawless.ok());
  CHECK_THAT(lawless.status().message(), Catch::Contains("law"));
}

TEST_CASE("the head's acts are a table: each row names its law, and the decisive acts are in it", "[tables]") {
  const ProcedureTables& t = ProcedureTables::Builtin();
  for (fb::Payload type :
       {fb::Payload::DecisionIssued, fb::Payload::CoerciveMeasureTaken, fb::Payload::CoerciveMeasureExtended,
        fb::Payload::EvidencePreserved, fb::Payload::CaseOpened, fb::Payload::CollectiveDiscussionHeld}) {
    const HeadRule* rule = t.HeadRuleFor(type);
    REQUIRE(rule != nullptr);
    CHECK_FALSE(rule->law.empty());
  }
  CHECK(t.HeadRuleFor(fb::Payload::DecisionIssued)->general_only);  // 当场处罚 (第51条) is the officer's
  CHECK(t.HeadRuleFor(fb::Payload::CollectiveDiscussionHeld)->sign_only);
  CHECK(t.HeadRuleFor(fb::Payload::InspectionRecorded) == nullptr);
}

TEST_CASE("docs/rules.md shows the rule table exactly as the code has it", "[tables]") {
  std::ifstream in(std::string(LAWTRAIL_TEST_VECTORS) + "/../../docs/rules.md");
  REQUIRE(in);
  std::stringstream doc;
  doc << in.rdbuf();
  CHECK_THAT(doc.str(), Catch::Contains(RulesMarkdown()));
}

TEST_CASE("rule ids are unique and refusals carry them", "[tables]") {
  std::set<std::string_view> ids;
  for (const auto& r : AllRules()) CHECK(ids.insert(r.id).second);
  const Status s = Refuse("P-NOTICE", "no notice");
  CHECK(s.rule() == "P-NOTICE");
  CHECK_THAT(s.ToString(), Catch::Contains("[P-NOTICE]") && Catch::Contains("行政处罚法 第44条"));
  CHECK(s.WithContext("statement 3").rule() == "P-NOTICE");
}

}  // namespace
}  // namespace lawtrail::domain

namespace lawtrail::domain {
namespace {

TEST_CASE("docs/event-catalogue.md lists every event of the payload union", "[tables]") {
  std::ifstream in(std::string(LAWTRAIL_TEST_VECTORS) + "/../../docs/event-catalogue.md");
  REQUIRE(in);
  std::stringstream doc;
  doc << in.rdbuf();
  for (fb::Payload type : fb::EnumValuesPayload()) {
    if (type == fb::Payload::NONE) continue;
    INFO(fb::EnumNamePayload(type));
    CHECK_THAT(doc.str(), Catch::Contains(std::string("`") + fb::EnumNamePayload(type) + "`"));
  }
}

}  // namespace
}  // namespace lawtrail::domain

TEST_CASE("every legal period is named once, and the rule enforcing it cites the period's law", "[tables]") {
  std::set<std::string_view> names;
  for (const lawtrail::domain::LegalPeriod* p : lawtrail::domain::periods::kAll) {
    INFO(p->name);
    CHECK(names.insert(p->name).second);
    CHECK(p->days > 0);
    CHECK((p->law.find("第") != std::string_view::npos || p->law.find("号") != std::string_view::npos));
    if (p->rule_id.empty()) continue;
    bool known = false;
    for (const lawtrail::domain::RuleInfo& r : lawtrail::domain::AllRules()) {
      if (r.id != p->rule_id) continue;
      known = true;
      // The rule's law names the period's article (a rule may cite several).
      const std::string_view article = p->law.substr(p->law.find(' ') + 1);
      CHECK(r.law.find(article) != std::string_view::npos);
    }
    CHECK(known);
  }
  // The periods the statute fixes, worked out from its text, not from the table.
  CHECK(lawtrail::domain::periods::kDecision.days == 90);
  CHECK(lawtrail::domain::periods::kDecision.count == lawtrail::domain::DayCount::kCalendar);
  CHECK(lawtrail::domain::periods::kService.days == 7);
  CHECK(lawtrail::domain::periods::kService.count == lawtrail::domain::DayCount::kWorking);
  CHECK(lawtrail::domain::periods::kHearingRequest.days == 5);
  CHECK(lawtrail::domain::periods::kSeizureTerm.days == 30);
}

// The demo year is the ground truth later views are tested against: a town's
// 10,000 cases append with every lawful act accepted and every rule-breaking
// attempt refused by the rule the generator named; the log verifies; and not
// one clear-text private value of the generated parties is in the records.
#include <cstring>
#include <set>
#include <unordered_map>

#include <catch2/catch.hpp>

#include "ledger/log/log.h"
#include "tests/support/needle_scanner.h"
#include "tests/support/tamper.h"
#include "tests/support/test_log.h"
#include "tools/town_year.h"

namespace lawtrail::testing {
namespace {

TEST_CASE(
    "a 10,000-case demo year appends, refuses exactly its rule breakers, verifies, and "
    "keeps every private value out of the records",
    "[demo][slow]") {
  TempDir dir;
  auto created = Log::Create(dir.path(), kTestOrigin, {"青山镇人民政府", "11411500MB1234567X"});
  REQUIRE(created.ok());
  const demo::Year year = demo::GenerateYear({kTestOrigin, created->root, 10000, 20251, 5});
  REQUIRE(year.officers >= 30);
  REQUIRE(year.cases.size() == 10000);
  {
    auto log = Log::Open(dir.path());
    REQUIRE(log.ok());
    for (const auto& r : (*log)->Append(year.registry)) REQUIRE(r.ok());
    std::vector<Bytes> all;
    for (const auto& item : year.items) all.push_back(item.submission);
    const auto results = (*log)->Append(std::move(all));
    size_t lawful = 0, refused = 0;
    std::map<std::string, size_t> by_rule;
    for (size_t i = 0; i < results.size(); ++i) {
      const auto& item = year.items[i];
      INFO(item.case_id << " expects " << (item.expected_rule.empty() ? "acceptance" : item.expected_rule) << ": "
                        << results[i].status().ToString());
      if (item.expected_rule.empty()) {
        REQUIRE(results[i].ok());
        ++lawful;
      } else {
        REQUIRE_FALSE(results[i].ok());
        REQUIRE(results[i].status().rule() == item.expected_rule);
        ++refused;
        ++by_rule[item.expected_rule];
      }
    }
    size_t lawful_expected = 0;
    for (const auto& c : year.cases) lawful_expected += c.lawful_events;
    CHECK(lawful == lawful_expected);
    CHECK(refused > 200);        // ~5% of the cases carry an attempt
    CHECK(by_rule.size() >= 6);  // of several different rules
    CHECK((*log)->size() == 1 + year.registry.size() + lawful);
  }
  const VerifyReport report = VerifyDir(dir.path(), created->verifier_key);
  INFO(report.status.ToString());
  REQUIRE(report.status.ok());
  CHECK(report.cases == 10000 + 1);

  // Every private value of every generated natural person, in clear. A party
  // who shares a name with an officer is skipped: officers' names are public
  // on the roster (D1), so that name is in the records for the officer.
  const std::set<std::string> public_names(year.officer_names.begin(), year.officer_names.end());
  NeedleScanner secrets;
  size_t people = 0;
  for (const auto& c : year.cases) {
    const auto& p = c.party;
    if (p.kind != fb::PartyKind::NaturalPerson) continue;
    ++people;
    if (!public_names.count(p.name)) secrets.Add(p.name);  // ≥ 2 Chinese characters: ≥ 6 bytes
    secrets.Add(p.id_no);
    secrets.Add(p.phone);
    secrets.Add(p.address);
  }
  REQUIRE(people > 1000);
  auto store = OpenStore(dir.path());
  std::unique_ptr<rocksdb::Iterator> it(store->db()->NewIterator(rocksdb::ReadOptions(), store->cf(Cf::kRecords)));
  size_t records = 0;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    const std::string found = secrets.FirstIn(it->value().ToStringView());
    INFO("record key " << ToHex(AsBytes(it->key().ToStringView())) << " contains '" << found << "'");
    REQUIRE(found.empty());
    ++records;
  }
  REQUIRE(it->status().ok());
  CHECK(records == 1 + year.registry.size() + [&] {
    size_t n = 0;
    for (const auto& c : year.cases) n += c.lawful_events;
    return n;
  }());
}

}  // namespace
}  // namespace lawtrail::testing

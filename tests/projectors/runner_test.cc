// The projector framework: views fold in index order, commit with their
// cursor, resume where they stopped, rebuild to identical bytes, and a new
// version takes over only when it has caught up.
#include "projectors/runner.h"

#include <atomic>
#include <map>
#include <mutex>
#include <thread>

#include <catch2/catch.hpp>

#include "ledger/core/log_format.h"
#include "ledger/log/log.h"
#include "projectors/all.h"
#include "projectors/case_file_view.h"
#include "projectors/disclosure_view.h"
#include "projectors/registry_view.h"
#include "projectors/statistics_view.h"
#include "projectors/warnings_view.h"
#include "tests/projectors/demo_log.h"

namespace lawtrail::projectors {
namespace {

using testing::TempDir;

// Counts records; version chosen by the test.
class CountingView : public Projector {
 public:
  explicit CountingView(uint32_t v) : version_(v) {}
  std::string_view name() const override { return "count"; }
  uint32_t version() const override { return version_; }
  Status Apply(const ProjectedRecord& r, ViewTxn& view) override {
    LAWTRAIL_ASSIGN_OR_RETURN(auto n, view.Get("n"));
    view.Put("n", std::to_string((n ? std::stoull(*n) : 0) + 1));
    view.Put("last", std::to_string(r.index));
    return Status::Ok();
  }

 private:
  uint32_t version_;
};

TEST_CASE("a view stopped part-way resumes from its cursor to the same bytes as one full fold", "[projectors]") {
  DemoLog demo(300);
  auto store = testing::OpenStore(demo.dir.path());
  LogReader reader(*store);
  TempDir a, b;
  {
    auto views = ViewStore::Open(a.path());
    REQUIRE(views.ok());
    ProjectionRunner partial(reader, **views, AllProjectors(), {.commit_records = 64});
    REQUIRE(*partial.CatchUp(500) == 500);
    auto lag = partial.Lag();
    REQUIRE(lag.ok());
    CHECK(lag->front().cursor == 500);
    CHECK_FALSE(lag->front().active);  // not caught up: readers do not see it yet
  }
  auto views_a = ViewStore::Open(a.path());
  REQUIRE(views_a.ok());
  ProjectionRunner resumed(reader, **views_a, AllProjectors());
  REQUIRE(resumed.CatchUp().ok());
  auto views_b = ViewStore::Open(b.path());
  REQUIRE(views_b.ok());
  ProjectionRunner whole(reader, **views_b, AllProjectors());
  REQUIRE(whole.CatchUp().ok());
  // Every view, not just one: the resumed fold read its working documents
  // back from their stored text, the whole one never did.
  for (const auto& p : AllProjectors()) {
    INFO("view " << p->name());
    const auto resumed_dump = Dump(**views_a, p->name());
    const auto whole_dump = Dump(**views_b, p->name());
    CHECK(resumed_dump.size() == whole_dump.size());
    CHECK(FirstDifferences(resumed_dump, whole_dump) == "");
  }
  const auto dump = Dump(**views_b, RegistryView::kName);

  // Rebuilding from record 0 gives the same bytes again.
  REQUIRE(whole.Rebuild(RegistryView::kName).ok());
  CHECK_FALSE((*views_b)->ActiveView(RegistryView::kName).ok());
  REQUIRE(whole.CatchUp().ok());
  CHECK(Dump(**views_b, RegistryView::kName) == dump);
}

TEST_CASE("a record read from an unaligned buffer is projected from a copy that lives as long as the projection",
          "[projectors]") {
  // RocksDB hands out values at any alignment; the projected statement must
  // not point into a copy that was freed when the record was parsed.
  DemoLog demo(3);
  auto store = testing::OpenStore(demo.dir.path());
  LogReader reader(*store);
  auto record = reader.RecordBytes(0);
  REQUIRE(record.ok());
  std::vector<uint8_t> shifted(record->size() + 1);
  std::copy(record->begin(), record->end(), shifted.begin() + 1);
  const ByteView unaligned(shifted.data() + 1, record->size());
  REQUIRE(reinterpret_cast<uintptr_t>(unaligned.data()) % 8 != 0);

  auto projected = ProjectRecord(0, unaligned, "");
  REQUIRE(projected.ok());
  REQUIRE(projected->aligned_copy != nullptr);
  const auto* copy_begin = projected->aligned_copy->data();
  const auto* at = reinterpret_cast<const uint8_t*>(projected->statement);
  CHECK((at >= copy_begin && at < copy_begin + projected->aligned_copy->size()));
  CHECK(projected->statement->case_id()->string_view() == lawtrail::kRegistryCaseId);
  CHECK(projected->record_bytes.data() == unaligned.data());
}

TEST_CASE("every document a view stores is canonical JSON: sorted keys, no spaces, UTF-8 as is", "[projectors]") {
  // Views print their busy documents without a JSON library; this holds them
  // to what the library would print.
  ProjectedDemo demo(300);
  size_t documents = 0;
  for (const auto& p : AllProjectors()) {
    for (const auto& [key, value] : Dump(*demo.views, p->name())) {
      const auto doc = nlohmann::json::parse(value, nullptr, false);
      if (doc.is_discarded()) continue;  // a plain text value
      INFO(p->name() << " " << key);
      CHECK(doc.dump() == value);
      ++documents;
    }
  }
  CHECK(documents > 2000);
}

TEST_CASE("views dropped and folded again in a loop never free a view under a reader still reading it",
          "[projectors][concurrency]") {
  // The API reads the case file view while the projector thread replaces
  // it; a dropped view's handle used to be destroyed under such a read (a
  // use after free under ASan). A reader's handle now keeps it alive.
  DemoLog demo(30);
  auto store = testing::OpenStore(demo.dir.path());
  LogReader reader(*store);
  TempDir dir;
  auto views = ViewStore::Open(dir.path());
  REQUIRE(views.ok());
  ProjectionRunner runner(reader, **views, AllProjectors());
  REQUIRE(runner.CatchUp().ok());
  const std::string case_id = demo.year.cases.front().case_id;
  std::atomic<bool> stop{false};
  std::atomic<int> read{0}, not_yet{0}, failed{0};
  std::mutex first_failure_mu;
  std::string first_failure;
  std::vector<std::thread> readers;
  for (int i = 0; i < 2; ++i) {
    readers.emplace_back([&] {
      while (!stop) {
        auto file = ReadCaseFile(**views, reader, case_id);
        if (file.ok())
          ++read;
        else if (file.status().code() == StatusCode::kNotFound)
          ++not_yet;  // between a drop and its fold
        else if (++failed == 1) {
          std::lock_guard lock(first_failure_mu);
          first_failure = file.status().ToString();
        }
      }
    });
  }
  for (int round = 0; round < 40; ++round) {
    REQUIRE(runner.Rebuild(CaseFileView::kName).ok());
    REQUIRE(runner.CatchUp().ok());
  }
  stop = true;
  for (auto& t : readers) t.join();
  INFO(first_failure);
  CHECK(failed == 0);
  CHECK(read > 0);
}

TEST_CASE("a view left with entries but no cursor (a crash inside a drop) is cleared before it is folded",
          "[projectors]") {
  DemoLog demo(100);
  auto store = testing::OpenStore(demo.dir.path());
  LogReader reader(*store);
  TempDir clean_dir, crashed_dir;
  auto clean = ViewStore::Open(clean_dir.path());
  REQUIRE(clean.ok());
  REQUIRE(ProjectionRunner(reader, **clean, AllProjectors()).CatchUp().ok());
  auto crashed = ViewStore::Open(crashed_dir.path());
  REQUIRE(crashed.ok());
  // Stale entries from an earlier fold, one of them where the new fold writes.
  auto cf = (*crashed)->View(WarningsView::kName, WarningsView().version());
  REQUIRE(cf.ok());
  const auto expected = Dump(**clean, WarningsView::kName);
  const std::string some_case = expected.lower_bound("case/")->first;
  REQUIRE((*crashed)->db()->Put(rocksdb::WriteOptions(), cf->get(), "stale/entry", "{}").ok());
  REQUIRE((*crashed)->db()->Put(rocksdb::WriteOptions(), cf->get(), some_case, R"({"obligations":[]})").ok());
  REQUIRE(ProjectionRunner(reader, **crashed, AllProjectors()).CatchUp().ok());
  CHECK(FirstDifferences(Dump(**crashed, WarningsView::kName), expected) == "");
}

TEST_CASE("the registry view shows the generator's roster, lists and certificate states", "[projectors]") {
  DemoLog demo(50);
  TempDir v;
  auto views = FoldAll(demo.dir.path(), v.path());
  const auto dump = Dump(*views, RegistryView::kName);
  size_t officers = 0, power_items = 0;
  for (const auto& [key, value] : dump) {
    if (key.rfind("officer/", 0) == 0) ++officers;
    if (key.rfind("item/PowerItem/", 0) == 0 && key.find("/v/") == std::string::npos) ++power_items;
  }
  CHECK(officers == demo.year.officer_certificates.size());
  CHECK(power_items == demo.year.power_item_codes.size());
  const int64_t now = NowMs();
  for (const auto& cert : demo.year.officer_certificates) {
    INFO(cert);
    REQUIRE(dump.count("officer/" + cert));
    CHECK(CertificateStatus(dump.at("officer/" + cert), now) ==
          (cert == demo.year.suspended_certificate ? "suspended" : "valid"));
    // A legal reviewer's qualification number is never in the public view.
    CHECK(dump.at("officer/" + cert).find("A20") == std::string::npos);
  }
  CHECK(CertificateStatus(dump.at("officer/" + demo.year.officer_certificates[0]), 4102444800000) == "expired");
  CHECK(dump.count("agency"));
  CHECK_THAT(dump.at("agency"), Catch::Contains("青山镇人民政府") && Catch::Contains("12345政务服务便民热线"));
}

TEST_CASE("a new view version builds beside the old one and takes over when caught up", "[projectors]") {
  DemoLog demo(20);
  auto store = testing::OpenStore(demo.dir.path());
  LogReader reader(*store);
  const uint64_t size = *reader.Size();
  TempDir v;
  auto views = ViewStore::Open(v.path());
  REQUIRE(views.ok());
  {
    std::vector<std::unique_ptr<Projector>> v1;
    v1.push_back(std::make_unique<CountingView>(1));
    ProjectionRunner runner(reader, **views, std::move(v1));
    REQUIRE(runner.CatchUp().ok());
  }
  CHECK(*(*views)->ActiveVersion("count") == 1u);
  std::vector<std::unique_ptr<Projector>> v2;
  v2.push_back(std::make_unique<CountingView>(2));
  ProjectionRunner runner(reader, **views, std::move(v2), {.commit_records = 16});
  REQUIRE(runner.CatchUp(size / 2).ok());
  // Half-way: readers still get version 1.
  CHECK(*(*views)->ActiveVersion("count") == 1u);
  auto half = (*views)->Get(*(*views)->ActiveView("count"), "n");
  CHECK(**half == std::to_string(size));
  REQUIRE(runner.CatchUp().ok());
  CHECK(*(*views)->ActiveVersion("count") == 2u);
  CHECK((*views)->FindView("count", 1) == nullptr);  // the old version is dropped
  CHECK(*(*(*views)->Get(*(*views)->ActiveView("count"), "n")) == std::to_string(size));
  auto lag = runner.Lag();
  REQUIRE(lag.ok());
  CHECK(lag->front().lag == 0);
}

TEST_CASE("one damaged case is rebuilt alone to the bytes of a full fold, touching nothing else",
          "[projectors][rebuild]") {
  ProjectedDemo p(400);
  std::map<std::string, std::map<std::string, std::string>> expected;
  for (const auto& v : AllProjectors()) expected[std::string(v->name())] = Dump(*p.views, v->name());
  // A closed case with a decision, a disclosure and deadlines.
  std::string case_id;
  for (const auto& c : p.demo.year.cases) {
    if (!c.decision_no.empty() && c.published) {
      case_id = c.case_id;
      break;
    }
  }
  REQUIRE_FALSE(case_id.empty());
  {
    // Damage: alter its disclosure record, lose its deadlines. (The case
    // file view keeps nothing per case but the 归档号, which a rebuild must
    // not draw again: its files are folded from the log on each read.)
    rocksdb::WriteBatch damage;
    CHECK_FALSE(expected.at("casefile").contains("case/" + case_id));
    CHECK(expected.at("casefile").contains("~archived/" + case_id));
    REQUIRE(damage.Put(p.views->ActiveView(DisclosureView::kName)->get(), "decision/" + case_id, "{\"status\":\"x\"}")
                .ok());
    const auto deadlines = nlohmann::json::parse(expected.at("warnings").at("case/" + case_id))["obligations"];
    REQUIRE(deadlines.size() >= 3);
    REQUIRE(damage.Delete(p.views->ActiveView(WarningsView::kName)->get(), "case/" + case_id).ok());
    REQUIRE(p.views->Write(damage).ok());
  }
  REQUIRE(Dump(*p.views, DisclosureView::kName) != expected.at("disclosure"));

  auto store = testing::OpenStore(p.demo.dir.path());
  LogReader reader(*store);
  ProjectionRunner runner(reader, *p.views, AllProjectors());
  auto folded = runner.RebuildCase(case_id);
  REQUIRE(folded.ok());
  CHECK(*folded >= 8);
  for (const auto& v : AllProjectors()) {
    const auto now = Dump(*p.views, v->name());
    const std::string differences = FirstDifferences(now, expected.at(std::string(v->name())));
    INFO(std::string(v->name()) + ": " + differences);
    CHECK(now == expected.at(std::string(v->name())));
  }
  // The annual counts were not added to a second time, and the views still
  // follow the log.
  REQUIRE(runner.CatchUp().ok());
  CHECK(Dump(*p.views, StatisticsView::kName) == expected.at("statistics"));
  CHECK(*runner.RebuildCase("2099-NO-SUCH-CASE") == 0);
}

}  // namespace
}  // namespace lawtrail::projectors

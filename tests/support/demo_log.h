// A log holding a generated demo year (tools/town_year.h): every kind of case,
// registry changes and procedure flags. Tests that use it link lawtrail::demo.
#ifndef LAWTRAIL_TESTS_SUPPORT_DEMO_LOG_H_
#define LAWTRAIL_TESTS_SUPPORT_DEMO_LOG_H_

#include <catch2/catch.hpp>

#include "ledger/log/log.h"
#include "tests/support/test_log.h"
#include "tools/town_year.h"

namespace lawtrail::testing {

// Log options that make a checkpoint about every `records` records (in
// batches of half that), so that a small log has several.
inline LogOptions CheckpointEvery(uint64_t records) {
  LogOptions o;
  o.checkpoints.every_records = records;
  o.max_batch_records = std::max<size_t>(1, records / 2);
  return o;
}

// A demo year of `cases` cases in a fresh log: the registry is appended, and
// the cases too unless `append_cases` is false (a test that grows the log
// step by step appends them with AppendCases).
struct DemoLog {
  TempDir dir;
  demo::Year year;
  explicit DemoLog(uint64_t cases, LogOptions options = {}, bool append_cases = true) {
    auto created = Log::Create(dir.path(), kTestOrigin, {"青山镇人民政府", "11411500MB1234567X"});
    REQUIRE(created.ok());
    year = demo::GenerateYear({kTestOrigin, created->root, cases, 11, 5});
    auto log = Log::Open(dir.path(), options);
    REQUIRE(log.ok());
    for (const auto& r : (*log)->Append(year.registry)) REQUIRE(r.ok());
    if (append_cases) AppendCases(**log, 0, year.items.size(), options.max_batch_records);
  }
  // Appends the generated items [begin, end) in batches of `batch`, so that
  // the log's checkpoint policy applies.
  void AppendCases(Log& log, size_t begin, size_t end, size_t batch) const {
    std::vector<std::future<std::vector<AppendResult>>> batches;
    for (size_t first = begin; first < end; first += batch) {
      std::vector<Bytes> items;
      for (size_t i = first; i < std::min(end, first + batch); ++i) items.push_back(year.items[i].submission);
      batches.push_back(log.AppendAsync(std::move(items)));
    }
    for (auto& b : batches) b.wait();
  }
};

}  // namespace lawtrail::testing

#endif  // LAWTRAIL_TESTS_SUPPORT_DEMO_LOG_H_

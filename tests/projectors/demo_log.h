// A log holding a generated demo year, and its views dumped for comparison:
// the generator's ground truth is what the views are checked against.
#ifndef LAWTRAIL_TESTS_PROJECTORS_DEMO_LOG_H_
#define LAWTRAIL_TESTS_PROJECTORS_DEMO_LOG_H_

#include <catch2/catch.hpp>

#include <map>

#include "ledger/log.h"
#include "projectors/all.h"
#include "projectors/runner.h"
#include "projectors/view_store.h"
#include "tests/support/test_log.h"
#include "tools/town_year.h"

namespace lawtrail::projectors {

using testing::TempDir;

// A demo year of `cases` cases in a fresh log.
struct DemoLog {
  TempDir dir;
  demo::Year year;
  explicit DemoLog(uint64_t cases) {
    auto created = Log::Create(dir.path(), testing::kTestOrigin, {"青山镇人民政府", "11411500MB1234567X"});
    REQUIRE(created.ok());
    year = demo::GenerateYear({testing::kTestOrigin, created->root, cases, 11, 5});
    auto log = Log::Open(dir.path());
    REQUIRE(log.ok());
    for (const auto& r : (*log)->Append(year.registry)) REQUIRE(r.ok());
    std::vector<Bytes> items;
    for (const auto& item : year.items) items.push_back(item.submission);
    (*log)->Append(std::move(items));
  }
};

inline std::map<std::string, std::string> Dump(ViewStore& views, std::string_view name) {
  auto cf = views.ActiveView(name);
  REQUIRE(cf.ok());
  std::map<std::string, std::string> out;
  std::unique_ptr<rocksdb::Iterator> it(views.db()->NewIterator(rocksdb::ReadOptions(), *cf));
  for (it->SeekToFirst(); it->Valid(); it->Next()) out[it->key().ToString()] = it->value().ToString();
  return out;
}

// The first keys where two dumps differ, for a failure message.
inline std::string FirstDifferences(const std::map<std::string, std::string>& a,
                                    const std::map<std::string, std::string>& b) {
  std::string out;
  int shown = 0;
  for (const auto& [key, value] : a) {
    auto it = b.find(key);
    if (it == b.end()) out += "only left: " + key + "\n";
    else if (it->second != value) out += "differs: " + key + "\n  " + value + "\n  " + it->second + "\n";
    else continue;
    if (++shown == 5) return out;
  }
  for (const auto& [key, value] : b) {
    if (a.contains(key)) continue;
    out += "only right: " + key + "\n";
    if (++shown == 5) return out;
  }
  return out;
}

// Folds every projector over the log in `log_dir` into views at `views_dir`.
inline std::unique_ptr<ViewStore> FoldAll(const std::string& log_dir, const std::string& views_dir) {
  auto store = testing::OpenStore(log_dir);
  LogReader reader(*store);
  auto views = ViewStore::Open(views_dir);
  REQUIRE(views.ok());
  ProjectionRunner runner(reader, **views, AllProjectors());
  REQUIRE(runner.CatchUp().ok());
  return std::move(*views);
}

// A demo log with every view folded.
struct ProjectedDemo {
  DemoLog demo;
  TempDir views_dir;
  std::unique_ptr<ViewStore> views;
  explicit ProjectedDemo(uint64_t cases) : demo(cases), views(FoldAll(demo.dir.path(), views_dir.path())) {}
};

}  // namespace lawtrail::projectors

#endif  // LAWTRAIL_TESTS_PROJECTORS_DEMO_LOG_H_

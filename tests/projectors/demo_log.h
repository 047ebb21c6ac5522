// A demo log's views dumped for comparison: the generator's ground truth is
// what the views are checked against.
#ifndef LAWTRAIL_TESTS_PROJECTORS_DEMO_LOG_H_
#define LAWTRAIL_TESTS_PROJECTORS_DEMO_LOG_H_

#include <map>

#include <catch2/catch.hpp>

#include "projectors/all.h"
#include "projectors/runner.h"
#include "projectors/view_store.h"
#include "tests/support/demo_log.h"

namespace lawtrail::projectors {

using testing::DemoLog;
using testing::TempDir;

inline std::map<std::string, std::string> Dump(ViewStore& views, std::string_view name) {
  auto cf = views.ActiveView(name);
  REQUIRE(cf.ok());
  std::map<std::string, std::string> out;
  std::unique_ptr<rocksdb::Iterator> it(views.db()->NewIterator(rocksdb::ReadOptions(), cf->get()));
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
    if (it == b.end())
      out += "only left: " + key + "\n";
    else if (it->second != value)
      out += "differs: " + key + "\n  " + value + "\n  " + it->second + "\n";
    else
      continue;
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

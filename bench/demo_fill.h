// File: bench/demo_fill.h
// -----------------------------------------------------------------------------
// Fills a bench's log with a generated town year (tools/town_year.h): the same
// seed gives the same bytes, so benches measure the same records.
#ifndef LAWTRAIL_BENCH_DEMO_FILL_H_
#define LAWTRAIL_BENCH_DEMO_FILL_H_

#include <string>
#include <utility>
#include <vector>

#include "ledger/log/data_dir.h"
#include "ledger/log/log.h"
#include "tools/town_year.h"

namespace lawtrail::bench {

// Appends the cases [first_case, first_case + cases) of the demo year to the log in `dir`.
inline Status Fill(const std::string& dir, uint64_t first_case, uint64_t cases) {
  auto root = data_dir::LoadSigner(data_dir::RootKeyPath(dir));
  if (!root.ok()) return root.status();
  // The same seed: the registry statements are the same bytes (duplicates).
  const demo::Year year = demo::GenerateYear({"bench.lawtrail.local/enforcement", *root, cases, 1, 0, first_case});
  LAWTRAIL_ASSIGN_OR_RETURN(auto log, Log::Open(dir));
  for (const auto& r : log->Append(year.registry)) {
    if (!r.ok()) return r.status();
  }
  std::vector<Bytes> chunk;
  for (const auto& item : year.items) {
    chunk.push_back(item.submission);
    if (chunk.size() == 4096) log->AppendAsync(std::exchange(chunk, {})).get();
  }
  log->Append(std::move(chunk));
  return Status::Ok();
}

}  // namespace lawtrail::bench

#endif  // LAWTRAIL_BENCH_DEMO_FILL_H_

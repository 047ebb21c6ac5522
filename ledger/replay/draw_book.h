// File: ledger/replay/draw_book.h
// -----------------------------------------------------------------------------
// The state of the random-inspection draws (case "@draws"), folded record by
// record like the registry: what each announcement committed to, the tree's
// root at each named seed size once the log reaches it, and each draw's
// result with its recusals. Admission of a draw event checks it against this
// state, so the sequencer, a replica and `verify` refuse the same draws
// (rules D-DRAW-*, docs/draws.md).
// Not thread-safe; owned by a LogState.
#ifndef LAWTRAIL_LEDGER_REPLAY_DRAW_BOOK_H_
#define LAWTRAIL_LEDGER_REPLAY_DRAW_BOOK_H_

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "ledger/domain/registry.h"
#include "ledger/domain/rules.h"
#include "ledger/draw/draw.h"

namespace lawtrail {

using draw::IsDrawEvent;

class DrawBook {
 public:
  struct Task {
    draw::DrawTerms terms;
    uint64_t announced_index = 0;
    std::shared_ptr<const draw::Pool> objects;  // the committed snapshots
    std::shared_ptr<const draw::Pool> inspectors;
    std::optional<uint64_t> recorded_index;
    Hash seed{};                                           // once recorded
    std::vector<draw::DrawnCheck> checks;                  // the teams, recusals applied
    std::map<std::string, std::set<std::string>> recused;  // object → inspectors recused
    std::optional<uint64_t> cancelled_index;
    struct CheckResult {
      std::string ended_date;  // YYYY-MM-DD
      bool published = false;
    };
    std::map<std::string, CheckResult> results;  // object → its check's result
    int year = 0;                                // of the announcement: the plan it draws under
  };
  // A year's 抽查工作计划, the latest one published.
  struct Plan {
    struct Item {
      unsigned batches = 0;
      std::map<std::string, unsigned> caps;  // credit class ("" for any other) → checks per enterprise a year
    };
    std::map<std::string, Item, std::less<>> items;  // by 随机抽查事项
    bool scan_on_entry = false;
  };

  // The flags draw event `st` raises as record `index` of the log `origin`,
  // recorded at `recorded_ms`, or its refusal.
  Result<std::vector<domain::Flag>> Check(const fb::Statement& st, const Registry& registry, std::string_view origin,
                                          uint64_t index, int64_t recorded_ms) const;
  // Folds an admitted draw event. REQUIRES: Check OK.
  void Apply(const fb::Statement& st, const Registry& registry, uint64_t index);

  // True if an announced draw takes its seed from the checkpoint of `size`:
  // the log signs a checkpoint at exactly that size.
  bool IsSeedSize(uint64_t size) const { return roots_.contains(size); }
  // Seed sizes whose root is not yet known (a loaded log fills them in).
  std::vector<uint64_t> SizesWithoutRoot() const;
  void SetRootAt(uint64_t size, const Hash& root);

  const Task* Find(std::string_view task_no) const;
  const Plan* PlanFor(int year) const;
  // The certificate numbers a list names, once each.
  static std::set<std::string> Named(const flatbuffers::Vector<flatbuffers::Offset<flatbuffers::String>>* list);
  // The year of a YYYY-MM-DD date (0 if it is not one).
  static int YearOf(const std::string& yyyy_mm_dd);
  const std::map<std::string, Task, std::less<>>& tasks() const { return tasks_; }

 private:
  // `year`: of the announcement, whose plan must hold the item (CheckPlanned).
  Status CheckAnnounced(const fb::DrawAnnounced& a, const Registry& registry, std::string_view origin, uint64_t index,
                        int year) const;
  // draw_plan.cc: the yearly plan, the batches and caps it sets, the entry scans.
  Result<std::vector<domain::Flag>> CheckPlan(const fb::InspectionPlanPublished& p, const Registry& registry,
                                              int64_t at) const;
  Status CheckPlanned(const draw::DrawTerms& t, int year) const;
  Result<std::vector<domain::Flag>> CheckScan(const fb::Statement& st, const Registry& registry,
                                              int64_t recorded_ms) const;
  std::vector<domain::Flag> CapFlags(const Task& task, const std::string& object, const std::string& ended) const;
  std::vector<domain::Flag> ScanFlags(const Task& task, const std::string& object) const;
  void ApplyPlanAndScans(const fb::Statement& st);
  // OK iff `officers` are all on `object`'s team in `task` (after recusals) and `signer` is one of them.
  Status CheckTeam(const Task& task, const std::string& object, const std::set<std::string>& officers,
                   std::string_view signer, std::string_view rule) const;
  Status CheckRecorded(const fb::DrawRecorded& r) const;
  Status CheckRecused(const fb::InspectorRecused& r) const;
  Result<std::vector<domain::Flag>> CheckResultRecorded(const fb::InspectionResultRecorded& r,
                                                        std::string_view signer) const;
  Result<std::vector<domain::Flag>> CheckResultPublished(const fb::InspectionResultPublished& p,
                                                         const Registry& registry) const;

  std::map<std::string, Task, std::less<>> tasks_;
  std::map<uint64_t, std::optional<Hash>> roots_;                     // seed size → the tree's root there
  std::map<int, Plan> plans_;                                         // by year
  std::set<std::pair<std::string, std::string>, std::less<>> scans_;  // (task, object) with an entry scan
  // (year, item, object) → the checks of that enterprise under that item in that year.
  std::map<std::tuple<int, std::string, std::string>, unsigned> checks_per_year_;
};

}  // namespace lawtrail

#endif  // LAWTRAIL_LEDGER_REPLAY_DRAW_BOOK_H_

// File: ledger/replay/log_state.h
// -----------------------------------------------------------------------------
// The one replay step. Every program that rebuilds the log's state from its
// records — the sequencer writing them, a replica or follower mirroring them,
// `lawtrail verify` checking them — checks each record against the state
// before it and moves the state past it with this class, and keeps only its
// own I/O: where a case's head and procedure state come from (a cache, the
// store, a map in memory) and where new tree hashes go. Were the three
// written apart they could drift, and then verify would pass a bad log or
// fail an honest one, and a follower would disagree with its primary.
//
// The state is the tree's border (its size and root), the registry, the
// case-head map (every case's latest record; each checkpoint signs its root)
// and the last time recorded. A case's own head and procedure state are held
// by the caller, each in its own way, and passed in as a CaseAt.
//
// Not thread-safe: one thread replays.
//
// Example (a verifier holding every case in memory):
//   LogState state(origin);
//   for each record r at index i:
//     CaseAt at{case_id, heads[case_id], IsCaseEvent(type) ? &states[case_id] : nullptr};
//     LAWTRAIL_RETURN_IF_ERROR(state.CheckRecorded(*r.record, at));
//     LAWTRAIL_ASSIGN_OR_RETURN(auto flags, state.Admit(r.statement, r.record->time_recorded_ms(), at));
//     heads[case_id] = state.Advance(r.statement, r.record->time_recorded_ms(), r.leaf, at);
#ifndef LAWTRAIL_LEDGER_REPLAY_LOG_STATE_H_
#define LAWTRAIL_LEDGER_REPLAY_LOG_STATE_H_

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/core/case_head.h"
#include "ledger/core/case_head_map.h"
#include "ledger/core/merkle.h"
#include "ledger/core/record.h"
#include "ledger/core/statement.h"
#include "ledger/domain/case_state.h"
#include "ledger/domain/registry.h"
#include "ledger/domain/rules.h"
#include "ledger/replay/draw_book.h"

namespace lawtrail {

// Where a record stands in its case.
struct CaseAt {
  std::string_view case_id;
  CaseHead head;                                // the case's head before the record
  domain::CaseProcedureState* state = nullptr;  // its procedure state; required for case events
};

class LogState {
 public:
  // An empty log's state, for the log named `origin`.
  explicit LogState(std::string origin);
  // A stored log's state, loaded by its owner.
  LogState(std::string origin, merkle::CompactRange tree, Registry registry, CaseHeadMap case_heads,
           int64_t last_time_ms);

  // Checks what a stored record says of its place (a replica's and verify's
  // records, not new statements): that it is record size(), that its time is
  // not before the last record's, and that it links to its case's head.
  Status CheckRecorded(const fb::Record& record, const CaseAt& at) const;

  // The admission rule for `s` as record size(), recorded at `time_ms`: the
  // flags it raises, or the refusal (with its rule id).
  Result<std::vector<domain::Flag>> Admit(const ParsedStatement& s, int64_t time_ms, const CaseAt& at) const;

  // Moves the state past the admitted record whose leaf hash is `leaf`: the
  // tree grows (each new subtree hash goes to `on_node`, if given), the case
  // state folds the event, the registry applies it, the case's head and its
  // map leaf move, and the time recorded is kept. Returns the case's new head.
  using NodeSink = std::function<void(merkle::NodeId, const Hash&)>;
  CaseHead Advance(const ParsedStatement& s, int64_t time_ms, const Hash& leaf, const CaseAt& at,
                   const NodeSink& on_node = {});

  // A digest of the whole state: size, tree root, case-head map root and the
  // last time recorded. Two replays of the same records agree on it.
  Hash Digest();

  const std::string& origin() const { return origin_; }
  uint64_t size() const { return tree_.size(); }
  Hash TreeRoot() const { return tree_.Root(); }
  const Registry& registry() const { return registry_; }
  CaseHeadMap& case_heads() { return case_heads_; }
  // The random-inspection draws; a loaded log's owner refills it (its
  // "@draws" records, then the roots at seed sizes already passed).
  DrawBook& draws() { return draws_; }
  const DrawBook& draws() const { return draws_; }
  int64_t last_time_ms() const { return last_time_ms_; }

 private:
  std::string origin_;
  merkle::CompactRange tree_;
  Registry registry_;
  CaseHeadMap case_heads_;
  DrawBook draws_;
  int64_t last_time_ms_ = 0;
};

}  // namespace lawtrail

#endif  // LAWTRAIL_LEDGER_REPLAY_LOG_STATE_H_

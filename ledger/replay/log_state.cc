#include "ledger/replay/log_state.h"

#include "ledger/core/record_check.h"
#include "ledger/core/sha256.h"
#include "ledger/replay/admission.h"

namespace lawtrail {

LogState::LogState(std::string origin) : origin_(std::move(origin)) {}

LogState::LogState(std::string origin, merkle::CompactRange tree, Registry registry, CaseHeadMap case_heads,
                   int64_t last_time_ms)
    : origin_(std::move(origin)),
      tree_(std::move(tree)),
      registry_(std::move(registry)),
      case_heads_(std::move(case_heads)),
      last_time_ms_(last_time_ms) {}

Status LogState::CheckRecorded(const fb::Record& record, const CaseAt& at) const {
  if (record.index() != size()) {
    return Status::Corruption("record says it is index " + std::to_string(record.index()) + " where index " +
                              std::to_string(size()) + " is next");
  }
  if (record.time_recorded_ms() < last_time_ms_) return Status::Corruption("time recorded goes backwards");
  return CheckCaseLink(record, at.head, at.case_id);
}

Result<std::vector<domain::Flag>> LogState::Admit(const ParsedStatement& s, int64_t time_ms, const CaseAt& at) const {
  LAWTRAIL_ASSIGN_OR_RETURN(auto flags, lawtrail::Admit(registry_, s, {origin_, size(), time_ms, at.head, at.state}));
  if (IsDrawEvent(s.statement->payload_type())) {
    LAWTRAIL_ASSIGN_OR_RETURN(auto raised, draws_.Check(*s.statement, registry_, origin_, size(), time_ms));
    flags.insert(flags.end(), raised.begin(), raised.end());
  }
  return flags;
}

CaseHead LogState::Advance(const ParsedStatement& s, int64_t time_ms, const Hash& leaf, const CaseAt& at,
                           const NodeSink& on_node) {
  const uint64_t index = size();
  static const NodeSink kKeepNone = [](merkle::NodeId, const Hash&) {};
  tree_.Append(leaf, on_node ? on_node : kKeepNone);
  const fb::Statement& st = *s.statement;
  if (at.state != nullptr) domain::FoldCaseEvent(*at.state, st, time_ms, registry_.tables());
  if (IsRegistryEvent(st.payload_type())) registry_.Apply(st, index);
  if (IsDrawEvent(st.payload_type())) draws_.Apply(st, registry_, index);
  if (draws_.IsSeedSize(size())) draws_.SetRootAt(size(), tree_.Root());
  const CaseHead head{at.head.version + 1, leaf};
  const Hash map_key = case_map::KeyOf(at.case_id);
  case_heads_.Set(map_key, case_map::LeafOf(map_key, index, leaf, head.version));
  last_time_ms_ = time_ms;
  return head;
}

Hash LogState::Digest() {
  std::string size_and_time;
  AppendBigEndian64(size_and_time, size());
  AppendBigEndian64(size_and_time, static_cast<uint64_t>(last_time_ms_));
  const Hash tree = tree_.Root(), heads = case_heads_.Root();
  return Sha256({AsBytes(size_and_time), tree, heads});
}

}  // namespace lawtrail

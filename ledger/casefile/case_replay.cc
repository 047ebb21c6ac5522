#include "ledger/casefile/case_replay.h"

#include "ledger/core/fb_string.h"
#include "ledger/replay/admission.h"

namespace lawtrail::casefile {

Replayed ReplayCaseFile(std::string_view origin, std::string_view case_id, const std::vector<LoggedRecord>& registry,
                        const std::vector<LoggedRecord>& records) {
  Replayed out;
  Registry state;
  CaseHead registry_head, case_head;
  domain::CaseProcedureState case_state;
  std::string agency_name;
  std::vector<CaseRecord> replayed;
  replayed.reserve(records.size());
  size_t i = 0, j = 0;
  while (i < records.size() || j < registry.size()) {
    const bool from_registry = j < registry.size() && (i == records.size() || registry[j].index < records[i].index);
    const LoggedRecord& r = from_registry ? registry[j] : records[i];
    const fb::Statement& st = *r.statement->statement;
    const fb::Payload type = st.payload_type();
    CaseHead& head = from_registry ? registry_head : case_head;
    domain::CaseProcedureState* case_state_or_null =
        !from_registry && domain::IsCaseEvent(type) ? &case_state : nullptr;
    auto flags = Admit(state, *r.statement, {origin, r.index, r.time_recorded_ms, head, case_state_or_null});
    if (!flags.ok()) {
      out.status = flags.status();
      out.refused_in_registry = from_registry;
      out.refused = from_registry ? j : i;
      return out;
    }
    head = CaseHead{head.version + 1, r.leaf};
    if (from_registry) {
      state.Apply(st, r.index);
      if (const auto* g = st.payload_as_AgencyGenesis()) agency_name = Str(g->name());
      if (const auto* p = st.payload_as_AgencyProfileUpdated()) agency_name = Str(p->name());
      ++j;
      continue;
    }
    if (case_state_or_null != nullptr) domain::FoldCaseEvent(case_state, st, r.time_recorded_ms, state.tables());
    if (const auto* e = st.payload_as_CaseExported()) out.recipient = Str(e->recipient());
    const Registry::Officer* signer = state.FindOfficer(StrView(st.actor()->certificate_no()));
    replayed.push_back({r.index, &st, std::move(*flags), signer != nullptr ? signer->name : "", agency_name,
                        r.time_recorded_ms, state.InBackfill(st.occurred_at_ms())});
    ++i;
  }
  CaseFileBuilder builder(std::string(case_id), state.master_data().department());
  for (const CaseRecord& r : replayed) builder.Add(r);
  out.file = std::move(builder).Finish();
  return out;
}

}  // namespace lawtrail::casefile

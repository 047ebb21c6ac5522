// File: ledger/domain/registry.h
// -----------------------------------------------------------------------------
// Who may sign what: the state folded from the registry events in the log
// (agency genesis, officers registered, suspended, reinstated, revoked, keys
// rotated). The sequencer and the verifier fold the same events through this
// one class, so admission replays exactly (invariant 4, docs/design/invariants.md).
// Not thread-safe; owned by one sequencer or one verifier.
#ifndef LAWTRAIL_LEDGER_DOMAIN_REGISTRY_H_
#define LAWTRAIL_LEDGER_DOMAIN_REGISTRY_H_

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "ledger/core/ed25519.h"
#include "ledger/core/status.h"
#include "ledger/domain/master_data.h"
#include "ledger/domain/reference_tables.h"
#include "ledger/draw/pool.h"
#include "schemas/statement_generated.h"

namespace lawtrail {

// What a payload needs from its signer: the agency root key, or a role.
struct Authority {
  bool root = false;
  fb::Role role = fb::Role::Officer;
  bool head_may_sign = false;  // an act the law gives the head (head-approvals.tsv): a head may sign it too
};
// Who signs `type` under the head's-acts table `tables` (head-approvals.tsv).
Authority RequiredAuthority(fb::Payload type, const domain::ProcedureTables& tables);
bool IsRegistryEvent(fb::Payload type);
std::string_view PayloadName(fb::Payload type);
std::string_view RoleName(fb::Role role);

class Registry {
 public:
  enum class OfficerState { kActive, kSuspended, kRevoked };
  struct Officer {
    std::string certificate_no;
    std::string name;
    PublicKey key{};
    uint32_t roles = 0;  // bit (1 << Role)
    int64_t valid_from_ms = 0;
    int64_t valid_until_ms = 0;  // 0 = open-ended
    OfficerState state = OfficerState::kActive;
    std::string legal_qualification_no;   // 法律职业资格 (reviewers)
    std::vector<std::string> categories;  // 执法类别 ("" = not stated: no check)
    std::string area;                     // 执法区域 ("" = not stated: no check)
  };

  bool has_genesis() const { return root_.has_value(); }

  // OK iff `signer` may sign `st` at time `t_ms` (the time the log records it).
  Status Authorize(const fb::Statement& st, const PublicKey& signer, int64_t t_ms) const;

  // OK iff registry event `st` makes sense against the current state (e.g. it
  // names a registered certificate, does not reuse a key).
  Status CheckEvent(const fb::Statement& st) const;

  // Folds an admitted registry event into the state. REQUIRES: CheckEvent OK.
  // `index` is the record's place in the log: an adopted reference table
  // governs the records after it.
  void Apply(const fb::Statement& st, uint64_t index);

  const Officer* FindOfficer(std::string_view certificate_no) const;
  size_t officer_count() const { return officers_.size(); }
  // OK iff `certificate_no` is registered, active, valid at `t_ms` and holds
  // `role`: what a certificate must be to sign, or to take part in an act.
  Status CheckCertificate(std::string_view certificate_no, fb::Role role, int64_t t_ms) const;
  const domain::MasterData& master_data() const { return master_; }
  // True if `t_ms` lies in a period a head declared as backfilled history
  // (BackfillDeclared): acts claiming such a time are exempt from the
  // recorded-time rules and shown as 补录.
  bool InBackfill(int64_t t_ms) const;
  // The reference tables in force for the next record (ReferenceTableAdopted),
  // and those in force when the record at `index` was admitted.
  const domain::ReferenceTables& tables() const { return *tables_.back().second; }
  const domain::ReferenceTables& TablesAt(uint64_t index) const;
  // The current version of a 双随机 pool (InspectionPoolPublished), or null.
  std::shared_ptr<const draw::Pool> FindPool(fb::PoolKind kind, std::string_view pool_id) const;
  // Any version ever published, by its hash (a draw's committed snapshot).
  std::shared_ptr<const draw::Pool> FindPoolByHash(const Hash& hash) const;

 private:
  Status CheckRegistration(const fb::OfficerRegistered& r) const;
  Status CheckPool(const fb::InspectionPoolPublished& p) const;
  void ApplyPool(const fb::InspectionPoolPublished& p);
  Status CheckKeyUnused(const flatbuffers::Vector<uint8_t>* key) const;
  Result<const Officer*> KnownOfficer(const flatbuffers::String* certificate_no) const;

  domain::MasterData master_;
  std::optional<PublicKey> root_;
  std::unordered_map<std::string, Officer> officers_;
  // Every key ever registered, root keys included; a key is never reused.
  std::map<PublicKey, std::string> key_owner_;
  std::map<std::pair<fb::PoolKind, std::string>, std::shared_ptr<const draw::Pool>, std::less<>> pools_;
  std::map<Hash, std::shared_ptr<const draw::Pool>> pools_by_hash_;
  std::vector<std::pair<int64_t, int64_t>> backfills_;  // [from, until) declared as backfill
  // (index of the adopting record, the tables from the next record on), in log order.
  std::vector<std::pair<uint64_t, std::shared_ptr<const domain::ReferenceTables>>> tables_{
      {0, domain::ReferenceTables::Builtin()}};
};

}  // namespace lawtrail

#endif  // LAWTRAIL_LEDGER_DOMAIN_REGISTRY_H_

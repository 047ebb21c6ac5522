#include "ledger/domain/registry.h"

#include <algorithm>
#include <iterator>

#include "ledger/core/bytes.h"
#include "ledger/core/fb_string.h"
#include "ledger/core/log_format.h"
#include "ledger/domain/calendar.h"
#include "ledger/domain/procedure_tables.h"
#include "ledger/domain/rules.h"

namespace lawtrail {
namespace {

PublicKey KeyFrom(const flatbuffers::Vector<uint8_t>* v) {
  PublicKey k{};
  if (v != nullptr && v->size() == k.size()) std::copy(v->begin(), v->end(), k.begin());
  return k;
}

std::string ShortKey(const PublicKey& k) { return ToHex(k).substr(0, 16) + "…"; }

}  // namespace

bool IsRegistryEvent(fb::Payload type) {
  switch (type) {
    case fb::Payload::AgencyGenesis:
    case fb::Payload::RootKeyRotated:
    case fb::Payload::OfficerRegistered:
    case fb::Payload::OfficerSuspended:
    case fb::Payload::OfficerReinstated:
    case fb::Payload::OfficerRevoked:
    case fb::Payload::OfficerKeyRotated:
    case fb::Payload::BackfillDeclared:
    case fb::Payload::ReferenceTableAdopted:
    case fb::Payload::InspectionPoolPublished: return true;
    default: return domain::IsMasterDataEvent(type);
  }
}

Authority RequiredAuthority(fb::Payload type, const domain::ProcedureTables& tables) {
  // A head may sign the acts the law gives the head, whatever role they need otherwise.
  const domain::HeadRule* head_rule = tables.HeadRuleFor(type);
  const bool head_may_sign = head_rule != nullptr;
  switch (type) {
    case fb::Payload::BackfillDeclared:
    case fb::Payload::HeadApproved:
    case fb::Payload::CollectiveOpinionGiven:
    case fb::Payload::InspectorRecused:
    case fb::Payload::InspectionPlanPublished:
    case fb::Payload::EvidenceDisposed: return {false, fb::Role::Head};
    default: break;
  }
  if (IsRegistryEvent(type)) return {true, fb::Role::Officer};
  if (head_may_sign && head_rule->sign_only) {
    return {false, fb::Role::Head};
  }
  switch (type) {
    case fb::Payload::LegalReviewOpinion: return {false, fb::Role::Reviewer};
    case fb::Payload::DisclosurePublished:
    case fb::Payload::DisclosureCorrected:
    case fb::Payload::DisclosureWithdrawn:
    case fb::Payload::InspectionResultPublished: return {false, fb::Role::Discloser};
    case fb::Payload::CaseFileRetrieved:
    case fb::Payload::OriginalsReleaseApproved:
    case fb::Payload::ExportApproved:
    case fb::Payload::CaseExported:
    case fb::Payload::OpeningsErased: return {false, fb::Role::Supervisor};
    default: return {false, fb::Role::Officer, head_may_sign};  // every other case act is an officer's
  }
}

std::string_view PayloadName(fb::Payload type) {
  const char* name = fb::EnumNamePayload(type);
  return name == nullptr || *name == '\0' ? "unknown" : name;
}

std::string_view RoleName(fb::Role role) {
  const char* name = fb::EnumNameRole(role);
  return name == nullptr || *name == '\0' ? "unknown" : name;
}

const Registry::Officer* Registry::FindOfficer(std::string_view certificate_no) const {
  auto it = officers_.find(std::string(certificate_no));
  return it == officers_.end() ? nullptr : &it->second;
}

Status Registry::Authorize(const fb::Statement& st, const PublicKey& signer, int64_t t_ms) const {
  const Authority need = RequiredAuthority(st.payload_type(), tables().procedure());
  const std::string cert = Str(st.actor()->certificate_no());
  if (st.payload_type() == fb::Payload::AgencyGenesis) {
    // The genesis is self-signed: its signer is the root key it introduces.
    if (KeyFrom(st.payload_as_AgencyGenesis()->root_public_key()) != signer) {
      return Status::FailedPrecondition("agency genesis must be signed by the root key it registers");
    }
    return Status::Ok();
  }
  if (!root_) return Status::FailedPrecondition("the log has no agency genesis yet");
  if (need.root) {
    if (signer != *root_) {
      return Status::FailedPrecondition(std::string(PayloadName(st.payload_type())) +
                                        " must be signed by the agency root key; key " + ShortKey(signer) +
                                        " is not it");
    }
    return Status::Ok();
  }
  const Officer* officer = FindOfficer(cert);
  if (officer != nullptr && officer->key != signer) {
    return Status::FailedPrecondition("key " + ShortKey(signer) + " is not the current key of certificate '" + cert +
                                      "'")
        .WithRule(kSignerRule);
  }
  Status valid = CheckCertificate(cert, need.role, t_ms);
  if (!valid.ok() && need.head_may_sign && CheckCertificate(cert, fb::Role::Head, t_ms).ok()) valid = Status::Ok();
  if (!valid.ok()) {
    return Status(valid.code(),
                  "signer " + valid.message() + " (needed for " + std::string(PayloadName(st.payload_type())) + ")")
        .WithRule(kSignerRule);
  }
  return Status::Ok();
}

Status Registry::CheckCertificate(std::string_view cert, fb::Role role, int64_t t_ms) const {
  const Officer* officer = FindOfficer(cert);
  const std::string quoted = "certificate '" + std::string(cert) + "'";
  if (officer == nullptr) return Status::FailedPrecondition(quoted + " is not registered");
  switch (officer->state) {
    case OfficerState::kRevoked: return Status::FailedPrecondition(quoted + " is revoked");
    case OfficerState::kSuspended: return Status::FailedPrecondition(quoted + " is suspended");
    default: break;
  }
  if (t_ms < officer->valid_from_ms || (officer->valid_until_ms != 0 && t_ms >= officer->valid_until_ms)) {
    return Status::FailedPrecondition(quoted + " is not valid (expired or not yet valid) at that time");
  }
  if ((officer->roles & (1u << static_cast<unsigned>(role))) == 0) {
    return Status::FailedPrecondition(quoted + " lacks the role " + std::string(RoleName(role)));
  }
  return Status::Ok();
}

Status Registry::CheckKeyUnused(const flatbuffers::Vector<uint8_t>* key) const {
  if (key == nullptr || key->size() != 32) {
    return Status::InvalidArgument("public key must be 32 bytes");
  }
  auto it = key_owner_.find(KeyFrom(key));
  if (it != key_owner_.end()) {
    return Status::FailedPrecondition("key " + ShortKey(it->first) + " was already registered to '" + it->second +
                                      "'; keys are never reused");
  }
  return Status::Ok();
}

Result<const Registry::Officer*> Registry::KnownOfficer(const flatbuffers::String* cert) const {
  const Officer* o = FindOfficer(Str(cert));
  if (o == nullptr) {
    return Status::FailedPrecondition("certificate '" + Str(cert) + "' is not registered");
  }
  return o;
}

Status Registry::CheckRegistration(const fb::OfficerRegistered& r) const {
  const std::string cert = Str(r.certificate_no());
  if (cert.empty() || cert == kRootCertificateNo) {
    return Status::InvalidArgument("officer registration needs a certificate number");
  }
  if (FindOfficer(cert) != nullptr) {
    return Status::FailedPrecondition("certificate '" + cert + "' is already registered");
  }
  if (r.name() == nullptr || r.name()->size() == 0) {
    return Status::InvalidArgument("officer registration needs the officer's name");
  }
  if (r.roles() == nullptr || r.roles()->size() == 0) {
    return Status::InvalidArgument("officer registration needs at least one role");
  }
  if (r.valid_until_ms() != 0 && r.valid_until_ms() <= r.valid_from_ms()) {
    return Status::InvalidArgument("officer validity ends before it starts");
  }
  return CheckKeyUnused(r.public_key());
}

Status Registry::CheckEvent(const fb::Statement& st) const {
  switch (st.payload_type()) {
    case fb::Payload::AgencyGenesis: {
      if (root_) return Status::FailedPrecondition("the log already has its agency genesis");
      const auto* g = st.payload_as_AgencyGenesis();
      if (g->name() == nullptr || g->name()->size() == 0) {
        return Status::InvalidArgument("agency genesis needs the agency's name");
      }
      if (Str(g->origin()) != Str(st.origin())) {
        return Status::InvalidArgument("agency genesis origin differs from the statement's origin");
      }
      return CheckKeyUnused(g->root_public_key());
    }
    case fb::Payload::RootKeyRotated: return CheckKeyUnused(st.payload_as_RootKeyRotated()->new_root_public_key());
    case fb::Payload::OfficerRegistered: return CheckRegistration(*st.payload_as_OfficerRegistered());
    case fb::Payload::OfficerSuspended: {
      LAWTRAIL_ASSIGN_OR_RETURN(const Officer* o, KnownOfficer(st.payload_as_OfficerSuspended()->certificate_no()));
      if (o->state != OfficerState::kActive) {
        return Status::FailedPrecondition("certificate '" + o->certificate_no + "' is not active");
      }
      return Status::Ok();
    }
    case fb::Payload::OfficerReinstated: {
      LAWTRAIL_ASSIGN_OR_RETURN(const Officer* o, KnownOfficer(st.payload_as_OfficerReinstated()->certificate_no()));
      if (o->state != OfficerState::kSuspended) {
        return Status::FailedPrecondition("certificate '" + o->certificate_no + "' is not suspended");
      }
      return Status::Ok();
    }
    case fb::Payload::OfficerRevoked: {
      LAWTRAIL_ASSIGN_OR_RETURN(const Officer* o, KnownOfficer(st.payload_as_OfficerRevoked()->certificate_no()));
      if (o->state == OfficerState::kRevoked) {
        return Status::FailedPrecondition("certificate '" + o->certificate_no + "' is already revoked");
      }
      return Status::Ok();
    }
    case fb::Payload::OfficerKeyRotated: {
      const auto* k = st.payload_as_OfficerKeyRotated();
      LAWTRAIL_ASSIGN_OR_RETURN(const Officer* o, KnownOfficer(k->certificate_no()));
      if (o->state == OfficerState::kRevoked) {
        return Status::FailedPrecondition("certificate '" + o->certificate_no + "' is revoked");
      }
      return CheckKeyUnused(k->new_public_key());
    }
    case fb::Payload::OfficerProfileChanged: {
      const auto* c = st.payload_as_OfficerProfileChanged();
      LAWTRAIL_ASSIGN_OR_RETURN(const Officer* o, KnownOfficer(c->certificate_no()));
      if (o->state == OfficerState::kRevoked) {
        return Status::FailedPrecondition("certificate '" + o->certificate_no + "' is revoked");
      }
      if (c->valid_until_ms() != 0 && c->valid_until_ms() <= o->valid_from_ms) {
        return Status::InvalidArgument("officer validity ends before it starts");
      }
      return Status::Ok();
    }
    case fb::Payload::ReferenceTableAdopted:
      return domain::CheckAdoption(tables(), *st.payload_as_ReferenceTableAdopted());
    case fb::Payload::InspectionPoolPublished: return CheckPool(*st.payload_as_InspectionPoolPublished());
    case fb::Payload::BackfillDeclared: {
      const auto* b = st.payload_as_BackfillDeclared();
      if (b->from_ms() >= b->until_ms()) {
        return domain::Refuse("P-BACKFILL", "the declared period ends (" + domain::FormatChinaTime(b->until_ms()) +
                                                ") before it starts (" + domain::FormatChinaTime(b->from_ms()) + ")");
      }
      if (b->until_ms() > st.occurred_at_ms()) {
        return domain::Refuse("P-BACKFILL", "the declared period ends after the declaration itself");
      }
      if (Str(b->reason()).empty())
        return domain::Refuse("P-BACKFILL", "a backfill declaration needs its reason (补录原因)");
      return Status::Ok();
    }
    default: return master_.Check(st);
  }
}

const domain::ReferenceTables& Registry::TablesAt(uint64_t index) const {
  // The last adoption before `index` (the builtin set is "adopted" before record 0).
  auto it = std::partition_point(tables_.begin() + 1, tables_.end(),
                                 [index](const auto& adopted) { return adopted.first < index; });
  return *std::prev(it)->second;
}

bool Registry::InBackfill(int64_t t_ms) const {
  for (const auto& [from, until] : backfills_) {
    if (t_ms >= from && t_ms < until) return true;
  }
  return false;
}

Status Registry::CheckPool(const fb::InspectionPoolPublished& p) const {
  LAWTRAIL_RETURN_IF_ERROR(draw::CheckPool(p));
  if (p.kind() != fb::PoolKind::Inspectors) return Status::Ok();
  // 执法检查人员名录库: only officers holding a certificate (国办发〔2024〕54号: no 辅助人员).
  for (const fb::PoolEntry* e : *p.entries()) {
    const Officer* o = FindOfficer(e->id()->string_view());
    if (o == nullptr || o->state == OfficerState::kRevoked ||
        !(o->roles & (1u << static_cast<int>(fb::Role::Officer)))) {
      return Status::FailedPrecondition("inspector '" + e->id()->str() +
                                        "' is not a registered officer with a valid 执法证");
    }
  }
  return Status::Ok();
}

std::shared_ptr<const draw::Pool> Registry::FindPool(fb::PoolKind kind, std::string_view pool_id) const {
  auto it = pools_.find(std::pair(kind, std::string(pool_id)));
  return it == pools_.end() ? nullptr : it->second;
}

void Registry::ApplyPool(const fb::InspectionPoolPublished& p) {
  auto pool = std::make_shared<const draw::Pool>(draw::PoolOf(p));
  pools_[std::pair(pool->kind, pool->id)] = pool;
  pools_by_hash_[draw::PoolHash(*pool)] = pool;
}

std::shared_ptr<const draw::Pool> Registry::FindPoolByHash(const Hash& hash) const {
  auto it = pools_by_hash_.find(hash);
  return it == pools_by_hash_.end() ? nullptr : it->second;
}

void Registry::Apply(const fb::Statement& st, uint64_t index) {
  switch (st.payload_type()) {
    case fb::Payload::InspectionPoolPublished: ApplyPool(*st.payload_as_InspectionPoolPublished()); break;
    case fb::Payload::AgencyGenesis:
      root_ = KeyFrom(st.payload_as_AgencyGenesis()->root_public_key());
      key_owner_[*root_] = std::string(kRootCertificateNo);
      break;
    case fb::Payload::RootKeyRotated:
      root_ = KeyFrom(st.payload_as_RootKeyRotated()->new_root_public_key());
      key_owner_[*root_] = std::string(kRootCertificateNo);
      break;
    case fb::Payload::OfficerRegistered: {
      const auto* r = st.payload_as_OfficerRegistered();
      Officer o;
      o.certificate_no = Str(r->certificate_no());
      o.name = Str(r->name());
      o.key = KeyFrom(r->public_key());
      for (fb::Role role : *r->roles()) o.roles |= 1u << static_cast<unsigned>(role);
      o.valid_from_ms = r->valid_from_ms();
      o.valid_until_ms = r->valid_until_ms();
      o.legal_qualification_no = Str(r->legal_qualification_no());
      if (r->categories() != nullptr) {
        for (const auto* c : *r->categories()) o.categories.push_back(c->str());
      }
      o.area = Str(r->area());
      key_owner_[o.key] = o.certificate_no;
      officers_[o.certificate_no] = std::move(o);
      break;
    }
    case fb::Payload::OfficerSuspended:
      officers_[Str(st.payload_as_OfficerSuspended()->certificate_no())].state = OfficerState::kSuspended;
      break;
    case fb::Payload::OfficerReinstated:
      officers_[Str(st.payload_as_OfficerReinstated()->certificate_no())].state = OfficerState::kActive;
      break;
    case fb::Payload::OfficerRevoked:
      officers_[Str(st.payload_as_OfficerRevoked()->certificate_no())].state = OfficerState::kRevoked;
      break;
    case fb::Payload::OfficerKeyRotated: {
      const auto* k = st.payload_as_OfficerKeyRotated();
      Officer& o = officers_[Str(k->certificate_no())];
      o.key = KeyFrom(k->new_public_key());
      key_owner_[o.key] = o.certificate_no;
      break;
    }
    case fb::Payload::OfficerProfileChanged: {
      const auto* c = st.payload_as_OfficerProfileChanged();
      Officer& o = officers_[Str(c->certificate_no())];
      if (c->name() != nullptr) o.name = c->name()->str();
      if (c->legal_qualification_no() != nullptr) o.legal_qualification_no = c->legal_qualification_no()->str();
      if (c->categories() != nullptr && c->categories()->size() > 0) {  // none: unchanged, as on the public roster
        o.categories.clear();
        for (const auto* category : *c->categories()) o.categories.push_back(category->str());
      }
      if (c->area() != nullptr) o.area = c->area()->str();
      if (c->roles() != nullptr && c->roles()->size() > 0) {
        o.roles = 0;
        for (fb::Role role : *c->roles()) o.roles |= 1u << static_cast<unsigned>(role);
      }
      o.valid_until_ms = c->valid_until_ms();
      break;
    }
    case fb::Payload::BackfillDeclared: {
      const auto* b = st.payload_as_BackfillDeclared();
      backfills_.emplace_back(b->from_ms(), b->until_ms());
      break;
    }
    case fb::Payload::ReferenceTableAdopted: {
      const auto* a = st.payload_as_ReferenceTableAdopted();
      auto next = tables().With(a->kind(), Str(a->content()));
      if (next.ok()) tables_.emplace_back(index, std::move(next).value());  // parses: CheckEvent said so
      break;
    }
    default: master_.Apply(st); break;
  }
}

}  // namespace lawtrail

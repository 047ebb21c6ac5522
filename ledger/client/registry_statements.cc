#include "ledger/client/registry_statements.h"

#include <algorithm>
#include <cctype>

#include "ledger/core/log_format.h"
#include "ledger/core/sha256.h"

namespace lawtrail {

StatementHeader RegistryHeader(const std::string& origin, const PublicKey& root_key) {
  StatementHeader h;
  h.event_id = RandomEventId();
  h.origin = origin;
  h.case_id = std::string(kRegistryCaseId);
  h.certificate_no = std::string(kRootCertificateNo);
  h.key = root_key;
  h.occurred_at_ms = NowMs();
  return h;
}

Bytes AgencyGenesisStatement(const StatementHeader& h, const std::string& name, const std::string& credit_code) {
  flatbuffers::FlatBufferBuilder b;
  const std::vector<uint8_t> root_key(h.key.begin(), h.key.end());
  auto genesis = fb::CreateAgencyGenesisDirect(b, name.c_str(), credit_code.c_str(), h.origin.c_str(), &root_key);
  return FinishStatement(b, h, fb::Payload::AgencyGenesis, genesis.Union());
}

Bytes OfficerRegisteredStatement(const StatementHeader& h, const OfficerInfo& o) {
  flatbuffers::FlatBufferBuilder b;
  const std::vector<uint8_t> key(o.key.begin(), o.key.end());
  std::vector<std::underlying_type_t<fb::Role>> roles;
  for (fb::Role r : o.roles) roles.push_back(static_cast<std::underlying_type_t<fb::Role>>(r));
  auto role_vec = b.CreateVector(reinterpret_cast<const fb::Role*>(roles.data()), roles.size());
  auto opt = [&b](const std::string& v) { return v.empty() ? 0 : b.CreateString(v); };
  auto categories = o.categories.empty() ? 0 : b.CreateVectorOfStrings(o.categories);
  auto payload =
      fb::CreateOfficerRegistered(b, b.CreateString(o.certificate_no), b.CreateString(o.name), b.CreateString(o.post),
                                  b.CreateVector(key), role_vec, o.valid_from_ms, o.valid_until_ms, categories,
                                  opt(o.area), opt(o.unit), opt(o.issuer), opt(o.legal_qualification_no));
  return FinishStatement(b, h, fb::Payload::OfficerRegistered, payload.Union());
}

Bytes OfficerStatusStatement(const StatementHeader& h, fb::Payload type, const std::string& certificate_no,
                             const std::string& reason) {
  flatbuffers::FlatBufferBuilder b;
  flatbuffers::Offset<void> payload;
  auto cert = b.CreateString(certificate_no);
  auto why = b.CreateString(reason);
  switch (type) {
    case fb::Payload::OfficerSuspended: payload = fb::CreateOfficerSuspended(b, cert, why).Union(); break;
    case fb::Payload::OfficerReinstated: payload = fb::CreateOfficerReinstated(b, cert, why).Union(); break;
    default:
      type = fb::Payload::OfficerRevoked;
      payload = fb::CreateOfficerRevoked(b, cert, why).Union();
      break;
  }
  return FinishStatement(b, h, type, payload);
}

Bytes OfficerKeyRotatedStatement(const StatementHeader& h, const std::string& certificate_no, const PublicKey& new_key,
                                 const std::string& reason) {
  flatbuffers::FlatBufferBuilder b;
  const std::vector<uint8_t> key(new_key.begin(), new_key.end());
  auto payload = fb::CreateOfficerKeyRotatedDirect(b, certificate_no.c_str(), &key, reason.c_str());
  return FinishStatement(b, h, fb::Payload::OfficerKeyRotated, payload.Union());
}

Bytes CaseMemoStatement(const StatementHeader& h, const std::string& title, const std::string& text,
                        const StatementExtras& extras) {
  flatbuffers::FlatBufferBuilder b(256 + text.size());
  auto payload = fb::CreateCaseMemoDirect(b, title.c_str(), text.c_str());
  return FinishStatement(b, h, fb::Payload::CaseMemo, payload.Union(), extras);
}

Bytes ReferenceTableAdoptedStatement(const StatementHeader& h, fb::ReferenceTableKind kind, const std::string& content,
                                     const std::string& governs_from, const std::string& governs_until,
                                     const std::string& source) {
  flatbuffers::FlatBufferBuilder b;
  const Hash digest = Sha256(AsBytes(content));
  const std::vector<uint8_t> hash(digest.begin(), digest.end());
  auto payload = fb::CreateReferenceTableAdoptedDirect(b, kind, content.c_str(), &hash, governs_from.c_str(),
                                                       governs_until.c_str(), source.c_str());
  return FinishStatement(b, h, fb::Payload::ReferenceTableAdopted, payload.Union());
}

Bytes BackfillDeclaredStatement(const StatementHeader& h, int64_t from_ms, int64_t until_ms, const std::string& reason,
                                const std::string& source) {
  flatbuffers::FlatBufferBuilder b;
  auto payload = fb::CreateBackfillDeclaredDirect(b, from_ms, until_ms, reason.c_str(), source.c_str());
  return FinishStatement(b, h, fb::Payload::BackfillDeclared, payload.Union());
}

Result<fb::Role> ParseRole(std::string_view name) {
  std::string lower(name);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (auto role : fb::EnumValuesRole()) {
    std::string n = fb::EnumNameRole(role);
    std::transform(n.begin(), n.end(), n.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (n == lower) return role;
  }
  return Status::InvalidArgument("unknown role '" + std::string(name) +
                                 "' (want officer, reviewer, supervisor, discloser or head)");
}

}  // namespace lawtrail

#include "api/access.h"

#include <sodium.h>

#include "ledger/core/bytes.h"
#include "ledger/core/sha256.h"

namespace lawtrail::api {

uint32_t PermissionsOf(Role role) {
  switch (role) {
    case Role::kPublic: return kReadPublic;
    case Role::kOfficer:
    case Role::kReviewer: return kReadPublic | kSubmit;
    case Role::kSupervisor: return kReadPublic | kSubmit | kRetrieve;
    case Role::kAuditor: return kReadPublic | kAudit;
    case Role::kAdmin: return kReadPublic | kSubmit | kRetrieve | kAudit | kAdminister;
  }
  return kReadPublic;
}

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kPublic: return "public";
    case Role::kOfficer: return "officer";
    case Role::kReviewer: return "reviewer";
    case Role::kSupervisor: return "supervisor";
    case Role::kAuditor: return "auditor";
    case Role::kAdmin: return "admin";
  }
  return "public";
}

Result<Role> ParseRole(std::string_view name) {
  for (Role r : {Role::kPublic, Role::kOfficer, Role::kReviewer, Role::kSupervisor, Role::kAuditor, Role::kAdmin}) {
    if (RoleName(r) == name) return r;
  }
  return Status::InvalidArgument("unknown role '" + std::string(name) +
                                 "' (public, officer, reviewer, supervisor, auditor, admin)");
}

std::string TokenHashHex(std::string_view token) { return ToHex(Sha256(AsBytes(token))); }

Result<Caller> TokenTable::Identify(std::string_view authorization) const {
  if (authorization.empty()) return Caller{Role::kPublic, "public", ""};
  constexpr std::string_view kBearer = "Bearer ";
  if (authorization.substr(0, kBearer.size()) != kBearer || authorization.size() == kBearer.size()) {
    return Status::InvalidArgument("the Authorization header must be 'Bearer <token>'");
  }
  const Hash presented = Sha256(AsBytes(authorization.substr(kBearer.size())));
  // Every entry is compared, in constant time, whichever matches.
  const TokenEntry* match = nullptr;
  for (const TokenEntry& e : entries_) {
    if (sodium_memcmp(e.sha256.data(), presented.data(), presented.size()) == 0) match = &e;
  }
  if (match == nullptr) return Status::InvalidArgument("the bearer token is not one this server knows");
  return Caller{match->role, match->name, match->certificate};
}

}  // namespace lawtrail::api

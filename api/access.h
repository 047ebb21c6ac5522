// File: api/access.h
// -----------------------------------------------------------------------------
// Who may call what. A bearer token names a role; the role grants
// permissions. Tokens are kept only as SHA-256 hashes (from the config file),
// compared in constant time, and never logged. A token authenticates the
// caller to the server; it never authorises an act in the log: that is the
// signature on the statement, checked against the registry.
#ifndef LAWTRAIL_API_ACCESS_H_
#define LAWTRAIL_API_ACCESS_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/core/status.h"

namespace lawtrail::api {

enum class Role { kPublic, kOfficer, kReviewer, kSupervisor, kAuditor, kAdmin };

// What a route needs. Public routes need nothing.
enum Permission : uint32_t {
  kReadPublic = 1u << 0,  // portal, disclosure, certificates, checkpoints, proofs, hash tiles
  kSubmit = 1u << 1,      // POST statements (the signature decides what is admitted)
  kRetrieve = 1u << 2,    // a case's full history and case file, each read recorded first (R6)
  kAudit = 1u << 3,       // every record, entry tiles: the whole log as stored
  kAdminister = 1u << 4,  // operations
};

uint32_t PermissionsOf(Role role);
std::string_view RoleName(Role role);
Result<Role> ParseRole(std::string_view name);

struct Caller {
  Role role = Role::kPublic;
  std::string name;         // the token's name in the config; "public" without one
  std::string certificate;  // the officer the token belongs to, if the config binds one
  bool Can(uint32_t permission) const { return (PermissionsOf(role) & permission) == permission; }
};

struct TokenEntry {
  std::string name;
  Role role = Role::kPublic;
  std::string certificate;
  std::array<uint8_t, 32> sha256{};
};

class TokenTable {
 public:
  void Add(TokenEntry entry) { entries_.push_back(std::move(entry)); }
  size_t size() const { return entries_.size(); }
  // The caller an Authorization header value names: no header → public;
  // "Bearer <token>" matching an entry → its role; anything else → an
  // error (an unknown token is refused, not downgraded to public).
  Result<Caller> Identify(std::string_view authorization) const;

 private:
  std::vector<TokenEntry> entries_;
};

// The hex SHA-256 of a token, as the config file stores it.
std::string TokenHashHex(std::string_view token);

}  // namespace lawtrail::api

#endif  // LAWTRAIL_API_ACCESS_H_

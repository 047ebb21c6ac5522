// File: ledger/client/registry_statements.h
// -----------------------------------------------------------------------------
// Builds the unsigned Statement bytes of registry events and case memos, for
// the CLI, the demo generator and tests. Sign the result with SignStatement.
#ifndef LAWTRAIL_LEDGER_CLIENT_REGISTRY_STATEMENTS_H_
#define LAWTRAIL_LEDGER_CLIENT_REGISTRY_STATEMENTS_H_

#include <string>
#include <vector>

#include "ledger/client/statement_builder.h"

namespace lawtrail {

struct OfficerInfo {
  std::string certificate_no;  // 执法证号
  std::string name;            // 姓名
  std::string post;            // 岗位
  PublicKey key{};
  std::vector<fb::Role> roles;
  int64_t valid_from_ms = 0;
  int64_t valid_until_ms = 0;                // 0 = open-ended
  std::vector<std::string> categories = {};  // 执法类别
  std::string area = {};                     // 执法区域
  std::string unit = {};                     // 所属单位
  std::string issuer = {};                   // 发证机关
  std::string legal_qualification_no = {};   // 法律职业资格 (reviewers)
};

// A header for a registry event signed by the agency root key.
StatementHeader RegistryHeader(const std::string& origin, const PublicKey& root_key);

// The genesis: h.key is the root key it introduces (it signs itself).
Bytes AgencyGenesisStatement(const StatementHeader& h, const std::string& name, const std::string& credit_code);

Bytes OfficerRegisteredStatement(const StatementHeader& h, const OfficerInfo& officer);

// type is OfficerSuspended, OfficerReinstated or OfficerRevoked.
Bytes OfficerStatusStatement(const StatementHeader& h, fb::Payload type, const std::string& certificate_no,
                             const std::string& reason);

Bytes OfficerKeyRotatedStatement(const StatementHeader& h, const std::string& certificate_no, const PublicKey& new_key,
                                 const std::string& reason);

// A note on a case; `extras` may name files (a scanned page, a photo) it records.
Bytes CaseMemoStatement(const StatementHeader& h, const std::string& title, const std::string& text,
                        const StatementExtras& extras = {});
// A head's declaration that [from_ms, until_ms) is history recorded after the
// fact (补录); `h` is the head's header on case "@registry".
// Adopts `content` as the reference table `kind` (root-signed), governing the
// facts of the days from `governs_from` to `governs_until` (YYYY-MM-DD).
Bytes ReferenceTableAdoptedStatement(const StatementHeader& h, fb::ReferenceTableKind kind, const std::string& content,
                                     const std::string& governs_from, const std::string& governs_until,
                                     const std::string& source);
Bytes BackfillDeclaredStatement(const StatementHeader& h, int64_t from_ms, int64_t until_ms, const std::string& reason,
                                const std::string& source);

// Parses a role name ("officer", "reviewer", "supervisor", "discloser").
Result<fb::Role> ParseRole(std::string_view name);

}  // namespace lawtrail

#endif  // LAWTRAIL_LEDGER_CLIENT_REGISTRY_STATEMENTS_H_

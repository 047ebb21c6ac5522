// File: ledger/client/master_data_statements.h
// -----------------------------------------------------------------------------
// Builds the unsigned statements of master-data events (schemas/master_data.fbs)
// for the demo generator, the tests and the CLI. Sign them with the agency
// root key; the header comes from RegistryHeader.
#ifndef LAWTRAIL_LEDGER_CLIENT_MASTER_DATA_STATEMENTS_H_
#define LAWTRAIL_LEDGER_CLIENT_MASTER_DATA_STATEMENTS_H_

#include <string>
#include <vector>

#include "ledger/client/statement_builder.h"

namespace lawtrail::domain {

struct AgencyProfile {
  std::string name, credit_code;
  fb::AgencyNature nature = fb::AgencyNature::TownshipAssigned;
  std::string head, address, phone, duties, basis;
  std::vector<std::string> complaint_channels;
  std::string province, department, region;
};

struct PowerItem {
  std::string code, name, sub_item;
  fb::PowerCategory category = fb::PowerCategory::Penalty;
  std::string basis, implementing_body, handling_unit, counterpart_kinds, accountability, time_limit;
  std::string field;  // 执法类别: what a certificate must cover to act on it ("" = any)
};

struct DiscretionLevelInfo {
  std::string level, circumstances;
  int64_t min_fine_fen = 0, max_fine_fen = 0;
};

Bytes AgencyProfileStatement(const StatementHeader& h, const AgencyProfile& p);
// An officer's change of name (姓名), the rest of the profile unchanged;
// `valid_until_ms` restates the certificate's validity (0: no end).
Bytes OfficerNameChangedStatement(const StatementHeader& h, const std::string& certificate_no, const std::string& name,
                                  int64_t valid_until_ms);
Bytes PowerItemStatement(const StatementHeader& h, const PowerItem& item);
Bytes RandomInspectionItemStatement(const StatementHeader& h, const std::string& code, const std::string& item,
                                    const std::string& objects, const std::string& basis, const std::string& method);
Bytes AvItemStatement(const StatementHeader& h, const std::string& code, const std::string& stage,
                      const std::string& item, bool mandatory);
Bytes ReviewCatalogueItemStatement(const StatementHeader& h, const std::string& code,
                                   const std::string& power_item_code, const std::string& description);
Bytes GuidePublishedStatement(const StatementHeader& h, const std::string& code, fb::PublishedDocumentKind kind,
                              const std::string& power_item_code, const std::string& title, const std::string& content);
Bytes DiscretionStandardStatement(const StatementHeader& h, const std::string& code, const std::string& power_item_code,
                                  const std::string& violation, const std::string& basis,
                                  const std::vector<DiscretionLevelInfo>& levels);
Bytes MasterItemRetiredStatement(const StatementHeader& h, fb::MasterItemKind kind, const std::string& code,
                                 const std::string& reason);

}  // namespace lawtrail::domain

#endif  // LAWTRAIL_LEDGER_CLIENT_MASTER_DATA_STATEMENTS_H_

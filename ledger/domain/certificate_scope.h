// File: ledger/domain/certificate_scope.h
// -----------------------------------------------------------------------------
// P-CERT-SCOPE: an officer acts only within the 执法类别 and 执法区域 printed on
// the 执法证 (行政处罚法 第42条; 《行政执法证件管理办法》: a certificate is
// valid for the categories and the area it states).
//
// The case's 执法类别 is its power item's `field`; its place is the agency's
// 行政区划 followed by the case's 村/社区 (河南省信阳市平桥区青山镇李庄村). A
// certificate's area covers the place when the place names it: 青山镇,
// 平桥区 and 信阳市平桥区 all cover 青山镇李庄村; 明港镇 does not, nor does
// 王湾村 cover 李庄村. A certificate, item or profile that states nothing is
// not checked: records written before these fields existed stay valid.
#ifndef LAWTRAIL_LEDGER_DOMAIN_CERTIFICATE_SCOPE_H_
#define LAWTRAIL_LEDGER_DOMAIN_CERTIFICATE_SCOPE_H_

#include <string_view>

#include "ledger/core/status.h"
#include "ledger/domain/case_state.h"
#include "ledger/domain/registry.h"
#include "schemas/statement_generated.h"

namespace lawtrail::domain {

// True iff an 执法区域 `area` covers the place `place` ("" covers everything).
bool AreaCovers(std::string_view area, std::string_view place);

// Checks the signer of a case act that needs an officer, and every officer
// an investigative act names, against the case's category and place.
Status CheckCertificateScope(const Registry& registry, const CaseProcedureState& c, const fb::Statement& st);

}  // namespace lawtrail::domain

#endif  // LAWTRAIL_LEDGER_DOMAIN_CERTIFICATE_SCOPE_H_

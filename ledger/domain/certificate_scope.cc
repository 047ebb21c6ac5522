#include "ledger/domain/certificate_scope.h"

#include <algorithm>
#include <string>

#include "ledger/core/fb_string.h"
#include "ledger/domain/rules.h"

namespace lawtrail::domain {
namespace {

struct CaseScope {
  std::string field;  // 执法类别 of the power item
  std::string place;  // 行政区划 + 村/社区
};

CaseScope ScopeOf(const Registry& registry, const CaseProcedureState& c, const fb::Statement& st) {
  std::string code = c.power_item_code;
  std::string village = c.village;
  if (const auto* opened = st.payload_as_CaseOpened()) {  // the act that sets them
    code = Str(opened->power_item_code());
    village = Str(opened->village());
  }
  if (const auto* applied = st.payload_as_LicenceApplied()) {
    code = Str(applied->item_code());
    village = Str(applied->village());
  }
  CaseScope scope;
  if (const auto* item = registry.master_data().Find(fb::MasterItemKind::PowerItem, code)) scope.field = item->field;
  if (!registry.master_data().region().empty()) scope.place = registry.master_data().region() + village;
  return scope;
}

Status CheckOfficer(const Registry& registry, const CaseScope& scope, std::string_view certificate_no,
                    const fb::Statement& st) {
  const Registry::Officer* officer = registry.FindOfficer(certificate_no);
  if (officer == nullptr) return Status::Ok();  // unregistered: refused by P-SIGNER / P-TWO-OFFICERS
  const std::string who = "certificate '" + std::string(certificate_no) + "'";
  const std::string act = fb::EnumNamePayload(st.payload_type());
  if (!scope.field.empty() && !officer->categories.empty() &&
      std::find(officer->categories.begin(), officer->categories.end(), scope.field) == officer->categories.end()) {
    std::string listed;
    for (const std::string& c : officer->categories) listed += (listed.empty() ? "" : "、") + c;
    return Refuse("P-CERT-SCOPE", act + ": " + who + " covers 执法类别 " + listed + ", not the case's " + scope.field);
  }
  if (!scope.place.empty() && !AreaCovers(officer->area, scope.place)) {
    return Refuse("P-CERT-SCOPE",
                  act + ": " + who + " covers 执法区域 " + officer->area + ", not the case's place " + scope.place);
  }
  return Status::Ok();
}

}  // namespace

bool AreaCovers(std::string_view area, std::string_view place) {
  return area.empty() || place.find(area) != std::string_view::npos;
}

Status CheckCertificateScope(const Registry& registry, const CaseProcedureState& c, const fb::Statement& st) {
  const bool signer_acts =
      RequiredAuthority(st.payload_type(), registry.tables().procedure()).role == fb::Role::Officer;
  const auto* officers = ActOfficers(st);
  if (!signer_acts && officers == nullptr) return Status::Ok();
  const CaseScope scope = ScopeOf(registry, c, st);
  if (scope.field.empty() && scope.place.empty()) return Status::Ok();
  const Registry::Officer* signer = registry.FindOfficer(Str(st.actor()->certificate_no()));
  // A head signing in the head's own right (第57条 decisions …) acts for the agency, not in the field.
  const bool head = signer != nullptr && (signer->roles & (1u << static_cast<unsigned>(fb::Role::Head))) != 0;
  if (signer_acts && !head) {
    LAWTRAIL_RETURN_IF_ERROR(CheckOfficer(registry, scope, Str(st.actor()->certificate_no()), st));
  }
  if (officers != nullptr) {
    for (const auto* o : *officers) LAWTRAIL_RETURN_IF_ERROR(CheckOfficer(registry, scope, o->string_view(), st));
  }
  return Status::Ok();
}

}  // namespace lawtrail::domain

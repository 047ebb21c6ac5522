// File: ledger/client/taking_acts.h
// -----------------------------------------------------------------------------
// Typed builders for the acts of a 行政征收 or 征用 case (schemas/taking.fbs):
// each returns the signed submission of one act with its 文书 attached and the
// owner's private values sealed, as case_acts.h does for the other acts.
//
// Example (a 征用 of an excavator for a flood, given back and compensated):
//   Bytes s = OrderRequisition(act, {.notice_no = "青县征〔2026〕3号", .ordered_by = "青山县人民政府",
//                                    .emergency = "2026年7月青山河汛情", .owner = owner,
//                                    .items = {{"挖掘机", "1台"}}, .taken_on = "2026-07-06"});
//   Bytes t = ReturnRequisitioned(next, {{"挖掘机", "1台", fb::RequisitionCondition::Damaged}}, "2026-07-20");
#ifndef LAWTRAIL_LEDGER_CLIENT_TAKING_ACTS_H_
#define LAWTRAIL_LEDGER_CLIENT_TAKING_ACTS_H_

#include <string>
#include <vector>

#include "ledger/client/case_acts.h"

namespace lawtrail::domain {

struct TakingNotice {
  fb::TakingNoticeKind kind = fb::TakingNoticeKind::LandPreNotice;
  std::string notice_no, issuer, project, village;
  std::vector<std::string> places;
  std::string posted_from, posted_until;  // YYYY-MM-DD
  bool states_remedies = true;            // 房屋征收决定公告
};

struct TakingAgreement {
  std::string household;  // 户号 / 地块编号
  PartyInfo owner;
  std::string agreement_no;
  int64_t compensation_fen = 0;
  std::string resettlement;
  bool owner_signed = true;
  bool house = false;  // 房屋征收补偿协议 rather than 征地补偿安置协议
};

struct CompensationDecision {
  std::string household;  // "" for a 征用
  std::string decision_no, issuer, basis;
  int64_t compensation_fen = 0;
  fb::RemedyNotice remedies = fb::RemedyNotice::Stated;
};

struct RequisitionLine {
  std::string name, quantity;
  fb::RequisitionCondition condition = fb::RequisitionCondition::Intact;
  std::string note;
};

struct Requisition {
  std::string notice_no, ordered_by, emergency, purpose;
  PartyInfo owner;
  std::string village;
  std::vector<RequisitionLine> items;
  bool owner_signed = true;
  std::string taken_on;  // YYYY-MM-DD
};

// `document` picks the 文书 when the kind has several (e.g. 房屋征收补偿决定书); "" takes the table's first.
Bytes PostTakingNotice(const Act& a, const TakingNotice& n);
Bytes RecordTakingApproval(const Act& a, const std::string& approval_no, const std::string& approved_by,
                           const std::string& approved_on);
Bytes SignTakingAgreement(const Act& a, const TakingAgreement& t);
Bytes DecideCompensation(const Act& a, const CompensationDecision& d, const std::string& document = "");
Bytes PayCompensation(const Act& a, const std::string& household, int64_t amount_fen, const std::string& paid_on,
                      const std::string& voucher_no);
Bytes RecordVacated(const Act& a, const std::string& household, const std::string& vacated_on, bool house = false);
Bytes OrderRequisition(const Act& a, const Requisition& r);
Bytes ReturnRequisitioned(const Act& a, const std::vector<RequisitionLine>& items, const std::string& returned_on,
                          bool owner_signed = true);

}  // namespace lawtrail::domain

#endif  // LAWTRAIL_LEDGER_CLIENT_TAKING_ACTS_H_

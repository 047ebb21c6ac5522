// File: ledger/client/licence_acts.h
// -----------------------------------------------------------------------------
// Typed builders for the acts of a 行政许可 case (schemas/licensing.fbs): each
// returns the signed submission of one act with its 文书 attached and the
// applicant's private values sealed, as case_acts.h does for the other acts.
//
// Example (a 宅基地 application accepted on the day it came in):
//   Bytes s = ApplyForLicence(act, {.item_code = "XK-01", .matter = "农村宅基地用地审批",
//                                   .applicant = household, .received_date = "2025-09-26",
//                                   .materials = {"农村宅基地和建房(规划许可)申请表", "户口簿"}});
//   Bytes t = AnswerLicenceIntake(next, fb::LicenceIntakeOutcome::Accepted, "青政许受〔2025〕31号");
#ifndef LAWTRAIL_LEDGER_CLIENT_LICENCE_ACTS_H_
#define LAWTRAIL_LEDGER_CLIENT_LICENCE_ACTS_H_

#include <string>
#include <vector>

#include "ledger/client/case_acts.h"

namespace lawtrail::domain {

struct LicenceApplication {
  fb::LicenceApplication kind = fb::LicenceApplication::New;
  std::string item_code;
  std::string matter;
  PartyInfo applicant;
  std::string place, village;
  std::string received_date;  // YYYY-MM-DD
  fb::LicenceChannel channel = fb::LicenceChannel::Window;
  std::vector<std::string> materials;
  bool by_agent = false;
  std::string licence_no;  // 变更/延续
  std::string expires_on;  // 延续
};

struct LicenceIntakeAnswer {
  std::vector<std::string> missing;  // 补正
  std::string reason, refer_to;      // 不予受理
};

struct LicenceHearingInfo {
  std::string hearing_date, place, presider, record_no;
  bool participants_signed = true;
};

struct LicenceDecision {
  bool granted = true;
  std::string decision_no, content, certificate, valid_from, valid_until, reasons;
  fb::RemedyNotice remedies = fb::RemedyNotice::Stated;
  bool on_hearing_record = false;
};

struct LicenceEnd {
  fb::LicenceEnding kind = fb::LicenceEnding::Deregistered;
  std::string decision_no, ground;
  int64_t compensation_fen = 0;
  bool by_superior = false, improper_means = false;
};

Bytes ApplyForLicence(const Act& a, const LicenceApplication& app);
Bytes AnswerLicenceIntake(const Act& a, fb::LicenceIntakeOutcome outcome, const std::string& notice_no,
                          const LicenceIntakeAnswer& answer = {});
Bytes SupplementLicenceMaterials(const Act& a, const std::string& received_date,
                                 const std::vector<std::string>& materials);
Bytes ExcludeLicenceTime(const Act& a, fb::LicenceExcludedTime kind, const std::string& from_date,
                         const std::string& to_date, const std::string& reason);
Bytes ExtendLicencePeriod(const Act& a, const std::string& reason);
Bytes RecordLicenceHearing(const Act& a, fb::LicenceHearingStep step, const LicenceHearingInfo& info = {});
Bytes DecideLicence(const Act& a, const LicenceDecision& d);
Bytes IssueLicenceCertificate(const Act& a, const std::string& certificate_no, const std::string& name);
Bytes EndLicence(const Act& a, const LicenceEnd& e);

}  // namespace lawtrail::domain

#endif  // LAWTRAIL_LEDGER_CLIENT_LICENCE_ACTS_H_

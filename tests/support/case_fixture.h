// A test log with the master data and people a case needs — an agency in
// Henan, officers, a qualified and an unqualified legal reviewer, a discloser
// and a supervisor, a power list with a legal-review catalogue entry and a
// discretion standard — plus the steps of a lawful general-procedure case,
// so that each rule test can walk up to the one act it is about.
#ifndef LAWTRAIL_TESTS_SUPPORT_CASE_FIXTURE_H_
#define LAWTRAIL_TESTS_SUPPORT_CASE_FIXTURE_H_

#include <memory>
#include <string>
#include <vector>

#include "ledger/client/case_acts.h"
#include "ledger/client/master_data_statements.h"
#include "tests/support/test_log.h"

namespace lawtrail::testing {

inline constexpr const char* kPenaltyItem = "330217001";     // 行政处罚 item
inline constexpr const char* kCataloguedItem = "330217002";  // on the legal-review catalogue
inline constexpr const char* kCoercionItem = "330217003";    // 行政强制 item
inline constexpr const char* kLicenceItem = "330217005";     // 行政许可 item
inline constexpr const char* kDiscretionCode = "CL-330217001";

class CaseFixture {
 public:
  // How the acts' dates (in 2026, worked out by hand) relate to the time the
  // log records them.
  enum class Recording {
    kBackfill,  // recorded now, inside a head's declared backfill [Day(-120), Day(240)) (补录)
    kAsActed,   // the log's clock follows the acts: each is recorded a minute after it claims
  };
  explicit CaseFixture(Recording recording = Recording::kBackfill);

  TestLog& t() { return t_; }
  // kAsActed: the log's clock jumps forward to `ms` (an act recorded late).
  void RecordAt(int64_t ms) const { *now_ = std::max(*now_, ms); }

 private:
  std::shared_ptr<int64_t> now_;  // kAsActed: the log's clock; declared before t_, which reads it
  TestLog t_;
  bool profile_published_;  // before the officers: they are registered in order

 public:
  // 10:00 China time on 2026-03-02 (a Monday) plus `day` calendar days.
  static int64_t Day(int day, int hour = 10);

  // An act by `who` on `case_id` at Day(day).
  domain::Act By(const TestOfficer& who, const std::string& case_id, int day, int hour = 10) const;

  // Appends and REQUIREs success; returns the result.
  Appended Admit(Bytes submission);
  // Appends and REQUIREs refusal by `rule`, with the log's size unchanged.
  void Refused(Bytes submission, const std::string& rule);
  // Appends and REQUIREs acceptance with exactly the flag `rule`.
  void Flagged(Bytes submission, const std::string& rule);

  // The head approves an act of kind `act` on `case_id` at Day(day) (负责人审批);
  // returns the approval's event id, for the act to reference.
  EventId Approve(const std::string& case_id, int day, fb::Payload act, const std::string& subject = "", int hour = 9);
  // An act by `who` resting on the head's approval of `act`, given just before.
  domain::Act ApprovedBy(const TestOfficer& who, const std::string& case_id, int day, fb::Payload act, int hour = 10);

  // Lawful steps of a general-procedure penalty case.
  void Open(const std::string& case_id, int day, const std::string& power_item = kPenaltyItem,
            fb::Procedure procedure = fb::Procedure::General, fb::PartyKind party = fb::PartyKind::Organisation,
            bool minor = false, int hour = 10);
  void Investigate(const std::string& case_id, int day);
  void Conclude(const std::string& case_id, int day, int64_t fine_fen, bool complex = false);
  void Review(const std::string& case_id, int day);
  void Notice(const std::string& case_id, int day, int64_t fine_fen, bool hearing_right = false);
  void Waive(const std::string& case_id, int day);
  Bytes Decision(const std::string& case_id, int day, int64_t fine_fen, const std::string& no = "",
                 fb::RemedyNotice remedies = fb::RemedyNotice::Stated);
  // Opened on day 0, inspected on day 1, concluded on day 2.
  void Concluded(const std::string& case_id, int64_t fine_fen, bool complex = false);
  // The decision (signed by the head: 第57条).
  // Concluded with a fine reaching the hearing threshold, reviewed on day 3,
  // hearing notice on day 4 (a Friday), hearing requested on day 7.
  void HearingRequested(const std::string& case_id);
  // Concluded (days 0–2), reviewed on day 3, notified on day 4 (Fri 2026-03-06), waived on day 5: a
  // decision may follow from day 5 on.
  void ReadyToDecide(const std::string& case_id, int64_t fine_fen);
  // The heads' collective discussion (第57条第2款): both heads sign an opinion, the 镇长 concludes.
  void Collective(const std::string& case_id, int day);
  // Open → investigate → conclude → review → notice → waive, from `day`: a decision may follow on day + 6.
  void ReadyFrom(const std::string& case_id, int day, int64_t fine_fen);
  // Open → investigate → conclude → review → notice → waive → decide, from `day`.
  void DecidedCase(const std::string& case_id, int day, int64_t fine_fen);
  // The agency profile the fixture publishes (no 行政区划: no area is checked).
  static domain::AgencyProfile Profile();
  static std::string DecisionNo(const std::string& case_id) { return "青综执罚决字〔2026〕" + case_id; }

  TestOfficer a, b, c;      // officers
  TestOfficer reviewer;     // 法制审核员 with 法律职业资格
  TestOfficer unqualified;  // reviewer role, no 法律职业资格
  TestOfficer discloser, supervisor;
  TestOfficer suspended;  // an officer whose certificate is suspended
  TestOfficer head;       // 镇长: a head who also holds an 执法证 (Officer and Head roles)
  TestOfficer deputy;     // 副镇长: a head only

 private:
  TestOfficer Register(const std::string& cert, const std::string& name, std::vector<fb::Role> roles,
                       const std::string& qualification = "");
  void Root(const std::function<Bytes(const StatementHeader&)>& build);
  bool PublishProfile();
  void PublishPowerList();
  void DeclareBackfill();
};

}  // namespace lawtrail::testing

#endif  // LAWTRAIL_TESTS_SUPPORT_CASE_FIXTURE_H_

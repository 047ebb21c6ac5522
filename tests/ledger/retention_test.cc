// P-RETENTION: originals leave the evidence store only by a head's decision
// after the case file's 保管期限 has run. Worked by hand: a 30-year file
// closed on Wed 2026-03-04 counts its term from 1 January 2027, so it is kept
// through Sun 2056-12-31 and its originals may be disposed of from Mon
// 2057-01-01 (the fixture's Day(0) is Mon 2026-03-02: 2056-12-31 is Day(11262),
// 2057-01-01 is Day(11263)). A general-procedure penalty file is 永久.
#include "ledger/domain/retention.h"

#include <catch2/catch.hpp>

#include "ledger/client/case_acts.h"
#include "ledger/core/sha256.h"
#include "tests/support/case_fixture.h"

namespace lawtrail::testing {
namespace {

constexpr int kDec31_2056 = 11262, kJan1_2057 = 11263;

std::string HexOf(const std::string& content) { return ToHex(Sha256(AsBytes(content))); }

// A case with one recording, closed on day 2 (Wed 2026-03-04).
void ClosedCaseWithRecording(CaseFixture& f, const std::string& case_id, fb::Procedure procedure,
                             const std::string& recording) {
  f.Open(case_id, 0, kPenaltyItem, procedure, fb::PartyKind::NaturalPerson);
  f.Investigate(case_id, 1);
  domain::AvInfo av{recording, CaseFixture::Day(1, 9), CaseFixture::Day(1, 10)};
  f.Admit(domain::AttachAv(f.By(f.a, case_id, 1, 11), av, "现场检查"));
  f.Admit(domain::CloseCase(f.By(f.a, case_id, 2), fb::CloseReason::Other, "违法事实不能成立"));
}

Bytes Dispose(CaseFixture& f, const TestOfficer& who, const std::string& case_id, int day,
              const std::vector<std::string>& items, std::vector<std::string> supervisors = {"王档案", "李监销"}) {
  return domain::DisposeOriginals(f.By(who, case_id, day), items, "青石镇档销〔2057〕1号",
                                  "保管期限届满，经鉴定无继续保存价值", supervisors);
}

TEST_CASE("P-RETENTION: a 30-year file closed on 2026-03-04 keeps its originals through 2056-12-31") {
  CaseFixture f(CaseFixture::Recording::kAsActed);
  ClosedCaseWithRecording(f, "C1", fb::Procedure::Simple, "执法记录仪视频 C1");
  const std::string video = HexOf("执法记录仪视频 C1");
  f.Refused(Dispose(f, f.head, "C1", kDec31_2056, {video}), "P-RETENTION");
  f.Admit(Dispose(f, f.head, "C1", kJan1_2057, {video}));
  // Disposed of once: the same hash again is refused.
  f.Refused(Dispose(f, f.head, "C1", kJan1_2057 + 1, {video}), "P-RETENTION");
}

TEST_CASE("P-RETENTION: a permanent file never disposes of its originals") {
  CaseFixture f(CaseFixture::Recording::kAsActed);
  ClosedCaseWithRecording(f, "C1", fb::Procedure::General, "执法记录仪视频 永久");
  f.Refused(Dispose(f, f.head, "C1", kJan1_2057 + 3650, {HexOf("执法记录仪视频 永久")}), "P-RETENTION");
}

TEST_CASE("P-RETENTION: only the case's own files, each once, with the register, the appraisal and two supervisors") {
  CaseFixture f(CaseFixture::Recording::kAsActed);
  ClosedCaseWithRecording(f, "C1", fb::Procedure::Simple, "视频一");
  ClosedCaseWithRecording(f, "C2", fb::Procedure::Simple, "视频二");
  const std::string mine = HexOf("视频一"), theirs = HexOf("视频二");
  f.Refused(Dispose(f, f.head, "C1", kJan1_2057, {theirs}), "P-RETENTION");
  f.Refused(Dispose(f, f.head, "C1", kJan1_2057, {mine, mine}), "P-RETENTION");
  f.Refused(Dispose(f, f.head, "C1", kJan1_2057, {}), "P-RETENTION");
  f.Refused(Dispose(f, f.head, "C1", kJan1_2057, {"ABC"}), "P-RETENTION");
  f.Refused(Dispose(f, f.head, "C1", kJan1_2057, {mine}, {"王档案"}), "P-RETENTION");
  f.Refused(Dispose(f, f.head, "C1", kJan1_2057, {mine}, {"王档案", "王档案"}), "P-RETENTION");
  f.Refused(domain::DisposeOriginals(f.By(f.head, "C1", kJan1_2057), {mine}, "", "无保存价值", {"甲", "乙"}),
            "P-RETENTION");
  // An officer who is no head cannot decide it.
  f.Refused(Dispose(f, f.a, "C1", kJan1_2057, {mine}), "P-SIGNER");
  f.Admit(Dispose(f, f.head, "C1", kJan1_2057, {mine}));
}

TEST_CASE("P-RETENTION: nothing is disposed of from a case still open") {
  CaseFixture f(CaseFixture::Recording::kAsActed);
  f.Open("C1", 0, kPenaltyItem, fb::Procedure::Simple, fb::PartyKind::NaturalPerson);
  domain::AvInfo av{"视频", CaseFixture::Day(0, 9), CaseFixture::Day(0, 10)};
  f.Admit(domain::AttachAv(f.By(f.a, "C1", 0, 11), av, "现场检查"));
  f.Refused(Dispose(f, f.head, "C1", kJan1_2057, {HexOf("视频")}), "P-STAGE");
}

TEST_CASE("the 保管期限 of each kind of file and the day its originals may first go") {
  CHECK(domain::RetentionLabel(domain::RetentionYears(fb::CaseCategory::Penalty, fb::Procedure::General)) == "永久");
  CHECK(domain::RetentionLabel(domain::RetentionYears(fb::CaseCategory::Penalty, fb::Procedure::Simple)) == "30年");
  CHECK(domain::RetentionLabel(domain::RetentionYears(fb::CaseCategory::Licensing, fb::Procedure::General)) == "30年");
  CHECK(domain::RetentionLabel(domain::RetentionYears(fb::CaseCategory::Expropriation, fb::Procedure::Simple)) ==
        "永久");
  // Closed on the last day of a year or the first: the term starts the next 1 January either way.
  CHECK(domain::FormatDate(domain::DisposalAllowedFrom(*domain::ParseDate("2026-12-31"), 30)) == "2057-01-01");
  CHECK(domain::FormatDate(domain::DisposalAllowedFrom(*domain::ParseDate("2026-01-01"), 30)) == "2057-01-01");
  CHECK(domain::FormatDate(domain::DisposalAllowedFrom(*domain::ParseDate("2027-01-01"), 30)) == "2058-01-01");
}

}  // namespace
}  // namespace lawtrail::testing

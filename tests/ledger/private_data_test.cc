// Sealed private data (D6, R5): openings are checked and kept encrypted, a
// party's records are found together, and erasure removes the openings from
// disk while every proof and the full verification still pass.
#include "ledger/log/private_data.h"

#include <filesystem>
#include <fstream>
#include <iterator>

#include <catch2/catch.hpp>

#include "ledger/client/case_acts.h"
#include "ledger/core/checkpoint.h"
#include "ledger/core/merkle.h"
#include "ledger/core/record.h"
#include "tests/support/case_fixture.h"
#include "tests/support/proof_helpers.h"
#include "tests/support/tamper.h"

namespace lawtrail::testing {
namespace {

constexpr const char* kName = "张三丰";
constexpr const char* kIdNo = "11010519491231002X";
constexpr const char* kPhone = "13812345678";
constexpr const char* kAddress = "青山镇幸福村12号";

// True iff any file under `dir` contains `needle` (RocksDB's SSTs, WAL,
// manifest — everything on disk).
bool DiskContains(const std::string& dir, std::string_view needle) {
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (bytes.find(needle) != std::string::npos) return true;
  }
  return false;
}

// The sealed fields of the statement recorded at `index`.
std::vector<std::pair<std::string, Hash>> SealedAt(Log& log, uint64_t index) {
  auto bytes = log.reader().RecordBytes(index);
  REQUIRE(bytes.ok());
  auto rv = ParseRecord(*bytes);
  REQUIRE(rv.ok());
  auto parsed = ParseSignedStatement(Bytes(rv->signed_statement.begin(), rv->signed_statement.end()));
  REQUIRE(parsed.ok());
  std::vector<std::pair<std::string, Hash>> out;
  for (const auto* f : *parsed->statement->sealed()) {
    Hash h{};
    std::copy(f->commitment()->begin(), f->commitment()->end(), h.begin());
    out.emplace_back(f->field()->str(), h);
  }
  return out;
}

TEST_CASE("openings are kept encrypted and a party's cases are found together", "[private]") {
  CaseFixture f;
  f.Open("C1", 0, kPenaltyItem, fb::Procedure::General, fb::PartyKind::NaturalPerson);
  const uint64_t c1 = f.t().log().size() - 1;
  f.Open("C2", 3, kPenaltyItem, fb::Procedure::Simple, fb::PartyKind::NaturalPerson);
  const uint64_t c2 = f.t().log().size() - 1;
  f.Open("C3", 4);         // an organisation
  f.Investigate("C1", 5);  // acts of the case that do not name the party again
  const uint64_t c1_investigated = f.t().log().size() - 1;
  Log& log = f.t().log();

  auto person = FindParty(log.store(), log.vault(), PartyKey::kPerson, kIdNo);
  REQUIRE(person.ok());
  REQUIRE(person->size() == 2);
  CHECK((*person)[0].index == c1);
  CHECK((*person)[0].case_id == "C1");
  CHECK((*person)[1].index == c2);
  CHECK((*person)[1].case_id == "C2");
  auto company = FindParty(log.store(), log.vault(), PartyKey::kOrganisation, "91411500MA44XY0B1N");
  REQUIRE(company.ok());
  REQUIRE(company->size() == 1);
  CHECK(company->front().case_id == "C3");
  CHECK(FindParty(log.store(), log.vault(), PartyKey::kPerson, "110105194912310037")->empty());
  // Everything about the person: both cases, with every act of each.
  auto about = RecordsAboutParty(log.store(), log.vault(), PartyKey::kPerson, kIdNo);
  REQUIRE(about.ok());
  std::vector<uint64_t> indices;
  for (const auto& r : *about) {
    indices.push_back(r.index);
    CHECK(r.names_party == (r.index == c1 || r.index == c2));
    CHECK(r.case_id != "C3");
  }
  // C1's first record is the head's 立案 approval (head-approvals.tsv), just before its opening.
  CHECK(indices == std::vector<uint64_t>{c1 - 1, c1, c2, c1_investigated});

  for (const auto& [field, commitment] : SealedAt(log, c1)) {
    auto opened = ReadOpening(log.store(), log.vault(), commitment);
    REQUIRE(opened.ok());
    REQUIRE(opened->has_value());
    CHECK((*opened)->case_id == "C1");
    CHECK((*opened)->index == c1);
    if (field == "party.name") CHECK((*opened)->value == kName);
    if (field == "party.id_no") CHECK((*opened)->value == kIdNo);
  }
  f.t().Close();
  // Encrypted at rest: no clear value anywhere on disk, only masked forms.
  for (const char* secret : {kName, kIdNo, kPhone, kAddress}) {
    INFO(secret);
    CHECK_FALSE(DiskContains(f.t().dir(), secret));
  }
}

TEST_CASE("erasing a party's openings removes them from disk, and proofs and verify still pass", "[private]") {
  CaseFixture f;
  f.Open("C1", 0, kPenaltyItem, fb::Procedure::General, fb::PartyKind::NaturalPerson);
  Log& log = f.t().log();
  const uint64_t opened_at = log.size() - 1;
  const auto sealed = SealedAt(log, opened_at);
  REQUIRE(sealed.size() == 4);  // name, ID number, address, phone
  std::vector<Hash> commitments;
  std::vector<std::string> ciphertexts;
  for (const auto& [field, commitment] : sealed) {
    commitments.push_back(commitment);
    auto raw = log.store().Get(Cf::kSealed, AsChars(commitment));
    REQUIRE(raw.ok());
    REQUIRE(raw->has_value());
    ciphertexts.push_back(**raw);
  }
  f.Investigate("C1", 1);
  // Settle the openings into SST files first, as a long-lived log would.
  f.t().Reopen();
  Log& reopened = f.t().log();
  REQUIRE(DiskContains(f.t().dir(), ciphertexts[0]));

  // Only a supervisor erases, and only with a legal basis recorded.
  f.Refused(domain::EraseOpenings(f.By(f.a, "C1", 2), commitments, "个人信息保护法 第47条", "保存期限届满"),
            "P-SIGNER");
  f.Admit(domain::EraseOpenings(f.By(f.supervisor, "C1", 2), commitments, "个人信息保护法 第47条",
                                "保存期限届满，依法删除个人信息"));
  for (const Hash& c : commitments) {
    auto opened = ReadOpening(reopened.store(), reopened.vault(), c);
    REQUIRE(opened.ok());
    CHECK_FALSE(opened->has_value());
  }
  CHECK(FindParty(reopened.store(), reopened.vault(), PartyKey::kPerson, kIdNo)->empty());

  // The record still shows the masked forms and proves its inclusion.
  auto record = reopened.reader().RecordBytes(opened_at);
  REQUIRE(record.ok());
  const std::string record_text(AsChars(*record));
  CHECK(record_text.find("张**") != std::string::npos);
  CHECK(record_text.find(kName) == std::string::npos);
  auto note = reopened.CurrentCheckpoint();
  REQUIRE(note.ok());
  auto cp = ParseCheckpointNoteUnverified(*note);
  REQUIRE(cp.ok());
  auto proof = reopened.reader().InclusionProof(opened_at, cp->size);
  REQUIRE(proof.ok());
  const Hash leaf = merkle::LeafHash(*record);
  CHECK(merkle::VerifyInclusion(opened_at, cp->size, leaf, AsBytesList(*proof), cp->root).ok());

  f.t().Close();
  for (const std::string& ciphertext : ciphertexts) CHECK_FALSE(DiskContains(f.t().dir(), ciphertext));
  for (const char* secret : {kName, kIdNo, kPhone, kAddress}) CHECK_FALSE(DiskContains(f.t().dir(), secret));
  const VerifyReport report = VerifyDir(f.t().dir(), f.t().vkey());
  INFO(report.status.ToString());
  CHECK(report.status.ok());
}

TEST_CASE("an erasure cannot reach another case's openings", "[private]") {
  CaseFixture f;
  f.Open("C1", 0, kPenaltyItem, fb::Procedure::General, fb::PartyKind::NaturalPerson);
  const auto sealed = SealedAt(f.t().log(), f.t().log().size() - 1);
  f.Open("C2", 1);
  f.Refused(domain::EraseOpenings(f.By(f.supervisor, "C2", 2), {sealed[0].second}, "个人信息保护法 第47条", "误删"),
            "P-SEALED");
  auto still = ReadOpening(f.t().log().store(), f.t().log().vault(), sealed[0].second);
  REQUIRE(still.ok());
  CHECK(still->has_value());
}

}  // namespace
}  // namespace lawtrail::testing

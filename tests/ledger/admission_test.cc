// Bad input gets a distinct, clear error and leaves the log unchanged.
#include <catch2/catch.hpp>

#include "ledger/core/log_format.h"
#include "tests/support/test_log.h"

namespace lawtrail {
namespace {

using testing::TestLog;
using testing::TestOfficer;

// Appends `statement`, expects `code` with `message` in the error, and checks
// that the log's size and root did not move.
void ExpectRefused(TestLog& t, Bytes statement, StatusCode code, const std::string& message) {
  const uint64_t size = t.log().size();
  const Hash root = *t.log().reader().RootAt(size);
  const AppendResult r = t.AppendOne(std::move(statement));
  REQUIRE_FALSE(r.ok());
  INFO(r.status().ToString());
  CHECK(r.status().code() == code);
  CHECK_THAT(r.status().message(), Catch::Contains(message));
  CHECK(t.log().size() == size);
  CHECK(*t.log().reader().RootAt(size) == root);
}

TEST_CASE("malformed statements are refused with what is wrong", "[admission]") {
  TestLog t;
  const TestOfficer officer = t.AddOfficer("41010001");
  const Bytes good = t.Memo(officer, "case-1");

  SECTION("a truncated FlatBuffer") {
    ExpectRefused(t, Bytes(good.begin(), good.begin() + good.size() / 2), StatusCode::kInvalidArgument,
                  "malformed or truncated");
  }
  SECTION("garbage bytes") {
    ExpectRefused(t, Bytes(300, 0xA5), StatusCode::kInvalidArgument, "not a lawtrail SignedStatement");
  }
  SECTION("an oversized statement (the limit is 128 KiB)") {
    ExpectRefused(t, t.Memo(officer, "case-1", std::string(kMaxSignedStatementBytes, 'x')),
                  StatusCode::kInvalidArgument, "exceeds the limit of 131072 bytes");
  }
  SECTION("a wrong signature") {
    Bytes bad = good;
    auto parsed = ParseSignedStatement(good);
    REQUIRE(parsed.ok());
    bad[parsed->signed_statement->signature()->data() - parsed->signed_bytes.data() + 10] ^= 0x01;
    ExpectRefused(t, bad, StatusCode::kInvalidArgument, "signature does not verify");
  }
  SECTION("a statement meant for another log") {
    StatementHeader h;
    h.event_id = RandomEventId();
    h.origin = "other.example/enforcement";
    h.case_id = "case-1";
    h.certificate_no = officer.certificate_no;
    h.key = officer.key.public_key();
    h.occurred_at_ms = NowMs();
    ExpectRefused(t, SignStatement(CaseMemoStatement(h, "t", "x"), officer.key), StatusCode::kInvalidArgument,
                  "is for log 'other.example/enforcement'");
  }
  SECTION("a reserved case id") {
    ExpectRefused(t, t.Memo(officer, "@registry"), StatusCode::kInvalidArgument, "reserved");
  }
}

TEST_CASE("signers must be registered, active and hold the role", "[admission]") {
  TestLog t;
  const TestOfficer officer = t.AddOfficer("41010001");

  SECTION("an unknown signer") {
    const TestOfficer stranger{"41019999", KeyPair::Generate()};
    ExpectRefused(t, t.Memo(stranger, "case-1"), StatusCode::kFailedPrecondition, "'41019999' is not registered");
  }
  SECTION("a key that is not the certificate's") {
    const TestOfficer impostor{officer.certificate_no, KeyPair::Generate()};
    ExpectRefused(t, t.Memo(impostor, "case-1"), StatusCode::kFailedPrecondition,
                  "is not the current key of certificate '41010001'");
  }
  SECTION("a revoked signer") {
    REQUIRE(t.AppendOne(t.SignedRegistryEvent([&](const StatementHeader& h) {
               return OfficerStatusStatement(h, fb::Payload::OfficerRevoked, "41010001", "调离");
             })).ok());
    ExpectRefused(t, t.Memo(officer, "case-1"), StatusCode::kFailedPrecondition, "is revoked");
  }
  SECTION("a suspended signer, until reinstated") {
    REQUIRE(t.AppendOne(t.SignedRegistryEvent([&](const StatementHeader& h) {
               return OfficerStatusStatement(h, fb::Payload::OfficerSuspended, "41010001", "暂扣");
             })).ok());
    ExpectRefused(t, t.Memo(officer, "case-1"), StatusCode::kFailedPrecondition, "is suspended");
    REQUIRE(t.AppendOne(t.SignedRegistryEvent([&](const StatementHeader& h) {
               return OfficerStatusStatement(h, fb::Payload::OfficerReinstated, "41010001", "恢复");
             })).ok());
    CHECK(t.AppendOne(t.Memo(officer, "case-1")).ok());
  }
  SECTION("the wrong role") {
    const TestOfficer reviewer = t.AddOfficer("41010002", {fb::Role::Reviewer});
    ExpectRefused(t, t.Memo(reviewer, "case-1"), StatusCode::kFailedPrecondition, "lacks the role Officer");
  }
  SECTION("a registry event not signed by the root key") {
    StatementHeader h = RegistryHeader(testing::kTestOrigin, officer.key.public_key());
    h.certificate_no = officer.certificate_no;
    ExpectRefused(t,
                  SignStatement(OfficerStatusStatement(h, fb::Payload::OfficerRevoked, "41010001", "x"), officer.key),
                  StatusCode::kFailedPrecondition, "must be signed by the agency root key");
  }
  SECTION("a rotated key: the old key stops, the new one works") {
    const KeyPair next = KeyPair::Generate();
    REQUIRE(t.AppendOne(t.SignedRegistryEvent([&](const StatementHeader& h) {
               return OfficerKeyRotatedStatement(h, "41010001", next.public_key(), "换证");
             })).ok());
    ExpectRefused(t, t.Memo(officer, "case-1"), StatusCode::kFailedPrecondition, "is not the current key");
    CHECK(t.AppendOne(t.Memo(TestOfficer{"41010001", next}, "case-1")).ok());
  }
  SECTION("a certificate not yet valid at the time recorded") {
    const TestOfficer later{"41010003", KeyPair::Generate()};
    OfficerInfo info{later.certificate_no, "李四", "执法队员", later.key.public_key(), {fb::Role::Officer},
                     NowMs() + 86'400'000, 0};
    REQUIRE(t.AppendOne(t.SignedRegistryEvent([&](const StatementHeader& h) {
               return OfficerRegisteredStatement(h, info);
             })).ok());
    ExpectRefused(t, t.Memo(later, "case-1"), StatusCode::kFailedPrecondition, "not valid (expired or not yet valid)");
  }
  SECTION("registering a certificate number twice") {
    ExpectRefused(t, t.SignedRegistryEvent([&](const StatementHeader& h) {
      return OfficerRegisteredStatement(
          h, {"41010001", "王五", "执法队员", KeyPair::Generate().public_key(), {fb::Role::Officer}, 0, 0});
    }),
                  StatusCode::kFailedPrecondition, "is already registered");
  }
}

TEST_CASE("an expected case version that differs is refused", "[admission]") {
  TestLog t;
  const TestOfficer officer = t.AddOfficer("41010001");
  REQUIRE(t.AppendOne(t.Memo(officer, "case-7", "立案", 0)).ok());
  REQUIRE(t.AppendOne(t.Memo(officer, "case-7", "调查", 1)).ok());
  ExpectRefused(t, t.Memo(officer, "case-7", "决定", 1), StatusCode::kFailedPrecondition,
                "expected case version 1, but case 'case-7' is at version 2");
  CHECK(t.AppendOne(t.Memo(officer, "case-7", "决定", 2)).ok());
}

TEST_CASE("the same event id with other bytes is a conflict", "[admission]") {
  TestLog t;
  const TestOfficer officer = t.AddOfficer("41010001");
  StatementHeader h;
  h.event_id = RandomEventId();
  h.origin = testing::kTestOrigin;
  h.case_id = "case-1";
  h.certificate_no = officer.certificate_no;
  h.key = officer.key.public_key();
  h.occurred_at_ms = NowMs();
  REQUIRE(t.AppendOne(SignStatement(CaseMemoStatement(h, "t", "原文"), officer.key)).ok());
  ExpectRefused(t, SignStatement(CaseMemoStatement(h, "t", "改过的"), officer.key), StatusCode::kAlreadyExists,
                "already recorded at index");
}

}  // namespace
}  // namespace lawtrail

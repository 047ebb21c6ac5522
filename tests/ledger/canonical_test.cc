// Every byte of a record is signed or computed by the log: a statement, its
// wrapper, a submission and a record each have exactly one accepted
// encoding, and whoever relays a statement cannot choose its bytes.
#include "ledger/core/canonical.h"

#include <catch2/catch.hpp>
#include <flatbuffers/idl.h>

#include "ledger/client/json_codec.h"
#include "ledger/client/registry_statements.h"
#include "ledger/client/statement_builder.h"
#include "ledger/core/record_check.h"
#include "ledger/core/submission.h"
#include "ledger/log/log_verifier.h"
#include "ledger/log/store.h"
#include "schemas/record_bfbs_generated.h"
#include "tests/support/tamper.h"
#include "tests/support/test_log.h"

namespace lawtrail::testing {
namespace {

Bytes Concat(ByteView a, ByteView b) {
  Bytes out(a.begin(), a.end());
  out.insert(out.end(), b.begin(), b.end());
  return out;
}

// The statement bytes of a signed statement made by the log's own clients.
Bytes StatementOf(const Bytes& signed_statement) {
  auto parsed = ParseSignedStatement(signed_statement);
  REQUIRE(parsed.ok());
  const ByteView v = parsed->statement_bytes();
  return Bytes(v.begin(), v.end());
}

// Every re-encoding of one signed statement a relay could try: each byte
// changed four ways, bytes added at the end or inside, the buffer cut short.
std::vector<Bytes> WrapperVariants(const Bytes& original) {
  std::vector<Bytes> out;
  for (size_t i = 0; i < original.size(); ++i) {
    for (const uint8_t change : {uint8_t{0x01}, uint8_t{0x80}, uint8_t{0xff}}) {
      Bytes v = original;
      v[i] ^= change;
      out.push_back(std::move(v));
    }
    Bytes zero = original;
    zero[i] = 0;
    if (zero != original) out.push_back(std::move(zero));
  }
  for (size_t n : {1, 2, 3, 4, 7, 8, 16, 64, 4096}) {
    out.push_back(Concat(original, Bytes(n, 0)));
    out.push_back(Concat(original, Bytes(n, 0x41)));
    if (n < original.size()) out.emplace_back(original.begin(), original.end() - static_cast<ptrdiff_t>(n));
  }
  // A larger buffer with the same root: the wrapper rebuilt with padding
  // between its parts, as a builder with other alignment would leave it.
  for (size_t pad : {8, 16, 1024}) {
    auto parsed = ParseSignedStatement(original);
    REQUIRE(parsed.ok());
    flatbuffers::FlatBufferBuilder b;
    const ByteView st = parsed->statement_bytes();
    b.ForceVectorAlignment(st.size(), 1, 8);
    auto sv = b.CreateVector(st.data(), st.size());
    std::vector<uint8_t> padding(pad, 0);
    b.CreateVector(padding);  // referenced by nothing
    auto sg = b.CreateVector(parsed->signed_statement->signature()->data(), 64);
    b.Finish(fb::CreateSignedStatement(b, 1, sv, sg), fb::SignedStatementIdentifier());
    out.emplace_back(b.GetBufferPointer(), b.GetBufferPointer() + b.GetSize());
    // The same with format_version written out although it is the default.
    flatbuffers::FlatBufferBuilder d;
    d.ForceDefaults(true);
    d.ForceVectorAlignment(st.size(), 1, 8);
    auto dsv = d.CreateVector(st.data(), st.size());
    auto dsg = d.CreateVector(parsed->signed_statement->signature()->data(), 64);
    d.Finish(fb::CreateSignedStatement(d, 1, dsv, dsg), fb::SignedStatementIdentifier());
    out.emplace_back(d.GetBufferPointer(), d.GetBufferPointer() + d.GetSize());
  }
  return out;
}

TEST_CASE("no re-encoding of a signed statement is admitted, and the signer's own bytes are admitted after them") {
  TestLog t;
  const TestOfficer officer = t.AddOfficer("41010001");
  const Bytes original = t.Memo(officer, "青山镇〔2026〕第7号", "现场检查：身份证号 411502199001011234 不应出现在此");
  const std::vector<Bytes> variants = WrapperVariants(original);
  REQUIRE(variants.size() > 1500);
  const uint64_t before = t.log().size();
  size_t admitted = 0, named = 0;
  const std::vector<AppendResult> results = t.log().Append(variants);
  for (size_t i = 0; i < results.size(); ++i) {
    if (results[i].ok()) {
      ++admitted;
      continue;
    }
    CHECK(results[i].status().code() == StatusCode::kInvalidArgument);
    const std::string& m = results[i].status().message();
    if (m.find("no field accounts for") != std::string::npos || m.find("one accepted encoding") != std::string::npos) {
      ++named;
    }
  }
  INFO(variants.size() << " variants, " << named << " refused as not the one accepted encoding");
  CHECK(admitted == 0);
  CHECK(named > 50);  // the ones that still parse and still carry a valid signature
  CHECK(t.log().size() == before);
  // The signer's bytes were displaced by nothing: they are admitted now, once.
  const AppendResult own = t.AppendOne(original);
  REQUIRE(own.ok());
  CHECK(!own->duplicate);
  auto stored = t.log().reader().RecordBytes(own->index);
  REQUIRE(stored.ok());
  auto view = ParseRecord(*stored);
  REQUIRE(view.ok());
  CHECK(Bytes(view->signed_statement.begin(), view->signed_statement.end()) == original);
}

// Signs `statement` (whatever its encoding) with `officer`'s key.
Bytes Signed(const TestOfficer& officer, ByteView statement) { return SignStatement(statement, officer.key); }

TEST_CASE("a statement with bytes its fields do not account for is refused even when its signer signed them") {
  TestLog t;
  const TestOfficer officer = t.AddOfficer("41010001");
  const StatementHeader h = TestLog::HeaderFor(officer, "C1");
  const Bytes canonical = CaseMemoStatement(h, "记录", "现场检查");
  REQUIRE(CheckCanonicalStatement(canonical).ok());
  std::vector<std::pair<std::string, Bytes>> variants;

  // Bytes after the buffer: still a valid FlatBuffer, and signed.
  variants.emplace_back("trailing bytes",
                        Concat(canonical, AsBytes(std::string("411502199001011234\0\0\0\0\0\0", 24))));

  // A field no schema of this version knows (id 30), hiding a number.
  {
    flatbuffers::FlatBufferBuilder b;
    auto memo = fb::CreateCaseMemoDirect(b, "记录", "现场检查");
    auto key = b.CreateVector(h.key.data(), h.key.size());
    auto actor = fb::CreateActor(b, b.CreateString(h.certificate_no), key);
    auto event = b.CreateVector(h.event_id.data(), h.event_id.size());
    auto origin = b.CreateString(h.origin);
    auto case_id = b.CreateString(h.case_id);
    fb::StatementBuilder sb(b);
    sb.add_event_id(event);
    sb.add_origin(origin);
    sb.add_case_id(case_id);
    sb.add_payload_type(fb::Payload::CaseMemo);
    sb.add_payload(memo.Union());
    sb.add_actor(actor);
    sb.add_occurred_at_ms(h.occurred_at_ms);
    b.AddElement<uint64_t>(flatbuffers::FieldIndexToOffset(30), 411502199001011234ull, 0);
    b.Finish(sb.Finish(), fb::StatementIdentifier());
    variants.emplace_back("an unknown field", Bytes(b.GetBufferPointer(), b.GetBufferPointer() + b.GetSize()));
  }

  // Default values written out (format_version = 1 …).
  {
    fb::StatementT value;
    fb::GetStatement(canonical.data())->UnPackTo(&value);
    flatbuffers::FlatBufferBuilder b;
    b.ForceDefaults(true);
    b.Finish(fb::Statement::Pack(b, &value), fb::StatementIdentifier());
    variants.emplace_back("defaults written out", Bytes(b.GetBufferPointer(), b.GetBufferPointer() + b.GetSize()));
  }

  // The same value laid out by FlatBuffers' JSON parser, members in another order.
  {
    auto bytes_json = [](ByteView v) {
      std::string a = "[";
      for (size_t i = 0; i < v.size(); ++i) a += (i ? "," : "") + std::to_string(v[i]);
      return a + "]";
    };
    const std::string text = "{\"sealed\": [], \"occurred_at_ms\": " + std::to_string(h.occurred_at_ms) +
                             ", \"actor\": {\"key_id\": " + bytes_json(h.key) + ", \"certificate_no\": \"" +
                             h.certificate_no +
                             "\"}, \"payload\": {\"text\": \"现场检查\", \"title\": \"记录\"}, "
                             "\"payload_type\": \"CaseMemo\", \"case_id\": \"C1\", \"origin\": \"" +
                             h.origin + "\", \"event_id\": " + bytes_json(h.event_id) + "}";
    flatbuffers::Parser parser;
    REQUIRE(parser.Deserialize(lawtrail::fb::RecordBinarySchema::data(), lawtrail::fb::RecordBinarySchema::size()));
    REQUIRE(parser.SetRootType("Statement"));
    parser.file_identifier_ = fb::StatementIdentifier();
    REQUIRE(parser.ParseJson(text.c_str()));
    const Bytes laid_out(parser.builder_.GetBufferPointer(),
                         parser.builder_.GetBufferPointer() + parser.builder_.GetSize());
    REQUIRE(CanonicalStatement(laid_out) == canonical);                   // the same value …
    variants.emplace_back("another layout of the same value", laid_out);  // … in other bytes
  }

  // Two fields sharing one string (a DAG, which no builder of ours writes).
  {
    flatbuffers::FlatBufferBuilder b;
    auto shared = b.CreateString("记录");
    auto memo = fb::CreateCaseMemo(b, shared, shared);
    auto key = b.CreateVector(h.key.data(), h.key.size());
    auto actor = fb::CreateActor(b, b.CreateString(h.certificate_no), key);
    auto event = b.CreateVector(h.event_id.data(), h.event_id.size());
    auto st = fb::CreateStatement(b, 1, event, b.CreateString(h.origin), b.CreateString(h.case_id),
                                  fb::Payload::CaseMemo, memo.Union(), actor, h.occurred_at_ms);
    b.Finish(st, fb::StatementIdentifier());
    variants.emplace_back("a shared string", Bytes(b.GetBufferPointer(), b.GetBufferPointer() + b.GetSize()));
  }

  const uint64_t before = t.log().size();
  for (const auto& [what, statement] : variants) {
    INFO(what);
    REQUIRE(CheckStatementBytes(statement).ok());  // the FlatBuffers verifier passes every one of them
    const AppendResult r = t.AppendOne(Signed(officer, statement));
    REQUIRE(!r.ok());
    CHECK(r.status().code() == StatusCode::kInvalidArgument);
    CHECK_THAT(r.status().message(), Catch::StartsWith("the statement "));
  }
  CHECK(t.log().size() == before);
  CHECK(t.AppendOne(Signed(officer, canonical)).ok());
}

TEST_CASE("the one encoding of a statement packs to itself, and the log's builders write it") {
  TestLog t;
  const TestOfficer officer = t.AddOfficer("41010001");
  const Bytes st = StatementOf(t.Memo(officer, "C1", "中文：青山镇〔2026〕第1号"));
  CHECK(CanonicalStatement(st) == st);
  CHECK(CanonicalStatement(CanonicalStatement(st)) == st);
  JsonCodec codec;
  auto json = codec.StatementToJson(st);
  REQUIRE(json.ok());
  auto back = codec.StatementFromJson(*json);
  REQUIRE(back.ok());
  CHECK(*back == st);
}

TEST_CASE("a submission with bytes beside its statement and openings is refused") {
  TestLog t;
  const TestOfficer officer = t.AddOfficer("41010001");
  const Bytes signed_statement = t.Memo(officer, "C1");
  const Bytes submission = BuildSubmission(signed_statement, {});
  REQUIRE(ParseSubmission(submission).ok());
  auto padded = ParseSubmission(Concat(submission, Bytes(16, 0)));
  REQUIRE(!padded.ok());
  CHECK_THAT(padded.status().message(), Catch::Contains("one accepted encoding"));
}

TEST_CASE(
    "a stored record whose wrapper carries unsigned bytes is reported by verify and refused by a reader that trusts "
    "nothing") {
  TestLog t;
  const TestOfficer officer = t.AddOfficer("41010001");
  for (int i = 0; i < 20; ++i) REQUIRE(t.AppendOne(t.Memo(officer, "C" + std::to_string(i % 3))).ok());
  const uint64_t index = 9;
  auto stored = t.log().reader().RecordBytes(index);
  REQUIRE(stored.ok());
  auto view = ParseRecord(*stored);
  REQUIRE(view.ok());
  // As an older version would have stored it: the same statement and
  // signature in a wrapper with 64 more bytes, in an otherwise well-formed record.
  const Bytes padded_wrapper = Concat(view->signed_statement, Bytes(64, 0x41));
  RecordFields fields{index, view->record->time_recorded_ms(), view->record->case_version(), std::nullopt,
                      padded_wrapper};
  if (const auto* prev = view->record->prev_case_leaf_hash(); prev != nullptr && prev->size() == 32) {
    Hash h;
    std::copy(prev->begin(), prev->end(), h.begin());
    fields.prev_case_leaf_hash = h;
  }
  const Bytes old_record = BuildRecord(fields);
  auto opened = OpenRecord(old_record, index);
  REQUIRE(!opened.ok());
  CHECK(opened.status().code() == StatusCode::kCorruption);
  CHECK_THAT(opened.status().message(), Catch::Contains("64 bytes that no field accounts for"));
  // A record padded outside its fields is refused the same way.
  auto padded_record = OpenRecord(Concat(*stored, Bytes(8, 0)), index);
  REQUIRE(!padded_record.ok());
  CHECK_THAT(padded_record.status().message(), Catch::Contains("the record holds 8 bytes"));

  t.Close();
  PutRaw(t.dir(), Cf::kRecords, keys::Index(index), std::string(AsChars(old_record)));
  const VerifyReport report = VerifyDir(t.dir(), t.vkey());
  INFO(report.status.ToString());
  CHECK(report.status.code() == StatusCode::kCorruption);
  CHECK(report.bad_index == index);
  CHECK_THAT(report.status.message(), Catch::Contains("no field accounts for"));
}

}  // namespace
}  // namespace lawtrail::testing

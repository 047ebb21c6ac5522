// Writes the seed corpora of the fuzz harnesses (tests/fuzz/corpus/<harness>)
// from what the tests use: a generated demo year in a fresh log — one
// statement, record and JSON view of each kind of act, its checkpoints, court
// bundles of two cases — and hand-written requests, paths, configs and JSON.
//
//   fuzz_make_seeds <corpus folder>
//
// Run by hand when the formats change (tools/fuzz.sh --seeds); the seeds are
// committed, so that a clean checkout replays them without running this.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "ledger/client/case_acts.h"
#include "ledger/client/json_codec.h"
#include "ledger/client/statement_builder.h"
#include "ledger/core/checkpoint.h"
#include "ledger/core/sha256.h"
#include "ledger/core/statement.h"
#include "ledger/core/submission.h"
#include "ledger/export/case_export.h"
#include "ledger/log/data_dir.h"
#include "ledger/log/log.h"
#include "tests/fuzz/fuzz_support.h"
#include "tools/town_year.h"

using namespace lawtrail;

namespace {

std::filesystem::path root;
size_t written = 0;

void WriteSeed(const std::string& harness, std::string_view bytes) {
  const std::filesystem::path dir = root / harness;
  std::filesystem::create_directories(dir);
  const std::string name = ToHex(Sha256(AsBytes(bytes))).substr(0, 16);
  std::ofstream(dir / name, std::ios::binary) << bytes;
  ++written;
}
void WriteSeed(const std::string& harness, ByteView bytes) { WriteSeed(harness, std::string_view(AsChars(bytes))); }

[[noreturn]] void Die(const std::string& what, const Status& s) {
  std::fprintf(stderr, "fuzz_make_seeds: %s: %s\n", what.c_str(), s.ToString().c_str());
  std::exit(1);
}

std::string IndexPrefix(uint64_t index) {
  std::string out(8, '\0');
  for (int i = 7; i >= 0; --i, index >>= 8) out[static_cast<size_t>(i)] = static_cast<char>(index & 0xff);
  return out;
}

void HandWritten() {
  for (const char* json :
       {R"({"a": 1})", "[]", "{}", R"({"a": [1, 2.5e-3, true, null, "x\u00e9\ud83d\ude00"]})", R"({"a": 1, "a": 2})",
        R"({"a": 1, "\u0061": 2})", "[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]", R"({"submissions": ["AAAA"]})", "01",
        "[1,]", R"("\ud800")", "{\"a\":\"\x01\"}", "  true  "}) {
    WriteSeed("strict_json", std::string_view(json));
  }
  for (
      const char* config :
      {R"({"listen": "127.0.0.1:8080"})",
       R"({"limits": {"max_connections": 10, "max_json_depth": 4}, "access_log": false})",
       R"({"tokens": [{"name": "a", "role": "supervisor", "sha256": "0000000000000000000000000000000000000000000000000000000000000000"}]})",
       R"({"limits": {"max_connections": 0}})", R"({"listen": "x", "listen": "y"})",
       R"({"kafka": {"brokers": "b:9092", "settings": {"acks": "all"}}})"}) {
    WriteSeed("config", std::string_view(config));
  }
  for (const char* path : {"000", "x001/234", "x001/x234/067", "000.p/5", "x000/000", "001.p/256", "1", ""}) {
    WriteSeed("tile_path", std::string_view(path));
  }
  for (int n : {0, 1, 40, 200, 2000}) {
    std::string bytes;
    for (int i = 0; i < n; ++i) bytes.push_back(static_cast<char>((i * 37 + n) & 0xff));
    WriteSeed("proof", bytes);
  }
  const std::string tokens[] = {"", "o", "s", "a", "x"};
  const std::vector<std::pair<std::string, std::string>> requests = {{"GET", "/v1/log"},
                                                                     {"GET", "/v1/records/0"},
                                                                     {"GET", "/v1/records/0/inclusion-proof?size=1"},
                                                                     {"GET", "/v1/consistency-proof?old=1&size=1"},
                                                                     {"GET", "/v1/checkpoints/latest"},
                                                                     {"GET", "/checkpoint"},
                                                                     {"GET", "/tile/0/000.p/1"},
                                                                     {"GET", "/tile/entries/000.p/1"},
                                                                     {"GET", "/v1/disclosures?q=%E7%BD%9A&per_page=5"},
                                                                     {"GET", "/v1/registry/officers"},
                                                                     {"GET", "/v1/statistics/2025"},
                                                                     {"GET", "/v1/warnings?today=2026-01-31"},
                                                                     {"GET", "/metrics"},
                                                                     {"GET", "/healthz"},
                                                                     {"GET", "/"},
                                                                     {"POST", "/v1/statements"},
                                                                     {"POST", "/v1/cases/C1/retrievals"},
                                                                     {"POST", "/v1/cases/%E9%9D%92/exports"},
                                                                     {"POST", "/v1/parties/lookup"}};
  for (size_t i = 0; i < requests.size(); ++i) {
    const auto& [method, target] = requests[i];
    const std::string& token = tokens[i % 5];
    std::string body =
        method == "POST" ? (i % 2 ? R"({"submissions": []})" : R"({"id_no": "411502199001011234"})") : "";
    std::string r = method + " " + target + " HTTP/1.1\r\nHost: x\r\n";
    if (!token.empty()) r += "Authorization: Bearer " + token + "\r\n";
    if (!body.empty()) r += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
    WriteSeed("http", r + "\r\n" + body);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: fuzz_make_seeds <corpus folder>\n");
    return 2;
  }
  root = argv[1];
  HandWritten();

  char tmpl[] = "/tmp/lawtrail-seeds-XXXXXX";
  const std::string dir = std::string(mkdtemp(tmpl)) + "/log";
  auto created = Log::Create(dir, std::string(fuzz::kOrigin), {"青山镇人民政府", "11411500MB1234567X"});
  if (!created.ok()) Die("creating the log", created.status());
  const demo::Year year = demo::GenerateYear({std::string(fuzz::kOrigin), created->root, 30, 7, 10});
  auto log = Log::Open(dir);
  if (!log.ok()) Die("opening the log", log.status());
  for (const auto& r : (*log)->Append(year.registry)) {
    if (!r.ok()) Die("appending the registry", r.status());
  }
  std::vector<Bytes> items;
  for (const auto& item : year.items) items.push_back(item.submission);
  (void)(*log)->Append(items);  // the rule breakers are refused, as they should be

  // One of each kind of act: its submission, its statement's JSON, its record.
  JsonCodec codec;
  std::set<fb::Payload> seen;
  auto seed_statement = [&](const Bytes& submission) {
    auto sub = ParseSubmission(submission);
    if (!sub.ok()) return;
    auto parsed = ParseSignedStatement(sub->signed_statement);
    if (!parsed.ok() || !seen.insert(parsed->statement->payload_type()).second) return;
    WriteSeed("submission", submission);
    WriteSeed("submission", sub->signed_statement);
    if (auto json = codec.StatementToJson(parsed->statement_bytes()); json.ok()) WriteSeed("statement_json", *json);
  };
  for (const Bytes& r : year.registry) seed_statement(r);
  for (const Bytes& i : items) seed_statement(i);
  const LogReader& reader = (*log)->reader();
  std::set<fb::Payload> recorded;
  const uint64_t size = (*log)->size();
  Status scanned = reader.ScanRecords(0, size, [&](uint64_t index, ByteView record) {
    auto st = StatementOfRecord(record, index);
    if (st.ok() && recorded.insert(st->statement->payload_type()).second) {
      WriteSeed("record", IndexPrefix(index) + std::string(AsChars(record)));
    }
    return Status::Ok();
  });
  if (!scanned.ok()) Die("reading the records", scanned);

  // Checkpoints: as the log signed them, re-signed by the harnesses' fixed
  // key, the body alone, and the key encodings.
  auto checkpoint = (*log)->CurrentCheckpoint();
  if (!checkpoint.ok()) Die("a checkpoint", checkpoint.status());
  WriteSeed("checkpoint", *checkpoint);
  auto cp = ParseCheckpointNoteUnverified(*checkpoint);
  if (!cp.ok()) Die("parsing the checkpoint", cp.status());
  const note::Signer fixed{std::string(fuzz::kOrigin), fuzz::FixedKey(0)};
  if (auto resigned = note::Sign(cp->Body(), fixed); resigned.ok()) WriteSeed("checkpoint", *resigned);
  WriteSeed("checkpoint", cp->Body());
  WriteSeed("checkpoint", created->verifier_key);
  WriteSeed("checkpoint", note::EncodeSigner(fixed.name, fixed.key));

  // Two court bundles.
  size_t bundles = 0;
  for (const auto& c : year.cases) {
    if (bundles == 2 || c.lawful_events < 4) continue;
    const domain::Act act{std::string(fuzz::kOrigin),
                          c.case_id,
                          year.supervisor->name,
                          &year.supervisor->key,
                          NowMs(),
                          RandomEventId(),
                          {},
                          false,
                          "",
                          std::nullopt};
    auto approved = (*log)->Append({domain::ApproveExport(act, "青山区人民法院", "行政诉讼举证", {"party.name"})});
    if (!approved[0].ok()) continue;
    const court_export::ExportRequest request{c.case_id, &*year.supervisor, std::nullopt, {"party.name"}, "", {},
                                              NowMs()};
    auto exported = court_export::ExportCase(**log, dir, request);
    if (!exported.ok()) Die("exporting " + c.case_id, exported.status());
    WriteSeed("bundle", exported->built.bundle);
    ++bundles;
  }
  std::printf("%zu seeds written under %s\n", written, root.c_str());
  std::filesystem::remove_all(std::filesystem::path(dir).parent_path());
  return 0;
}

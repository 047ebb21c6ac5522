// lawtrail_admission_bench: what the procedure rules cost at admission,
// against the Ed25519 signature check every statement needs anyway.
//
//   lawtrail_admission_bench [--cases N] [--rounds R]
//
// Generates a demo year (tools/town_year.h) in memory, then times on one core:
//   signature  VerifyStatementSignature per statement (libsodium Ed25519)
//   openings   CheckOpenings per statement (SHA-256 per sealed field, masks)
//   canonical  CheckCanonicalSignedStatement (the statement unpacked and
//              packed again, the wrapper rebuilt, both compared)
//   text       CheckStatementText (every string, at any depth, walked by the
//              compiled-in schema and checked as UTF-8 without controls)
//   admission  Admit with the procedure rules, plus folding the case state
//              and the registry, exactly as the sequencer and verifier do
// and prints a Markdown table with each per-statement cost and its ratio to
// the signature check. No RocksDB: the question is the CPU cost of the rules.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <unordered_map>

#include "ledger/core/canonical.h"
#include "ledger/core/statement.h"
#include "ledger/core/statement_text.h"
#include "ledger/domain/sealed_fields.h"
#include "ledger/log/log.h"
#include "ledger/replay/admission.h"
#include "tools/town_year.h"

namespace lawtrail::bench {
namespace {

using Clock = std::chrono::steady_clock;
constexpr const char* kOrigin = "bench.lawtrail.local/enforcement";

struct Parsed {
  std::vector<ParsedStatement> statements;
};

double NsPer(Clock::duration d, size_t n) {
  return std::chrono::duration<double, std::nano>(d).count() / static_cast<double>(n);
}

// The genesis the registry needs first.
Result<ParsedStatement> Genesis(const note::Signer& root) {
  StatementHeader h;
  h.event_id = RandomEventId();
  h.origin = kOrigin;
  h.case_id = "@registry";
  h.certificate_no = "root";
  h.key = root.key.public_key();
  h.occurred_at_ms = 1735689600000;  // 2025-01-01
  flatbuffers::FlatBufferBuilder b;
  const std::vector<uint8_t> key(h.key.begin(), h.key.end());
  auto g = fb::CreateAgencyGenesisDirect(b, "青山镇人民政府", "11411500MB1234567X", kOrigin, &key);
  return ParseSignedStatement(SignStatement(FinishStatement(b, h, fb::Payload::AgencyGenesis, g.Union()), root.key));
}

// Admits every statement in order as the sequencer would, folding the
// registry and the case states; returns how many were refused.
size_t AdmitAll(const std::vector<ParsedStatement>& all) {
  size_t refused = 0;
  const size_t n = all.size();
  Registry registry;
  std::unordered_map<std::string, domain::CaseProcedureState> states;
  std::unordered_map<std::string, CaseHead> heads;
  const int64_t recorded = NowMs();
  for (size_t i = 0; i < n; ++i) {
    const fb::Statement& st = *all[i].statement;
    const std::string case_id = st.case_id()->str();
    CaseHead& head = heads[case_id];
    domain::CaseProcedureState* state = domain::IsCaseEvent(st.payload_type()) ? &states[case_id] : nullptr;
    auto flags = Admit(registry, all[i], {kOrigin, i, recorded, head, state});
    if (!flags.ok()) {
      if (++refused < 3) std::fprintf(stderr, "refused %zu: %s\n", i, flags.status().ToString().c_str());
      continue;
    }
    if (state != nullptr) domain::FoldCaseEvent(*state, st, recorded, registry.tables());
    if (IsRegistryEvent(st.payload_type())) registry.Apply(st, i);
    ++head.version;
  }
  return refused;
}

int Run(uint64_t cases, int rounds) {
  const note::Signer root{std::string(kOrigin) + "/root", KeyPair::Generate()};
  const demo::Year year = demo::GenerateYear({kOrigin, root, cases, 7, 0});
  std::vector<ParsedStatement> all;
  std::vector<std::vector<Opening>> openings;
  auto genesis = Genesis(root);
  if (!genesis.ok()) {
    std::fprintf(stderr, "genesis: %s\n", genesis.status().ToString().c_str());
    return 1;
  }
  all.push_back(std::move(*genesis));
  openings.emplace_back();
  auto add = [&](const Bytes& bytes) {
    if (bytes.empty()) std::abort();
    auto sub = ParseSubmission(bytes);
    if (!sub.ok()) {
      std::fprintf(stderr, "submission: %s\n", sub.status().ToString().c_str());
      std::exit(1);
    }
    auto parsed = ParseSignedStatement(std::move(sub->signed_statement));
    if (!parsed.ok()) {
      std::fprintf(stderr, "parse: %s\n", parsed.status().ToString().c_str());
      std::exit(1);
    }
    all.push_back(std::move(*parsed));
    openings.push_back(std::move(sub->openings));
  };
  for (const Bytes& b : year.registry) add(b);
  size_t case_acts = 0;
  for (const auto& item : year.items) {
    if (!item.expected_rule.empty()) continue;
    add(item.submission);
    ++case_acts;
  }
  const size_t n = all.size();

  Clock::duration sig{}, open{}, admit{}, canonical{}, text{};
  size_t refused = 0;
  for (int round = 0; round < rounds; ++round) {
    auto t0 = Clock::now();
    for (const auto& s : all) {
      if (!VerifyStatementSignature(s).ok()) std::abort();
    }
    auto t1 = Clock::now();
    for (size_t i = 0; i < n; ++i) {
      if (!domain::CheckOpenings(*all[i].statement, openings[i]).ok()) std::abort();
    }
    auto t2 = Clock::now();
    refused += AdmitAll(all);
    auto t3 = Clock::now();
    for (const auto& st : all) {
      if (!CheckCanonicalSignedStatement(st).ok()) std::abort();
    }
    auto t4 = Clock::now();
    for (const auto& st : all) {
      if (!CheckStatementText(*st.statement).ok()) std::abort();
    }
    text += Clock::now() - t4;
    canonical += t4 - t3;
    sig += t1 - t0;
    open += t2 - t1;
    admit += t3 - t2;
  }
  const double sig_ns = NsPer(sig, n * rounds), open_ns = NsPer(open, n * rounds), admit_ns = NsPer(admit, n * rounds);
  const double canonical_ns = NsPer(canonical, n * rounds), text_ns = NsPer(text, n * rounds);
  std::printf("## Admission cost per statement (one core, %zu statements: %zu case acts of %llu cases, %d rounds)\n\n",
              n, case_acts, static_cast<unsigned long long>(cases), rounds);
  std::printf("| step | ns per statement | vs Ed25519 verify |\n|---|---:|---:|\n");
  std::printf("| Ed25519 signature check | %.0f | 100%% |\n", sig_ns);
  std::printf("| procedure rules + state fold (Admit) | %.0f | %.1f%% |\n", admit_ns, 100.0 * admit_ns / sig_ns);
  std::printf("| sealed-field openings (SHA-256, masks, ID check) | %.0f | %.1f%% |\n", open_ns,
              100.0 * open_ns / sig_ns);
  std::printf("| one accepted encoding (unpack, pack, compare) | %.0f | %.1f%% |\n", canonical_ns,
              100.0 * canonical_ns / sig_ns);
  std::printf("| every string is text (schema walk, UTF-8, no controls) | %.0f | %.1f%% |\n", text_ns,
              100.0 * text_ns / sig_ns);
  std::printf("\nrefused while replaying: %zu (expected 0)\n", refused);
  return refused == 0 ? 0 : 1;
}

}  // namespace
}  // namespace lawtrail::bench

int main(int argc, char** argv) {
  uint64_t cases = 2000;
  int rounds = 3;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--cases") == 0) cases = std::strtoull(argv[i + 1], nullptr, 10);
    if (std::strcmp(argv[i], "--rounds") == 0) rounds = std::atoi(argv[i + 1]);
  }
  return lawtrail::bench::Run(cases, rounds);
}

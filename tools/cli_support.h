// File: tools/cli_support.h
// -----------------------------------------------------------------------------
// What every `lawtrail` command shares: error reporting (stderr, non-zero
// exit), terminal-only progress, and read-only access to a log that another
// process may be writing.
#ifndef LAWTRAIL_TOOLS_CLI_SUPPORT_H_
#define LAWTRAIL_TOOLS_CLI_SUPPORT_H_

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "api/metrics.h"
#include "api/server_config.h"
#include "ledger/client/statement_builder.h"
#include "ledger/core/policy.h"
#include "ledger/evidence/evidence_store.h"
#include "ledger/log/log_reader.h"
#include "ledger/log/store.h"

namespace lawtrail::cli {

// Exit codes: 0 success, 1 the operation found a problem (bad input,
// verification failure), 2 usage errors (CLI11), 3 the log could not be used.
inline constexpr int kExitProblem = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitUnusable = 3;

// Prints "lawtrail <command>: <status>" to stderr; returns the exit code.
int Report(std::string_view command, const Status& status);

// A log opened read-only: consistent as of opening, usable while a writer runs.
struct ReadOnlyLog {
  std::unique_ptr<Store> store;
  std::unique_ptr<LogReader> reader;
};
Result<ReadOnlyLog> OpenReadOnly(const std::string& dir);

// Builds a registry event from a root-signed header, signs it with the root
// key (`root_key_file`, default DIR/root.key) and appends it to the log in
// `dir`: its index once durable, or why not.
Result<uint64_t> AppendRootSigned(const std::string& dir, const std::string& root_key_file,
                                  const std::function<Result<Bytes>(const StatementHeader&)>& build);

// The --data DIR option every command that touches a log takes.
CLI::Option* AddDataOption(CLI::App* command, std::string& dir);

// Progress on stderr, only when stderr is a terminal; at most ~5 updates/s.
class Progress {
 public:
  explicit Progress(std::string what);
  ~Progress();
  void Update(uint64_t done, uint64_t total = 0);

 private:
  std::string what_;
  bool enabled_;
  bool printed_ = false;
  std::chrono::steady_clock::time_point last_;
};

// SIGTERM and SIGINT set a flag instead of ending the process, so that a
// long-running command finishes the step under way (flush, commit) and exits.
void CatchStopSignals();
bool StopRequested();

// Replaces `path` with Prometheus text-format metrics in one rename, so that
// a scraper (node_exporter's textfile collector) never reads half a file.
Status WriteMetricsFile(const std::string& path, std::string_view text);
using ::lawtrail::api::PrometheusGauge;
// The relay's cursor and lag (the relay command's metrics file and serve's /metrics).
std::string RelayMetricsText(const std::string& origin, uint64_t cursor, uint64_t lag);

// `serve` and `demo --serve`.
// A C2SP tlog-policy file, parsed; errors name the file and the line.
Result<policy::Policy> LoadPolicy(const std::string& path);

struct ServeOptions {
  std::string dir, listen, config, brokers, topic_prefix, port_file;
  std::string witness_policy;     // a tlog-policy file: witnesses cosign before a checkpoint is published
  double witness_fail_open = -1;  // seconds after which a checkpoint is published without quorum; < 0: never
  double witness_timeout = 5;     // seconds for one add-checkpoint request
  double export_wait = 30;        // seconds an export waits for a cosigned checkpoint covering it
  std::string tsa_url;            // an RFC 3161 time-stamping authority for published checkpoints
};
void AddServeOptions(CLI::App* command, ServeOptions& o);
// The evidence store of the log in `dir` as the config describes it (its
// folder defaults to DIR/evidence).
evidence::StoreOptions EvidenceStoreOptions(const std::string& dir, const api::ServeConfig::Evidence& config);
int RunServe(const ServeOptions& o);

// --kafka KEY=VALUE, repeatable: librdkafka properties passed through to the
// client (security.protocol, sasl.*, ssl.*, timeouts).
CLI::Option* AddKafkaSettingsOption(CLI::App* command, std::vector<std::string>& settings);
Result<std::map<std::string, std::string>> ParseKafkaSettings(const std::vector<std::string>& settings);

// Every command registers itself on the app; `exit_code` receives its result.
void AddKeyCommands(CLI::App& app, int& exit_code);       // init, vkey, keygen
void AddRegisterCommand(CLI::App& app, int& exit_code);   // register …
void AddTablesCommands(CLI::App& app, int& exit_code);    // tables show, tables adopt
void AddDrawCommands(CLI::App& app, int& exit_code);      // draw verify
void AddWitnessCommands(CLI::App& app, int& exit_code);   // witness init
void AddAppendCommands(CLI::App& app, int& exit_code);    // append, sign
void AddDemoCommand(CLI::App& app, int& exit_code);       // demo
void AddReadCommands(CLI::App& app, int& exit_code);      // get, history, leaf-hash, checkpoint, prove
void AddVerifyCommand(CLI::App& app, int& exit_code);     // verify
void AddDomainCommands(CLI::App& app, int& exit_code);    // rules, party
void AddProjectCommands(CLI::App& app, int& exit_code);   // project, certificate
void AddRelayCommands(CLI::App& app, int& exit_code);     // relay, topics
void AddFollowCommand(CLI::App& app, int& exit_code);     // follow, promote
void AddExportCommands(CLI::App& app, int& exit_code);    // export, verify-export
void AddServeCommands(CLI::App& app, int& exit_code);     // serve, token
void AddEvidenceCommands(CLI::App& app, int& exit_code);  // evidence put, get, verify, scrub, missing

}  // namespace lawtrail::cli

#endif  // LAWTRAIL_TOOLS_CLI_SUPPORT_H_

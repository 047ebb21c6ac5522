#include "tools/cli_support.h"

#include <csignal>
#include <cstdio>
#include <filesystem>

#include <unistd.h>

#include "ledger/client/registry_statements.h"
#include "ledger/log/data_dir.h"
#include "ledger/log/files.h"
#include "ledger/log/log.h"

namespace lawtrail::cli {
namespace {

volatile std::sig_atomic_t stop_requested = 0;
void RequestStop(int) { stop_requested = 1; }

}  // namespace

void CatchStopSignals() {
  std::signal(SIGTERM, RequestStop);
  std::signal(SIGINT, RequestStop);
}

bool StopRequested() { return stop_requested != 0; }

CLI::Option* AddKafkaSettingsOption(CLI::App* command, std::vector<std::string>& settings) {
  return command->add_option("--kafka", settings,
                             "A librdkafka property as KEY=VALUE (repeatable), e.g. security.protocol=SSL");
}

Result<std::map<std::string, std::string>> ParseKafkaSettings(const std::vector<std::string>& settings) {
  std::map<std::string, std::string> out;
  for (const std::string& s : settings) {
    const size_t eq = s.find('=');
    if (eq == std::string::npos || eq == 0) {
      return Status::InvalidArgument("--kafka '" + s + "' is not KEY=VALUE");
    }
    out[s.substr(0, eq)] = s.substr(eq + 1);
  }
  return out;
}

Status WriteMetricsFile(const std::string& path, std::string_view text) {
  const std::string staging = path + ".tmp";
  LAWTRAIL_RETURN_IF_ERROR(WriteFileDurably(staging, text, 0644, false));
  std::error_code ec;
  std::filesystem::rename(staging, path, ec);
  if (ec) return Status::IOError("replacing " + path + ": " + ec.message());
  return Status::Ok();
}

int Report(std::string_view command, const Status& status) {
  std::fprintf(stderr, "lawtrail %.*s: %s\n", static_cast<int>(command.size()), command.data(),
               status.ToString().c_str());
  switch (status.code()) {
    case StatusCode::kIOError:
    case StatusCode::kUnavailable:
    case StatusCode::kInternal: return kExitUnusable;
    default: return kExitProblem;
  }
}

Result<ReadOnlyLog> OpenReadOnly(const std::string& dir) {
  if (!data_dir::HoldsLog(dir)) {
    return Status::NotFound(dir + " holds no log (run `lawtrail init` first)");
  }
  ReadOnlyLog log;
  LAWTRAIL_ASSIGN_OR_RETURN(log.store, Store::Open(data_dir::DbPath(dir), OpenMode::kReadOnly));
  log.reader = std::make_unique<LogReader>(*log.store);
  return log;
}

Result<uint64_t> AppendRootSigned(const std::string& dir, const std::string& root_key_file,
                                  const std::function<Result<Bytes>(const StatementHeader&)>& build) {
  LAWTRAIL_ASSIGN_OR_RETURN(auto root,
                            data_dir::LoadSigner(root_key_file.empty() ? data_dir::RootKeyPath(dir) : root_key_file));
  LAWTRAIL_ASSIGN_OR_RETURN(auto log, Log::Open(dir));
  LAWTRAIL_ASSIGN_OR_RETURN(const std::string origin, log->reader().Origin());
  LAWTRAIL_ASSIGN_OR_RETURN(const Bytes statement, build(RegistryHeader(origin, root.key.public_key())));
  auto results = log->Append({SignStatement(statement, root.key)});
  if (!results[0].ok()) return results[0].status();
  return results[0]->index;
}

CLI::Option* AddDataOption(CLI::App* command, std::string& dir) {
  return command->add_option("--data", dir, "Data folder of the log")->required();
}

Progress::Progress(std::string what) : what_(std::move(what)), enabled_(isatty(STDERR_FILENO) == 1) {}

Progress::~Progress() {
  if (printed_) std::fputc('\n', stderr);
}

void Progress::Update(uint64_t done, uint64_t total) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (printed_ && now - last_ < std::chrono::milliseconds(200) && done != total) return;
  last_ = now;
  printed_ = true;
  if (total > 0) {
    std::fprintf(stderr, "\r%s: %llu / %llu (%.0f%%)", what_.c_str(), static_cast<unsigned long long>(done),
                 static_cast<unsigned long long>(total),
                 100.0 * static_cast<double>(done) / static_cast<double>(total));
  } else {
    std::fprintf(stderr, "\r%s: %llu", what_.c_str(), static_cast<unsigned long long>(done));
  }
  std::fflush(stderr);
}

Result<policy::Policy> LoadPolicy(const std::string& path) {
  LAWTRAIL_ASSIGN_OR_RETURN(const std::string text, ReadFile(path));
  auto parsed = policy::Parse(text);
  if (!parsed.ok()) return parsed.status().WithContext(path);
  return parsed;
}

}  // namespace lawtrail::cli

// lawtrail append | sign
#include <cctype>
#include <cstdio>
#include <deque>
#include <fstream>
#include <iostream>
#include <iterator>

#include <nlohmann/json.hpp>

#include "ledger/client/json_codec.h"
#include "ledger/client/statement_builder.h"
#include "ledger/client/statement_stream.h"
#include "ledger/client/strict_json.h"
#include "ledger/log/data_dir.h"
#include "ledger/log/log.h"
#include "tools/cli_support.h"

namespace lawtrail::cli {
namespace {

constexpr size_t kChunk = 1024;
constexpr size_t kInFlight = 4;  // chunks verified and sequenced while the next is read

struct Submitted {
  std::future<std::vector<AppendResult>> results;
  std::vector<uint64_t> offsets;  // byte offset of each statement in the input
  uint64_t first_ordinal = 0;
};

class Appender {
 public:
  explicit Appender(Log& log) : log_(log) {}

  void Submit(std::vector<Bytes> chunk, std::vector<uint64_t> offsets, uint64_t first_ordinal) {
    inflight_.push_back({log_.AppendAsync(std::move(chunk)), std::move(offsets), first_ordinal});
    while (inflight_.size() >= kInFlight) DrainOne();
  }
  void DrainAll() {
    while (!inflight_.empty()) DrainOne();
  }
  uint64_t failures() const { return failures_; }
  uint64_t done() const { return done_; }

 private:
  // Prints each result of the oldest chunk: by now the batch holding it is durable.
  void DrainOne() {
    Submitted s = std::move(inflight_.front());
    inflight_.pop_front();
    const auto results = s.results.get();
    for (size_t i = 0; i < results.size(); ++i) {
      if (results[i].ok()) {
        std::printf("%llu %s\n", static_cast<unsigned long long>(results[i]->index),
                    EventIdHex(results[i]->event_id).c_str());
        for (const auto& flag : results[i]->flags) {
          std::fprintf(stderr, "lawtrail append: record %llu accepted with flag [%s]: %s\n",
                       static_cast<unsigned long long>(results[i]->index), flag.rule_id.c_str(), flag.message.c_str());
        }
      } else {
        ++failures_;
        std::fprintf(stderr, "lawtrail append: statement %llu (byte %llu): %s\n",
                     static_cast<unsigned long long>(s.first_ordinal + i),
                     static_cast<unsigned long long>(s.offsets[i]), results[i].status().ToString().c_str());
      }
    }
    done_ += results.size();
    std::fflush(stdout);
  }

  Log& log_;
  std::deque<Submitted> inflight_;
  uint64_t failures_ = 0;
  uint64_t done_ = 0;
};

int RunAppend(const std::string& dir, const std::string& file) {
  std::FILE* in = file.empty() || file == "-" ? stdin : std::fopen(file.c_str(), "rb");
  if (in == nullptr) return Report("append", Status::NotFound("cannot open " + file));
  auto log = Log::Open(dir);
  if (!log.ok()) return Report("append", log.status());
  StatementStreamReader reader(in);
  Appender appender(**log);
  Progress progress("appended");
  std::vector<Bytes> chunk;
  std::vector<uint64_t> offsets;
  uint64_t ordinal = 0, chunk_first = 0;
  bool stream_failed = false;
  for (;;) {
    const uint64_t offset = reader.offset();
    auto next = reader.Next();
    if (!next.ok()) {
      ++ordinal;
      stream_failed = true;
      std::fprintf(stderr, "lawtrail append: statement %llu: %s\n", static_cast<unsigned long long>(ordinal - 1),
                   next.status().ToString().c_str());
      if (next.status().message().find("truncated") != std::string::npos ||
          next.status().message().find("ends inside") != std::string::npos) {
        break;
      }
      continue;
    }
    if (!next->has_value()) break;
    if (chunk.empty()) chunk_first = ordinal;
    chunk.push_back(std::move(**next));
    offsets.push_back(offset);
    ++ordinal;
    if (chunk.size() == kChunk) {
      appender.Submit(std::move(chunk), std::move(offsets), chunk_first);
      chunk.clear();
      offsets.clear();
      progress.Update(appender.done());
    }
  }
  if (!chunk.empty()) appender.Submit(std::move(chunk), std::move(offsets), chunk_first);
  appender.DrainAll();
  progress.Update(appender.done());
  if (in != stdin) std::fclose(in);
  return appender.failures() > 0 || stream_failed ? kExitProblem : 0;
}

struct SignOptions {
  std::string key_file, origin, file;
};

// Fills what a client need not write by hand: event id, time, actor.
Status FillDefaults(nlohmann::json& j, const note::Signer& signer, const std::string& origin) {
  if (!j.is_object()) return Status::InvalidArgument("a statement must be a JSON object");
  if (!j.contains("event_id")) j["event_id"] = EventIdHex(RandomEventId());
  if (!j.contains("origin")) {
    if (origin.empty()) return Status::InvalidArgument("statement has no origin; pass --origin");
    j["origin"] = origin;
  }
  if (!j.contains("occurred_at_ms")) j["occurred_at_ms"] = NowMs();
  auto& actor = j["actor"];
  if (!actor.is_object()) actor = nlohmann::json::object();
  if (!actor.contains("certificate_no")) actor["certificate_no"] = signer.name;
  const std::string key_hex = ToHex(signer.key.public_key());
  if (!actor.contains("key_id")) actor["key_id"] = key_hex;
  if (actor["key_id"] != key_hex) {
    return Status::InvalidArgument("actor.key_id is not the public key of " + signer.name);
  }
  return Status::Ok();
}

int RunSign(const SignOptions& o) {
  auto signer = data_dir::LoadSigner(o.key_file);
  if (!signer.ok()) return Report("sign", signer.status());
  std::ifstream file_in;
  if (!o.file.empty() && o.file != "-") {
    file_in.open(o.file, std::ios::binary);
    if (!file_in) return Report("sign", Status::NotFound("cannot open " + o.file));
  }
  std::istream& in = o.file.empty() || o.file == "-" ? std::cin : file_in;
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  JsonCodec codec;
  uint64_t failures = 0;
  size_t pos = 0;
  for (uint64_t ordinal = 0;; ++ordinal) {
    while (pos < text.size() && std::isspace(static_cast<unsigned char>(text[pos]))) ++pos;
    if (pos == text.size()) break;
    // Each value is checked strictly first: a member given twice would
    // otherwise silently sign the second value.
    auto end = ScanJsonValue(std::string_view(text).substr(pos), JsonLimits{});
    Status s = end.ok() ? Status::Ok() : end.status();
    nlohmann::json j;
    if (s.ok()) {
      j = nlohmann::json::parse(text.substr(pos, *end), nullptr, false);
      pos += *end;
      s = FillDefaults(j, *signer, o.origin);
    }
    if (s.ok()) {
      auto statement = codec.StatementFromJson(j.dump());
      if (statement.ok()) {
        s = WriteFramedStatement(stdout, SignStatement(*statement, signer->key));
      } else {
        s = statement.status();
      }
    }
    if (!s.ok()) {
      ++failures;
      std::fprintf(stderr, "lawtrail sign: statement %llu: %s\n", static_cast<unsigned long long>(ordinal),
                   s.ToString().c_str());
      if (!end.ok()) break;  // cannot find the next value after bad JSON
    }
  }
  std::fflush(stdout);
  return failures > 0 ? kExitProblem : 0;
}

}  // namespace

void AddAppendCommands(CLI::App& app, int& exit_code) {
  auto dir = std::make_shared<std::string>();
  auto file = std::make_shared<std::string>();
  CLI::App* append =
      app.add_subcommand("append",
                         "Append signed statements (from FILE or stdin, as `sign` and `demo --emit` write\n"
                         "them). For each, only once it is durable, prints `<index> <event id hex>`.\n"
                         "Refused statements are reported on stderr; the rest are still appended.");
  AddDataOption(append, *dir);
  append->add_option("FILE", *file, "Input file (default stdin)");
  append->callback([dir, file, &exit_code] { exit_code = RunAppend(*dir, *file); });

  auto o = std::make_shared<SignOptions>();
  CLI::App* sign =
      app.add_subcommand("sign",
                         "Turn statements written as JSON (the FlatBuffers JSON of schemas/statement.fbs,\n"
                         "byte fields in hex) into signed statements on stdout, in the format `append`\n"
                         "reads. Fills in event_id, occurred_at_ms and actor when absent.");
  sign->add_option("--key", o->key_file, "The signer's key file (from keygen)")->required();
  sign->add_option("--origin", o->origin, "The log's origin, for statements that give none");
  sign->add_option("FILE", o->file, "JSON input (default stdin); one or more JSON objects");
  sign->callback([o, &exit_code] { exit_code = RunSign(*o); });
}

}  // namespace lawtrail::cli

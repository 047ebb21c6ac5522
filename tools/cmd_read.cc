// lawtrail get | history | leaf-hash | checkpoint | prove inclusion | prove consistency
// All of them only read, from a read-only view that works while a writer runs
// (checkpoint writes one only when no writer holds the log).
#include <cstdio>
#include <filesystem>

#include "ledger/client/json_codec.h"
#include "ledger/core/checkpoint.h"
#include "ledger/core/merkle.h"
#include "ledger/log/data_dir.h"
#include "ledger/log/log.h"
#include "tools/cli_support.h"

namespace lawtrail::cli {
namespace {

int RunGet(const std::string& dir, uint64_t index) {
  auto log = OpenReadOnly(dir);
  if (!log.ok()) return Report("get", log.status());
  auto record = log->reader->RecordBytes(index);
  if (!record.ok()) return Report("get", record.status());
  JsonCodec codec;
  auto json = codec.RecordToJson(*record);
  if (!json.ok()) return Report("get", json.status().WithContext("index " + std::to_string(index)));
  std::printf("%s\n", json->c_str());
  return 0;
}

int RunHistory(const std::string& dir, const std::string& case_id) {
  auto log = OpenReadOnly(dir);
  if (!log.ok()) return Report("history", log.status());
  JsonCodec codec;
  uint64_t count = 0;
  Status s = log->reader->ForEachCaseRecord(case_id, [&](uint64_t index, const Bytes& record) {
    auto json = codec.RecordToJson(record);
    if (!json.ok()) return json.status().WithContext("index " + std::to_string(index));
    std::printf("%s\n", json->c_str());
    ++count;
    return Status::Ok();
  });
  if (!s.ok()) return Report("history", s);
  if (count == 0) return Report("history", Status::NotFound("no records for case '" + case_id + "'"));
  return 0;
}

int RunLeafHash(const std::string& dir, uint64_t index) {
  auto log = OpenReadOnly(dir);
  if (!log.ok()) return Report("leaf-hash", log.status());
  auto record = log->reader->RecordBytes(index);
  if (!record.ok()) return Report("leaf-hash", record.status());
  auto stored = log->reader->LeafHashAt(index);
  if (!stored.ok()) return Report("leaf-hash", stored.status());
  // Never hand out a stored hash that the record bytes do not back.
  if (*stored != merkle::LeafHash(*record)) {
    return Report("leaf-hash",
                  Status::Corruption("index " + std::to_string(index) + ": stored leaf hash differs from the record"));
  }
  std::printf("%s\n", ToBase64(*stored).c_str());
  return 0;
}

int RunCheckpoint(const std::string& dir) {
  // A mirror holds no log key: it serves the primary's checkpoints as they are.
  std::error_code ec;
  if (std::filesystem::exists(data_dir::LogKeyPath(dir), ec)) {
    auto log = Log::Open(dir);
    if (log.ok()) {
      auto note = (*log)->CurrentCheckpoint();
      if (!note.ok()) return Report("checkpoint", note.status());
      // When witnesses gate publication, the published checkpoint is the one
      // with their cosignatures, not the one just signed.
      auto published = (*log)->reader().PublishedCheckpoint();
      if (!published.ok()) return Report("checkpoint", published.status());
      std::fputs((*published ? **published : *note).c_str(), stdout);
      return 0;
    }
    if (log.status().code() != StatusCode::kUnavailable) return Report("checkpoint", log.status());
  }
  // Another process is writing (it makes checkpoints on its own timer), or a mirror.
  auto ro = OpenReadOnly(dir);
  if (!ro.ok()) return Report("checkpoint", ro.status());
  auto note = ro->reader->PublishedCheckpoint();
  if (!note.ok()) return Report("checkpoint", note.status());
  if (!*note) return Report("checkpoint", Status::NotFound("the log has no checkpoint yet"));
  std::fputs((*note)->c_str(), stdout);
  return 0;
}

// N defaults to the size of the latest checkpoint, the tree people can check.
Result<uint64_t> DefaultSize(const LogReader& reader) {
  LAWTRAIL_ASSIGN_OR_RETURN(auto note, reader.PublishedCheckpoint());
  if (!note) return Status::NotFound("the log has no checkpoint yet; pass --size");
  LAWTRAIL_ASSIGN_OR_RETURN(Checkpoint cp, ParseCheckpointNoteUnverified(*note));
  return cp.size;
}

struct ProveOptions {
  std::string dir;
  uint64_t index = 0, old_size = 0, size = 0;
};

int RunProve(const std::string& kind, const ProveOptions& o) {
  const std::string command = "prove " + kind;
  auto log = OpenReadOnly(o.dir);
  if (!log.ok()) return Report(command, log.status());
  uint64_t size = o.size;
  if (size == 0) {
    auto d = DefaultSize(*log->reader);
    if (!d.ok()) return Report(command, d.status());
    size = *d;
  }
  auto proof = kind == "inclusion" ? log->reader->InclusionProof(o.index, size)
                                   : log->reader->ConsistencyProof(o.old_size, size);
  if (!proof.ok()) return Report(command, proof.status());
  for (const Hash& h : *proof) std::printf("%s\n", ToBase64(h).c_str());
  return 0;
}

}  // namespace

void AddReadCommands(CLI::App& app, int& exit_code) {
  auto dir = std::make_shared<std::string>();
  auto index = std::make_shared<uint64_t>(0);
  auto case_id = std::make_shared<std::string>();

  CLI::App* get = app.add_subcommand("get", "Print one record as JSON (the schema's field names).");
  AddDataOption(get, *dir);
  get->add_option("--index", *index, "Record index")->required();
  get->callback([dir, index, &exit_code] { exit_code = RunGet(*dir, *index); });

  CLI::App* history =
      app.add_subcommand("history", "Print a case's records as JSON lines, in order: its whole history.");
  AddDataOption(history, *dir);
  history->add_option("--case", *case_id, "Case id")->required();
  history->callback([dir, case_id, &exit_code] { exit_code = RunHistory(*dir, *case_id); });

  CLI::App* leaf = app.add_subcommand("leaf-hash", "Print a record's RFC 6962 leaf hash, base64.");
  AddDataOption(leaf, *dir);
  leaf->add_option("--index", *index, "Record index")->required();
  leaf->callback([dir, index, &exit_code] { exit_code = RunLeafHash(*dir, *index); });

  CLI::App* checkpoint =
      app.add_subcommand("checkpoint",
                         "Print the latest signed checkpoint exactly as signed; make one first if none\n"
                         "covers the current tree (when no other process is writing the log).");
  AddDataOption(checkpoint, *dir);
  checkpoint->callback([dir, &exit_code] { exit_code = RunCheckpoint(*dir); });

  auto o = std::make_shared<ProveOptions>();
  CLI::App* prove = app.add_subcommand("prove", "RFC 9162 proofs, one base64 hash per line.");
  prove->require_subcommand(1);
  CLI::App* inclusion =
      prove->add_subcommand("inclusion", "Inclusion proof of record INDEX in the tree of SIZE records.");
  AddDataOption(inclusion, o->dir);
  inclusion->add_option("--index", o->index, "Record index")->required();
  inclusion->add_option("--size", o->size, "Tree size (default: the latest checkpoint's)");
  inclusion->callback([o, &exit_code] { exit_code = RunProve("inclusion", *o); });
  CLI::App* consistency =
      prove->add_subcommand("consistency", "Consistency proof from the tree of OLD records to the tree of SIZE.");
  AddDataOption(consistency, o->dir);
  consistency->add_option("--old", o->old_size, "The earlier tree size")->required();
  consistency->add_option("--size", o->size, "Tree size (default: the latest checkpoint's)");
  consistency->callback([o, &exit_code] { exit_code = RunProve("consistency", *o); });
}

}  // namespace lawtrail::cli

// lawtrail follow
#include <cstdio>
#include <filesystem>
#include <optional>

#include "ledger/log/data_dir.h"
#include "ledger/log/files.h"
#include "ledger/stream/follower.h"
#include "projectors/all.h"
#include "projectors/runner.h"
#include "tools/cli_support.h"

namespace lawtrail::cli {
namespace {

struct FollowCommandOptions {
  std::string dir, brokers, origin, vkey, prefix = "lawtrail", group, metrics, policy;
  std::vector<std::string> kafka_settings;
  bool once = false, project = false;
  int poll_ms = 500;
  size_t max_batch = kafka::FollowerOptions{}.max_batch;
};

// --vkey is the key itself or a file holding it.
Result<note::Verifier> LoadKey(const std::string& vkey) {
  std::error_code ec;
  if (std::filesystem::is_regular_file(vkey, ec)) return data_dir::LoadVerifierFile(vkey);
  return note::ParseVerifier(vkey);
}

std::string FollowerMetrics(const std::string& origin, const kafka::FollowerLag& lag, bool stopped) {
  const std::string labels = "{origin=\"" + origin + "\"}";
  std::string text;
  auto gauge = [&](const char* name, const char* help, long long value) {
    text += PrometheusGauge(name, help, labels, value);
  };
  gauge("lawtrail_follower_records", "Records verified and mirrored.", static_cast<long long>(lag.mirrored));
  gauge("lawtrail_follower_verified_checkpoint_size", "The largest checkpoint checked against the mirror.",
        static_cast<long long>(lag.verified_checkpoint));
  gauge("lawtrail_follower_lag_records", "Records a received checkpoint covers that are not mirrored yet.",
        static_cast<long long>(lag.newest_checkpoint > lag.mirrored ? lag.newest_checkpoint - lag.mirrored : 0));
  gauge("lawtrail_follower_lag_messages", "Messages in the topics not yet taken (-1 before assignment).",
        lag.messages_behind);
  gauge("lawtrail_follower_duplicates", "Repeated records dropped since the follower started.",
        static_cast<long long>(lag.duplicates));
  gauge("lawtrail_follower_stopped", "1 when the follower stopped at a problem (see its evidence).", stopped ? 1 : 0);
  return text;
}

int Stopped(const FollowCommandOptions& o, const kafka::Follower& follower, const Replica& replica) {
  const ReplicaProblem& problem = *follower.problem();
  auto saved = SaveEvidence(o.dir + "/evidence", problem, "source: " + follower.problem_source());
  std::fprintf(stderr, "lawtrail follow: STOPPED at %s %llu: %s\n",
               problem.kind == ReplicaProblem::Kind::kRefusedCheckpoint ? "checkpoint of size" : "index",
               static_cast<unsigned long long>(problem.index), problem.reason.message().c_str());
  if (!follower.problem_source().empty()) std::fprintf(stderr, "  from %s\n", follower.problem_source().c_str());
  if (saved.ok()) {
    std::fprintf(stderr, "  evidence: %s\n", saved->c_str());
  } else {
    std::fprintf(stderr, "  evidence could not be saved: %s\n", saved.status().ToString().c_str());
  }
  std::fprintf(stderr, "  the mirror keeps the %llu records verified before it\n",
               static_cast<unsigned long long>(replica.size()));
  return kExitProblem;
}

int RunFollow(const FollowCommandOptions& o) {
  auto key = LoadKey(o.vkey);
  if (!key.ok()) return Report("follow", key.status().WithContext("--vkey"));
  if (key->name != o.origin) {
    return Report("follow", Status::InvalidArgument("--origin '" + o.origin + "' is not the name of the key ('" +
                                                    key->name + "'): a log's key is named by its origin"));
  }
  ReplicaOptions replica_options;
  if (!o.policy.empty()) {
    auto policy = LoadPolicy(o.policy);
    if (!policy.ok()) return Report("follow", policy.status());
    replica_options.policy = std::move(*policy);
  }
  auto replica = Replica::Open(o.dir, *key, std::move(replica_options));
  if (!replica.ok()) return Report("follow", replica.status());
  kafka::FollowerOptions options;
  options.bootstraps = o.brokers;
  options.topics = kafka::Topics::WithPrefix(o.prefix);
  options.group = o.group;
  options.max_batch = o.max_batch;
  auto extra = ParseKafkaSettings(o.kafka_settings);
  if (!extra.ok()) return Report("follow", extra.status());
  options.extra = std::move(*extra);
  auto follower = kafka::Follower::Open(**replica, options);
  if (!follower.ok()) return Report("follow", follower.status());

  std::unique_ptr<projectors::ViewStore> views;
  std::optional<projectors::ProjectionRunner> runner;
  if (o.project) {
    auto opened = projectors::ViewStore::Open(projectors::ViewsPath(o.dir));
    if (!opened.ok()) return Report("follow", opened.status());
    views = std::move(*opened);
    runner.emplace((*replica)->reader(), *views, projectors::AllProjectors());
  }
  CatchStopSignals();
  auto write_metrics = [&](bool stopped) -> Status {
    if (o.metrics.empty()) return Status::Ok();
    return WriteMetricsFile(o.metrics, FollowerMetrics(o.origin, (*follower)->Lag(), stopped));
  };
  while (!StopRequested()) {
    auto added = (*follower)->Poll(o.poll_ms);
    if (!added.ok()) {
      if ((*follower)->problem()) {
        (void)write_metrics(true);  // the evidence matters more than the metrics
        return Stopped(o, **follower, **replica);
      }
      return Report("follow", added.status());
    }
    if (runner && *added > 0) {
      if (auto folded = runner->CatchUp(); !folded.ok()) return Report("follow", folded.status());
    }
    if (*added > 0) {
      const auto lag = (*follower)->Lag();
      std::fprintf(stderr, "mirrored %llu records (+%llu); checkpoint %llu verified\n",
                   static_cast<unsigned long long>(lag.mirrored), static_cast<unsigned long long>(*added),
                   static_cast<unsigned long long>(lag.verified_checkpoint));
    }
    if (Status s = write_metrics(false); !s.ok()) return Report("follow", s);
    if (o.once && (*follower)->caught_up()) break;
  }
  const auto lag = (*follower)->Lag();
  std::printf("mirrored %llu records; checkpoint %llu verified; %llu repeats dropped\n",
              static_cast<unsigned long long>(lag.mirrored), static_cast<unsigned long long>(lag.verified_checkpoint),
              static_cast<unsigned long long>(lag.duplicates));
  return 0;
}

struct PromoteOptions {
  std::string dir, log_key, sealed_key;
};

int RunPromote(const PromoteOptions& o) {
  auto signer = data_dir::LoadSigner(o.log_key);
  if (!signer.ok()) return Report("promote", signer.status().WithContext("--log-key"));
  std::optional<std::string> sealed;
  if (!o.sealed_key.empty()) {
    auto text = ReadFile(o.sealed_key);
    if (!text.ok()) return Report("promote", text.status().WithContext("--sealed-key"));
    sealed = std::move(*text);
  }
  auto size = PromoteReplica(o.dir, *signer, sealed);
  if (!size.ok()) return Report("promote", size.status());
  std::printf(
      "promoted: %s verified (%llu records) and now holds the log key; it takes statements from index "
      "%llu on.\nKeep the old primary stopped: two writers would fork the log.\n",
      o.dir.c_str(), static_cast<unsigned long long>(*size), static_cast<unsigned long long>(*size));
  if (!sealed) {
    std::printf(
        "No --sealed-key: a new one is made at the first append, and openings sent to the old primary "
        "stay with it.\n");
  }
  return 0;
}

}  // namespace

void AddFollowCommand(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<FollowCommandOptions>();
  CLI::App* follow =
      app.add_subcommand("follow",
                         "Follow a log streamed to Kafka into a verified mirror in DIR: every record's signature,\n"
                         "admission (replayed), case chain and place in the tree, every checkpoint against the\n"
                         "tree rebuilt here. Repeats are dropped by index; a gap, a conflict or a refused record\n"
                         "stops it with the evidence in DIR/evidence (exit 1), keeping what was verified. The\n"
                         "mirror is a standby: `lawtrail verify` and every read command accept DIR.");
  AddDataOption(follow, o->dir)->description("Folder of the mirror (created on first use)");
  follow->add_option("--brokers", o->brokers, "Bootstrap brokers, host:port,…")->required();
  follow->add_option("--origin", o->origin, "The log's origin (its key's name)")->required();
  follow->add_option("--vkey", o->vkey, "The log's verifier key, or a file holding it")->required();
  follow->add_option("--topic-prefix", o->prefix, "Topic name prefix")->capture_default_str();
  follow->add_option("--group", o->group, "Consumer group (default lawtrail-follow.ORIGIN)");
  follow->add_option("--policy", o->policy,
                     "A witness policy (C2SP tlog-policy, docs/witnesses.md): a checkpoint its quorum has not\n"
                     "cosigned stops the follower like a bad signature, naming the group that is short");
  follow->add_flag("--once", o->once, "Stop once every partition has been read to its end");
  AddKafkaSettingsOption(follow, o->kafka_settings);
  follow->add_flag("--project", o->project, "Also fold the mirror into the views (DIR/views) as it grows");
  follow->add_option("--metrics", o->metrics, "Write lag and progress here after each poll (Prometheus text)");
  follow->add_option("--poll-ms", o->poll_ms, "Longest wait for messages per poll")->check(CLI::PositiveNumber);
  follow->add_option("--max-batch", o->max_batch, "Records verified and written together at most")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  follow->callback([o, &exit_code] { exit_code = RunFollow(*o); });

  auto p = std::make_shared<PromoteOptions>();
  CLI::App* promote =
      app.add_subcommand("promote",
                         "Make a stopped follower's mirror the primary, once the old primary is down for good:\n"
                         "verifies the whole mirror, checks that the log key is the one its checkpoints are\n"
                         "signed with, and installs it (and the old primary's sealed.key, if given).");
  AddDataOption(promote, p->dir)->description("Folder of the mirror");
  promote->add_option("--log-key", p->log_key, "The log key file (the old primary's DIR/log.key, from its backup)")
      ->required();
  promote->add_option("--sealed-key", p->sealed_key, "The old primary's DIR/sealed.key, from its backup");
  promote->callback([p, &exit_code] { exit_code = RunPromote(*p); });
}

}  // namespace lawtrail::cli

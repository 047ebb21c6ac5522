// lawtrail draw verify
// Re-runs every random-inspection draw (双随机) in a log from its records
// alone and says, in Chinese, whether each recorded result is the draw's.
#include <cstdio>

#include "ledger/core/checkpoint.h"
#include "ledger/core/utf8.h"
#include "ledger/log/draw_audit.h"
#include "ledger/log/files.h"
#include "tools/cli_support.h"

namespace lawtrail::cli {
namespace {

struct DrawOptions {
  std::string dir, task, log_key;
};

void PrintAudit(const DrawAudit& a) {
  std::printf("抽查任务 %s  事项 %s  公告记录 #%llu  种子树大小 %llu\n", a.task_no.c_str(), a.item_code.c_str(),
              static_cast<unsigned long long>(a.announced_index), static_cast<unsigned long long>(a.seed_tree_size));
  for (const auto& [witness, time] : a.cosigned) {
    std::printf("  见证人 %s 联署于 %llu\n", witness.c_str(), static_cast<unsigned long long>(time));
  }
  if (a.cancelled_index) {
    std::printf("  已取消 (记录 #%llu)\n", static_cast<unsigned long long>(*a.cancelled_index));
  }
  if (!a.recorded_index && a.status.ok()) {
    std::printf("  尚未抽取\n");
    return;
  }
  if (!a.status.ok()) {
    std::printf("  核验失败: %s\n", a.status.message().c_str());
    return;
  }
  for (const draw::DrawnCheck& c : a.checks) {
    std::printf("  %s  检查人员 %s\n", c.object_id.c_str(), draw::JoinTeam(c.inspectors).c_str());
  }
  std::printf("  核验通过: 重新抽取得到相同的 %zu 个检查对象及其检查人员 (回避 %zu 次)\n", a.checks.size(), a.recusals);
}

int Verify(const DrawOptions& o) {
  auto ro = OpenReadOnly(o.dir);
  if (!ro.ok()) return Report("draw verify", ro.status());
  std::string log_key = o.log_key;
  if (!log_key.empty() && log_key.find('+') == std::string::npos) {
    auto text = ReadFile(log_key);
    if (!text.ok()) return Report("draw verify", text.status());
    log_key = *text;
    while (!log_key.empty() && (log_key.back() == '\n' || log_key.back() == '\r')) log_key.pop_back();
  }
  auto audits = AuditDraws(*ro->reader, log_key);
  if (!audits.ok()) return Report("draw verify", audits.status());
  size_t shown = 0, failed = 0;
  for (const DrawAudit& a : *audits) {
    if (!o.task.empty() && a.task_no != o.task) continue;
    PrintAudit(a);
    ++shown;
    if (!a.status.ok()) ++failed;
  }
  if (!o.task.empty() && shown == 0) {
    return Report("draw verify", Status::NotFound("no draw '" + o.task + "' in the log"));
  }
  std::printf("共 %zu 次抽取, %zu 次核验失败\n", shown, failed);
  return failed == 0 ? 0 : 1;
}

}  // namespace

void AddDrawCommands(CLI::App& app, int& exit_code) {
  CLI::App* cmd = app.add_subcommand("draw", "Random-inspection draws (双随机): re-run and check them.");
  cmd->require_subcommand(1);
  auto o = std::make_shared<DrawOptions>();
  CLI::App* verify = cmd->add_subcommand(
      "verify",
      "Re-run every draw from the log's records alone: the pools by their committed hashes, the seed checkpoint "
      "(log signature, size, every named witness's cosignature, the log's root), the draw and each recusal. "
      "Exit 1 if any draw fails.");
  AddDataOption(verify, o->dir);
  verify->add_option("--task", o->task, "Only this task (抽查任务编号)");
  verify->add_option("--log-key", o->log_key,
                     "The log's verifier key you trust (vkey text or a file holding it); default: the key each "
                     "announcement names");
  verify->callback([o, &exit_code] { exit_code = Verify(*o); });
}

}  // namespace lawtrail::cli

// The public portal in a real browser: Debian's chromium, headless, against
// `lawtrail demo --serve`. Each page is loaded with a time budget for its
// scripts, then its DOM is read back; screenshots of every page are kept in
// the build tree (test-artifacts/portal/) as test artifacts.
#include <filesystem>
#include <map>
#include <regex>
#include <thread>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <signal.h>

#include "ledger/casefile/labels.h"
#include "ledger/client/statement_builder.h"
#include "ledger/core/bytes.h"
#include "tests/api/http_client.h"
#include "tests/api/test_server.h"
#include "tests/support/browser.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"
#include "tests/support/witness_process.h"

namespace lawtrail::testing {
namespace {

using nlohmann::json;

// The portal page at `fragment` of a server on `port`.
std::string LoadPortal(Browser& browser, uint16_t port, const std::string& fragment, const std::string& screenshot) {
  return browser.Load("http://127.0.0.1:" + std::to_string(port) + "/" + fragment, screenshot);
}

std::string Attribute(const std::string& dom, const std::string& element_id, const std::string& attribute) {
  std::smatch m;
  const std::regex re("id=\"" + element_id + "\"[^>]*" + attribute + "=\"([^\"]*)\"|" + attribute +
                      "=\"([^\"]*)\"[^>]*id=\"" + element_id + "\"");
  if (!std::regex_search(dom, m, re)) return "";
  return m[1].matched ? m[1].str() : m[2].str();
}

size_t Count(const std::string& dom, const std::string& needle) {
  size_t n = 0;
  for (size_t at = dom.find(needle); at != std::string::npos; at = dom.find(needle, at + 1)) ++n;
  return n;
}

// Runs `lawtrail demo --serve` (or serve) until Stop; waits for the views.
struct DemoServer {
  pid_t pid = -1;
  uint16_t port = 0;
  DemoServer(const std::string& dir, const std::vector<std::string>& command) {
    const std::string port_file = dir + "/port";
    std::filesystem::remove(port_file);
    std::vector<std::string> args = {LAWTRAIL_BINARY};
    args.insert(args.end(), command.begin(), command.end());
    args.insert(args.end(), {"--data", dir, "--listen", "127.0.0.1:0", "--port-file", port_file});
    pid = Spawn(args, "", dir + "/serve.out", dir + "/serve.err");
    port = WaitForPortFile(port_file, 1200);
    INFO(ReadAll(dir + "/serve.err"));
    REQUIRE(port != 0);
    // The projectors fold the log on their own thread: wait until none lags.
    CHECK(WaitForViews(port));
  }
  void Stop() {
    if (pid < 0) return;
    kill(pid, SIGTERM);
    CHECK(Wait(pid) == 0);
    pid = -1;
  }
  ~DemoServer() { Stop(); }
};

TEST_CASE("the portal in a browser: decisions, certificate checks, charts, and a verify panel that decides itself",
          "[browser]") {
  TempDir data;
  REQUIRE(RunLawtrail({"demo", "--data", data.path(), "--cases", "80"}).exit_code == 0);
  // Revoke one officer's certificate, so that the check has a revoked one to show.
  std::string valid_cert, revoked_cert;
  {
    DemoServer first(data.path(), {"serve"});
    const json roster = json::parse(Http(first.port, "GET", "/v1/registry/officers").body);
    for (const auto& o : roster["items"]) {
      if (o.value("state", "") != "active") continue;
      (valid_cert.empty() ? valid_cert : revoked_cert) = o["key"].get<std::string>();
      if (!revoked_cert.empty()) break;
    }
    first.Stop();
  }
  REQUIRE(!revoked_cert.empty());
  // From the case files (the operator's view, offline): a publication whose display period is over.
  std::string expired_case;
  std::map<std::string, std::string> facts_of;  // case id → the decision's 违法事实
  const std::string today = ChinaDay(NowMs());
  for (int n = 1; n <= 80; ++n) {
    char id[32];
    std::snprintf(id, sizeof id, "2025-QS-%05d", n);
    const auto history = RunLawtrail({"history", "--data", data.path(), "--case", id});
    std::smatch found;
    if (std::regex_search(history.out, found, std::regex("\"display_until\":\"([0-9-]+)\"")) && found[1] < today &&
        expired_case.empty()) {
      expired_case = id;
    }
    if (std::regex_search(history.out, found, std::regex("\"facts\":\"([^\"]+)\""))) facts_of[id] = found[1];
  }
  REQUIRE(!expired_case.empty());
  const auto revoked =
      RunLawtrail({"register", "revoke", "--data", data.path(), "--cert", revoked_cert, "--reason", "调离执法岗位"});
  INFO(revoked.err);
  REQUIRE(revoked.exit_code == 0);

  DemoServer server(data.path(), {"demo", "--cases", "80", "--serve"});
  Browser browser(std::string(LAWTRAIL_TEST_ARTIFACTS) + "/portal");

  const std::string home = LoadPortal(browser, server.port, "", "home");
  CHECK(home.find("data-rendered=\"home\"") != std::string::npos);
  CHECK(home.find("青山镇人民政府") != std::string::npos);
  CHECK(home.find("权责清单") != std::string::npos);

  const std::string list = LoadPortal(browser, server.port, "#/decisions", "decisions");
  const size_t shown = Count(list, "class=\"decision\"");
  CHECK(shown > 0);
  CHECK(shown <= 20);
  std::smatch first_case;
  REQUIRE(std::regex_search(list, first_case, std::regex("class=\"decision\" data-case=\"([^\"]+)\"")));
  const std::string case_id = first_case[1];

  const std::string valid = LoadPortal(browser, server.port, "#/cert?no=" + valid_cert, "certificate-valid");
  CHECK(Attribute(valid, "cert-result", "data-status") == "valid");
  CHECK(valid.find("有效") != std::string::npos);
  const std::string gone = LoadPortal(browser, server.port, "#/cert?no=" + revoked_cert, "certificate-revoked");
  CHECK(Attribute(gone, "cert-result", "data-status") == "revoked");
  CHECK(gone.find("已吊销") != std::string::npos);

  const std::string stats = LoadPortal(browser, server.port, "#/stats?year=2025", "statistics");
  CHECK(Count(stats, "<rect class=\"bar\"") >= 12);
  CHECK(stats.find("<svg class=\"chart\"") != std::string::npos);

  // A decision whose display period is over is neither listed nor shown (domain.md §7.3).
  json listed = json::array();
  for (int page = 1;; ++page) {
    const json l =
        json::parse(Http(server.port, "GET", "/v1/disclosures?per_page=100&page=" + std::to_string(page)).body);
    for (const auto& d : l["items"]) listed.push_back(d);
    if (l["items"].size() < 100) break;
  }
  std::string withdrawn_case, challenged_case;
  for (const auto& d : listed) {
    CHECK(d["case_id"] != expired_case);
    CHECK(d["display_until"].get<std::string>() >= today);
    if (d.contains("withdrawn")) withdrawn_case = d["case_id"];
    if (d.contains("challenges")) challenged_case = d["case_id"];
  }
  // A decision the party took to 复议 or to court: how it went, beside the decision (行政复议法 第79条).
  REQUIRE(!challenged_case.empty());
  const std::string challenged_page =
      LoadPortal(browser, server.port, "#/decision/" + challenged_case, "decision-challenged");
  CHECK(challenged_page.find("id=\"challenges\"") != std::string::npos);
  CHECK((challenged_page.find("维持原决定") != std::string::npos ||
         challenged_page.find("驳回诉讼请求") != std::string::npos ||
         challenged_page.find("驳回复议请求") != std::string::npos));
  const std::string gone_page = LoadPortal(browser, server.port, "#/decision/" + expired_case, "decision-ended");
  CHECK(Attribute(gone_page, "decision-gone", "data-status") == "410");
  CHECK(gone_page.find("公示期已满") != std::string::npos);
  // A withdrawn decision: that it was withdrawn, when and why; no party, no facts (行政处罚法 第48条).
  REQUIRE(!withdrawn_case.empty());
  const std::string withdrawn_list = LoadPortal(browser, server.port, "#/decisions", "decisions-withdrawn");
  const std::string withdrawn_page =
      LoadPortal(browser, server.port, "#/decision/" + withdrawn_case, "decision-withdrawn");
  CHECK(Attribute(withdrawn_page, "decision", "data-state") == "withdrawn");
  CHECK(withdrawn_page.find("撤回") != std::string::npos);
  for (const char* never : {"当事人", "违法事实", "处罚内容", "罚款金额"})
    CHECK(withdrawn_page.find(never) == std::string::npos);
  REQUIRE(!facts_of[withdrawn_case].empty());
  CHECK(withdrawn_page.find(facts_of[withdrawn_case]) == std::string::npos);
  CHECK(withdrawn_list.find(facts_of[withdrawn_case]) == std::string::npos);

  // Licences: listed on their own, shown as licences, and the permit withdrawn after publication verifies twice —
  // the publication, and the 撤回 that changed what the page says (the showcase a quarter into the year).
  CHECK(Http(server.port, "GET", "/v1/disclosures?act=" + PercentEncode("行政征收")).status == 400);
  CHECK(Http(server.port, "GET", "/v1/disclosures?act=%E8%A1%8C").status == 400);  // a cut-off 行
  const json licences =
      json::parse(Http(server.port, "GET", "/v1/disclosures?per_page=100&act=" + PercentEncode("行政许可")).body);
  std::string licence_case;
  uint64_t ended_index = 0;
  for (const auto& d : licences["items"]) {
    CHECK(d["act"] == "行政许可");
    REQUIRE(d.contains("licence"));
    CHECK_FALSE(d.contains("violation_type"));
    if (d["licence"].contains("ended_index")) {
      licence_case = d["case_id"];
      ended_index = d["licence"]["ended_index"];
    }
  }
  for (const auto& d : listed) CHECK(d.contains("licence") == (d["act"] == "行政许可"));
  REQUIRE(!licence_case.empty());
  CHECK(Http(server.port, "GET", "/v1/records/" + std::to_string(ended_index)).status == 200);
  const std::string licence_list =
      LoadPortal(browser, server.port, "#/decisions?act=" + PercentEncode("行政许可"), "decisions-licences");
  CHECK(Count(licence_list, "class=\"decision\"") == Count(licence_list, "data-act=\"行政许可\""));
  CHECK(licence_list.find("行政许可决定公示") != std::string::npos);
  const std::string licence_page =
      LoadPortal(browser, server.port, "#/decision/" + licence_case + "?verify=1", "decision-licence");
  INFO(licence_page);
  CHECK(Attribute(licence_page, "decision", "data-act") == "行政许可");
  for (const char* label : {"准予行政许可决定", "许可事项", "户外广告设施设置审批", "许可内容", "许可证件", "证件编号",
                            "有效期", "许可状态", "许可已撤回", "公示日期"})
    CHECK(licence_page.find(label) != std::string::npos);
  for (const char* never : {"违法事实", "处罚内容", "罚款金额"}) CHECK(licence_page.find(never) == std::string::npos);
  CHECK(Attribute(licence_page, "verify-result", "data-state") == "ok");
  const std::string ending_verified = LoadPortal(
      browser, server.port, "#/decision/" + licence_case + "?verify=1&which=ended", "verify-licence-withdrawn");
  CHECK(Attribute(ending_verified, "verify-result", "data-state") == "ok");
  CHECK(ending_verified.find("这条许可撤回决定记录在日志中") != std::string::npos);

  // A 行政强制 case's 扣押决定: listed with its kind, shown with its term and state, none of a penalty's fields.
  const json measures =
      json::parse(Http(server.port, "GET", "/v1/disclosures?per_page=100&act=" + PercentEncode("行政强制")).body);
  REQUIRE_FALSE(measures["items"].empty());
  for (const auto& d : measures["items"]) {
    CHECK(d["act"] == "行政强制");
    if (!d.contains("withdrawn")) CHECK(d["measure"]["kind"] == "扣押");
  }
  // A published measure's 延长 and 解除 records are public beside it; its own 扣押 record is not.
  size_t changes = 0;
  for (const auto& d : measures["items"]) {
    if (!d.contains("measure") || !d["measure"].contains("change_indices")) continue;
    for (const auto& i : d["measure"]["change_indices"]) {
      ++changes;
      CHECK(Http(server.port, "GET", "/v1/records/" + std::to_string(i.get<uint64_t>())).status == 200);
    }
  }
  CHECK(changes > 0);
  const std::string measure_case = measures["items"][0]["case_id"];
  const std::string measure_page =
      LoadPortal(browser, server.port, "#/decision/" + measure_case + "?verify=1", "decision-measure");
  CHECK(Attribute(measure_page, "decision", "data-act") == "行政强制");
  for (const char* label : {"查封（扣押）决定", "强制措施", "扣押", "期限", "实施机关", "公示日期"})
    CHECK(measure_page.find(label) != std::string::npos);
  for (const char* never : {"违法事实", "处罚内容", "三轮车"}) CHECK(measure_page.find(never) == std::string::npos);
  CHECK(Attribute(measure_page, "verify-result", "data-state") == "ok");

  // 征收 notices: every one the town posted is listed and shown as posted, and its record verifies in the browser.
  const json notices = json::parse(Http(server.port, "GET", "/v1/notices?per_page=100").body);
  REQUIRE(notices["total"].get<size_t>() > 0);
  CHECK(Http(server.port, "GET", "/v1/notices?per_page=0").status == 400);
  CHECK(Http(server.port, "GET", "/v1/notices?page=1&page=2").status == 400);
  const json notice = notices["items"][0];
  const std::string notice_case = notice["case_id"];
  const std::string notice_index = std::to_string(notice["record_index"].get<uint64_t>());
  const json case_notices = json::parse(Http(server.port, "GET", "/v1/notices?case=" + notice_case).body);
  for (const auto& n : case_notices["items"]) CHECK(n["case_id"] == notice_case);
  const std::string notice_list = LoadPortal(browser, server.port, "#/notices", "notices");
  CHECK(Count(notice_list, "class=\"notice\"") == notices["items"].size());
  const std::string notice_page =
      LoadPortal(browser, server.port, "#/notice/" + notice_case + "/" + notice_index + "?verify=1", "notice");
  INFO(notice_page);
  CHECK(Attribute(notice_page, "notice", "data-kind") == notice["kind"]);
  for (const std::string& label : {std::string("发布机关"), std::string("张贴地点"), std::string("张贴期间"),
                                   notice["notice_no"].get<std::string>(), notice["project"].get<std::string>()})
    CHECK(notice_page.find(label) != std::string::npos);
  CHECK(Attribute(notice_page, "verify-result", "data-state") == "ok");
  CHECK(notice_page.find("这条征收公告记录在日志中") != std::string::npos);

  // The verify panel on a real record: success, each step shown.
  const std::string verified = LoadPortal(browser, server.port, "#/decision/" + case_id + "?verify=1", "verify-ok");
  INFO(verified);
  CHECK(Attribute(verified, "verify-result", "data-state") == "ok");
  CHECK(verified.find("核验通过") != std::string::npos);

  // The same page given a proof with one hash altered: the browser says no.
  const json decision = json::parse(Http(server.port, "GET", "/v1/disclosures/" + case_id).body);
  const uint64_t index = decision["decision"]["record_index"];
  json proof =
      json::parse(Http(server.port, "GET", "/v1/records/" + std::to_string(index) + "/inclusion-proof").body)["proof"];
  REQUIRE(!proof.empty());
  Bytes first_hash = *FromBase64(proof[0].get<std::string>());
  first_hash[0] ^= 1;
  proof[0] = ToBase64(first_hash);
  std::string altered;
  for (const auto& h : proof) {
    altered += altered.empty() ? "" : ",";
    for (char c : h.get<std::string>())
      altered += c == '+' ? "%2B" : c == '/' ? "%2F" : c == '=' ? "%3D" : std::string(1, c);
  }
  const std::string refused =
      LoadPortal(browser, server.port, "#/decision/" + case_id + "?verify=1&proof=" + altered, "verify-altered");
  CHECK(Attribute(refused, "verify-result", "data-state") == "failed");
  CHECK(refused.find("根哈希与检查点不符") != std::string::npos);
  server.Stop();

  // Served with two supervising bodies as witnesses: the panel checks each cosignature in the browser.
  const std::string log_vkey = RunLawtrail({"vkey", "--data", data.path()}).out.substr(0, 200);
  const std::string vkey_line = log_vkey.substr(0, log_vkey.find('\n'));
  TempDir witnesses;
  WitnessProcess sifaju(witnesses, "w1", "sifaju.pingqiao.example/w1", vkey_line);
  WitnessProcess court(witnesses, "w2", "court.pingqiao.example/w1", vkey_line);
  const std::string policy = witnesses.path() + "/policy.txt";
  WriteAll(policy, "log " + vkey_line + "\nwitness 平桥区司法局 " + sifaju.vkey + " " + sifaju.url() +
                       "\nwitness 平桥区人民法院 " + court.vkey + " " + court.url() +
                       "\ngroup 监督机关 all 平桥区司法局 平桥区人民法院\nquorum 监督机关\n");
  DemoServer witnessed(data.path(), {"serve", "--witness-policy", policy});
  json health;
  for (int i = 0; i < 200; ++i) {
    health = json::parse(Http(witnessed.port, "GET", "/healthz").body, nullptr, false);
    if (health.contains("witnesses") && health["witnesses"].value("published_size", 0) > 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  REQUIRE(health["witnesses"].value("published_size", 0) > 0);
  const std::string cosigned =
      LoadPortal(browser, witnessed.port, "#/decision/" + case_id + "?verify=1", "verify-cosigned");
  INFO(cosigned);
  CHECK(Attribute(cosigned, "verify-result", "data-state") == "ok");
  CHECK(Attribute(cosigned, "verify-result", "data-cosigned") == "2");
  CHECK(cosigned.find("平桥区司法局 已联署该检查点") != std::string::npos);
  CHECK(cosigned.find("平桥区人民法院 已联署该检查点") != std::string::npos);
  CHECK(cosigned.find("经 2 个监督机关联署") != std::string::npos);
  witnessed.Stop();
}

TEST_CASE(
    "the portal re-runs each 双随机 draw in the browser: it passes on the committed pools and fails on an altered one",
    "[browser][draw]") {
  TempDir data;
  REQUIRE(RunLawtrail({"demo", "--data", data.path(), "--cases", "30"}).exit_code == 0);
  DemoServer server(data.path(), {"serve"});
  Browser browser(std::string(LAWTRAIL_TEST_ARTIFACTS) + "/portal");
  const json list = json::parse(Http(server.port, "GET", "/v1/draws").body);
  REQUIRE(list["items"].size() == 3);
  for (const auto& d : list["items"]) CHECK(d["server_check"] == "ok");
  const std::string task = list["items"][0]["task_no"];
  // Task ids that are empty, re-encoded, not UTF-8, oversized or only near a real one: a 404 each, and the server stays
  // up.
  for (const std::string& bad :
       {std::string("%00"), std::string("%E9"), PercentEncode(task) + "%20", PercentEncode(task).substr(0, 9),
        std::string(8000, 'x'), PercentEncode(PercentEncode(task))}) {
    INFO(bad.substr(0, 40));
    const Reply r = Http(server.port, "GET", "/v1/draws/" + bad);
    CHECK(r.status >= 400);
    CHECK(r.status < 500);
  }
  CHECK(Http(server.port, "GET", "/v1/draws/" + PercentEncode(task)).status == 200);

  const std::string listed = LoadPortal(browser, server.port, "#/draws", "draws");
  CHECK(Count(listed, "class=\"draw\"") == 3);
  CHECK(listed.find("已抽取") != std::string::npos);

  const std::string page = LoadPortal(browser, server.port, "#/draw/" + PercentEncode(task), "draw");
  INFO(page.substr(page.find("draw-steps") == std::string::npos ? 0 : page.find("draw-steps"), 2000));
  CHECK(Attribute(page, "draw-result", "data-state") == "ok");
  CHECK(page.find("重新抽取得到与记录相同的") != std::string::npos);
  CHECK(page.find("回避") != std::string::npos);

  // The same page checking a pool text in which one shop moved to class D: the browser refuses it.
  const json detail = json::parse(Http(server.port, "GET", "/v1/draws/" + PercentEncode(task)).body);
  std::string altered = detail["pools"]["objects"];
  const size_t at = altered.find("\tB\t");
  REQUIRE(at != std::string::npos);
  altered.replace(at, 3, "\tD\t");
  const std::string refused =
      LoadPortal(browser, server.port, "#/draw/" + PercentEncode(task) + "?objects=" + PercentEncode(altered),
                 "draw-altered-pool");
  CHECK(Attribute(refused, "draw-result", "data-state") == "failed");
  CHECK(refused.find("检查对象名录库与公告时承诺的哈希不符") != std::string::npos);
}

}  // namespace
}  // namespace lawtrail::testing

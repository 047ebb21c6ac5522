#include "projectors/annual_report.h"

#include <algorithm>
#include <cstdio>

#include "ledger/casefile/html_escape.h"
#include "ledger/domain/calendar.h"
#include "ledger/domain/money.h"
#include "projectors/internal/json_view.h"
#include "projectors/statistics_view.h"

namespace lawtrail::projectors {
namespace {

using nlohmann::json;

// A vertical bar chart of `series` (label → count) as inline SVG.
std::string BarChart(const std::string& title, const std::vector<std::pair<std::string, int64_t>>& series) {
  const int width = 640, height = 260, left = 40, bottom = 60, top = 30;
  int64_t max = 1;
  for (const auto& [label, v] : series) max = std::max(max, v);
  const double slot = series.empty() ? 0 : double(width - left - 10) / series.size();
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 " + std::to_string(width) +
                    " " + std::to_string(height) + "\" aria-label=\"" + HtmlEscape(title) + "\">";
  svg += "<text x=\"" + std::to_string(width / 2) + "\" y=\"18\" text-anchor=\"middle\" font-size=\"14\">" +
         HtmlEscape(title) + "</text>";
  svg += "<line x1=\"" + std::to_string(left) + "\" y1=\"" + std::to_string(height - bottom) + "\" x2=\"" +
         std::to_string(width - 10) + "\" y2=\"" + std::to_string(height - bottom) + "\" stroke=\"#444\"/>";
  for (size_t i = 0; i < series.size(); ++i) {
    const double h = double(series[i].second) / max * (height - bottom - top);
    const double x = left + i * slot + slot * 0.15;
    char bar[256];
    std::snprintf(
        bar, sizeof bar,
        "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#b22222\"><title>%s</title></rect>", x,
        height - bottom - h, slot * 0.7, h, std::to_string(series[i].second).c_str());
    svg += bar;
    char value[128];
    std::snprintf(value, sizeof value,
                  "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"middle\">%lld</text>", x + slot * 0.35,
                  height - bottom - h - 4, static_cast<long long>(series[i].second));
    svg += value;
    char label[64];
    std::snprintf(label, sizeof label, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"end\" ",
                  x + slot * 0.35, height - bottom + 14);
    svg += std::string(label) + "transform=\"rotate(-35 " + std::to_string(int(x + slot * 0.35)) + " " +
           std::to_string(height - bottom + 14) + ")\">" + HtmlEscape(series[i].first) + "</text>";
  }
  return svg + "</svg>";
}

// A line chart of `series` in order (e.g. months) as inline SVG.
std::string LineChart(const std::string& title, const std::vector<std::pair<std::string, int64_t>>& series) {
  const int width = 640, height = 240, left = 40, bottom = 40, top = 30;
  int64_t max = 1;
  for (const auto& [label, v] : series) max = std::max(max, v);
  const double step = series.size() > 1 ? double(width - left - 20) / (series.size() - 1) : 0;
  std::string points, marks;
  for (size_t i = 0; i < series.size(); ++i) {
    const double x = left + i * step;
    const double y = height - bottom - double(series[i].second) / max * (height - bottom - top);
    char p[64];
    std::snprintf(p, sizeof p, "%.1f,%.1f ", x, y);
    points += p;
    char m[256];
    std::snprintf(
        m, sizeof m,
        "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"#1f4e79\"/><text x=\"%.1f\" y=\"%d\" font-size=\"11\" "
        "text-anchor=\"middle\">",
        x, y, x, height - bottom + 14);
    marks += std::string(m) + HtmlEscape(series[i].first) + "</text>";
  }
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 " + std::to_string(width) + " " +
         std::to_string(height) + "\" aria-label=\"" + HtmlEscape(title) + "\"><text x=\"" + std::to_string(width / 2) +
         "\" y=\"18\" text-anchor=\"middle\" font-size=\"14\">" + HtmlEscape(title) +
         "</text><polyline fill=\"none\" stroke=\"#1f4e79\" stroke-width=\"2\" points=\"" + points + "\"/>" + marks +
         "</svg>";
}

int64_t Get(const json& node, std::initializer_list<const char*> path) {
  const json* n = &node;
  for (const char* p : path) {
    if (!n->is_object() || !n->contains(p)) return 0;
    n = &(*n)[p];
  }
  return n->is_number() ? n->get<int64_t>() : 0;
}

json Staff(ViewStore& views, int year) {
  auto cf = views.ActiveView(StatisticsView::kName);
  int64_t officers = 0, certified = 0;
  if (!cf.ok()) return json::object();
  const int64_t year_end = domain::ChinaMidnightMs(std::chrono::year_month_day{
                               std::chrono::year(year + 1), std::chrono::January, std::chrono::day(1)}) -
                           1;
  std::unique_ptr<rocksdb::Iterator> it(views.db()->NewIterator(rocksdb::ReadOptions(), cf->get()));
  for (it->Seek("~officer/"); it->Valid() && it->key().starts_with("~officer/"); it->Next()) {
    const json o = json::parse(it->value().ToString(), nullptr, false);
    if (o.is_discarded() || o.value("registered_at_ms", int64_t{0}) > year_end) continue;
    const json roles = o.value("roles", json::array());
    if (std::find(roles.begin(), roles.end(), "Officer") == roles.end()) continue;
    if (o.value("state", "") == "revoked" && o.value("state_since_ms", int64_t{0}) <= year_end) continue;
    ++officers;
    const int64_t until = o.value("valid_until_ms", int64_t{0});
    const bool valid = o.value("valid_from_ms", int64_t{0}) <= year_end && (until == 0 || until > year_end) &&
                       !(o.value("state", "") == "suspended" && o.value("state_since_ms", int64_t{0}) <= year_end);
    certified += valid;
  }
  char rate[16];
  std::snprintf(rate, sizeof rate, "%.1f%%", officers == 0 ? 0.0 : 100.0 * certified / officers);
  return {{"执法人员数", officers}, {"持有效执法证件人数", certified}, {"持证率", rate}};
}

}  // namespace

Result<json> BuildAnnualReport(ViewStore& views, int year, const std::string& agency_name) {
  LAWTRAIL_ASSIGN_OR_RETURN(const ViewHandle cf, views.ActiveView(StatisticsView::kName));
  LAWTRAIL_ASSIGN_OR_RETURN(auto text, views.Get(cf.get(), "year/" + std::to_string(year)));
  json y = json::object();
  if (text) {
    LAWTRAIL_ASSIGN_OR_RETURN(y, ParseViewValue(*text, "year/" + std::to_string(year)));
  }
  json report;
  report["title"] = agency_name + std::to_string(year) + "年度行政执法统计年报";
  report["year"] = year;
  report["agency"] = agency_name;
  report["due_by"] = std::to_string(year + 1) + "-01-31";
  json penalties = {{"合计宗数", Get(y, {"行政处罚", "合计宗数"})},
                    {"罚没金额_元", domain::FormatYuan(Get(y, {"行政处罚", "罚没金额_分"}))},
                    {"简易程序", Get(y, {"行政处罚", "简易程序"})},
                    {"一般程序", Get(y, {"行政处罚", "一般程序"})},
                    {"不予处罚", Get(y, {"行政处罚", "不予处罚"})},
                    {"涉嫌犯罪移送", Get(y, {"行政处罚", "涉嫌犯罪移送"})},
                    {"移送其他机关", Get(y, {"行政处罚", "移送其他机关"})},
                    {"听证", Get(y, {"行政处罚", "听证"})},
                    {"集体讨论", Get(y, {"行政处罚", "集体讨论"})},
                    {"被行政复议", Get(y, {"行政处罚", "被行政复议"})},
                    {"被行政复议纠错", Get(y, {"行政处罚", "被行政复议纠错"})},
                    {"被行政诉讼", Get(y, {"行政处罚", "被行政诉讼"})},
                    {"被行政诉讼纠错", Get(y, {"行政处罚", "被行政诉讼纠错"})},
                    {"自行纠正", Get(y, {"行政处罚", "自行纠正"})}};
  json by_type = json::object();
  for (const auto& type : PenaltySeverityOrder()) by_type[type] = Get(y, {"行政处罚", "按类别", type.c_str()});
  penalties["按类别"] = by_type;
  // 年报 table 一 (domain-acts.md §2): 撤销 by decision date; 不予受理, 撤回, 注销 have no column in the
  // published table and are given beside it.
  report["一、行政许可"] = {{"申请数量", Get(y, {"行政许可", "申请"})},
                            {"受理数量", Get(y, {"行政许可", "受理"})},
                            {"许可数量", Get(y, {"行政许可", "许可"})},
                            {"不予许可数量", Get(y, {"行政许可", "不予许可"})},
                            {"撤销许可数量", Get(y, {"行政许可", "撤销"})},
                            {"不予受理数量", Get(y, {"行政许可", "不予受理"})},
                            {"撤回许可数量", Get(y, {"行政许可", "撤回"})},
                            {"注销许可数量", Get(y, {"行政许可", "注销"})},
                            {"被行政复议数量", Get(y, {"行政许可", "被行政复议"})},
                            {"被行政诉讼数量", Get(y, {"行政许可", "被行政诉讼"})}};
  report["二、行政处罚"] = penalties;
  report["三、行政强制"] = {{"行政强制措施", y.value("行政强制", json::object()).value("强制措施", json::object())},
                            {"行政强制执行", y.value("行政强制", json::object()).value("强制执行", json::object())},
                            {"申请法院强制执行", Get(y, {"行政强制", "申请法院强制执行"})}};
  report["四、其他执法行为"] = {{"行政检查_次", Get(y, {"其他执法行为", "行政检查"})},
                                {"其中双随机抽查_次", Get(y, {"其他执法行为", "双随机抽查"})}};
  // 征收 and 征用 count the acts completed in the year (domain-acts.md §6); the compensation paid beside them.
  report["六、行政征收征用"] = {{"征收_件", Get(y, {"行政征收征用", "征收"})},
                                {"征用_件", Get(y, {"行政征收征用", "征用"})},
                                {"补偿支付_分", Get(y, {"行政征收征用", "补偿支付_分"})}};
  report["五、执法人员"] = Staff(views, year);
  const int64_t reviews = Get(y, {"法制审核", "审核数"}), corrected = Get(y, {"法制审核", "纠错数"});
  char rate[16];
  std::snprintf(rate, sizeof rate, "%.1f%%", reviews == 0 ? 0.0 : 100.0 * corrected / reviews);
  report["法制审核"] = {{"审核数", reviews}, {"纠错数", corrected}, {"纠错率", rate}};
  const int64_t on_time = Get(y, {"公示", "按时公示"}), late = Get(y, {"公示", "逾期公示"});
  const int64_t withdrawn = Get(y, {"公示", "撤回公示"});
  report["公示及时性"] = {{"按时公示", on_time}, {"逾期公示", late}, {"撤回公示", withdrawn}};
  report["立案"] = y.value("立案", json::object());
  report["结案"] = y.value("结案", json::object());
  report["分析"] = y.value("分析", json::object());
  report["情况说明"] =
      std::to_string(year) + "年，" + agency_name + "共立案" + std::to_string(Get(y, {"立案", "合计"})) +
      "件，作出行政处罚决定" + std::to_string(Get(y, {"行政处罚", "合计宗数"})) + "宗，罚没金额" +
      domain::FormatYuan(Get(y, {"行政处罚", "罚没金额_分"})) + "元；开展法制审核" + std::to_string(reviews) +
      "件，纠错" + std::to_string(corrected) + "件；行政检查" + std::to_string(Get(y, {"其他执法行为", "行政检查"})) +
      "次；处罚决定按时公示" + std::to_string(on_time) + "件，逾期公示" + std::to_string(late) +
      "件，因决定变更、撤销撤回公示" + std::to_string(withdrawn) + "件。";
  return report;
}

std::string RenderAnnualReportHtml(const json& report) {
  std::vector<std::pair<std::string, int64_t>> types, months, villages, hours;
  const json& by_type = report["二、行政处罚"]["按类别"];
  for (const auto& [k, v] : by_type.items()) {
    if (v.get<int64_t>() > 0) types.emplace_back(k, v.get<int64_t>());
  }
  const json analysis = report.value("分析", json::object());
  const json by_month = analysis.value("按月份", json::object());
  const json by_village = analysis.value("按村社区", json::object());
  const json by_hour = analysis.value("按时段", json::object());
  for (int m = 1; m <= 12; ++m) {
    char key[12];  // room for any int: -O1 cannot see m ≤ 12
    std::snprintf(key, sizeof key, "%02d", m);
    months.emplace_back(std::to_string(m) + "月", by_month.value(key, int64_t{0}));
  }
  for (const auto& [k, v] : by_village.items()) villages.emplace_back(k, v.get<int64_t>());
  for (const auto& [k, v] : by_hour.items()) hours.emplace_back(k + "时", v.get<int64_t>());
  std::string html =
      "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
      "content=\"width=device-width, initial-scale=1\"><title>" +
      HtmlEscape(report["title"].get<std::string>()) +
      "</title><style>body{font-family:'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei',sans-serif;"
      "max-width:760px;margin:auto;padding:1em}table{border-collapse:collapse;width:100%;margin:1em 0}td,th{border:"
      "1px solid #999;padding:4px 8px;text-align:left}svg{width:100%;height:auto}</style></head><body>";
  html += "<h1>" + HtmlEscape(report["title"].get<std::string>()) + "</h1><p>报送截止：" +
          HtmlEscape(report["due_by"].get<std::string>()) + "</p>";
  html += "<h2>情况说明</h2><p>" + HtmlEscape(report["情况说明"].get<std::string>()) + "</p>";
  auto table = [&](const std::string& heading, const json& rows) {
    html += "<h2>" + HtmlEscape(heading) + "</h2><table>";
    for (const auto& [k, v] : rows.items()) {
      if (v.is_object()) continue;
      html += "<tr><th>" + HtmlEscape(k) + "</th><td>" + HtmlEscape(v.is_string() ? v.get<std::string>() : v.dump()) +
              "</td></tr>";
    }
    html += "</table>";
  };
  table("一、行政许可", report["一、行政许可"]);
  table("二、行政处罚", report["二、行政处罚"]);
  table("行政处罚（按最重处罚种类计）", report["二、行政处罚"]["按类别"]);
  table("三、行政强制措施", report["三、行政强制"]["行政强制措施"]);
  table("三、行政强制执行", report["三、行政强制"]["行政强制执行"]);
  table("四、其他执法行为", report["四、其他执法行为"]);
  table("五、执法人员", report["五、执法人员"]);
  table("六、行政征收征用", report["六、行政征收征用"]);
  table("法制审核", report["法制审核"]);
  table("公示及时性", report["公示及时性"]);
  html += BarChart("行政处罚决定（按处罚种类）", types);
  html += LineChart("立案数（按月份）", months);
  html += BarChart("立案数（按村、社区）", villages);
  html += BarChart("立案数（按时段）", hours);
  return html + "</body></html>\n";
}

}  // namespace lawtrail::projectors

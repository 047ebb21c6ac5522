#include "ledger/casefile/case_file_html.h"

#include "ledger/casefile/act_names.h"
#include "ledger/casefile/html_escape.h"
#include "ledger/domain/calendar.h"

namespace lawtrail::casefile {
namespace {

constexpr char kStyle[] = R"css(
body{font-family:"WenQuanYi Zen Hei","Noto Sans CJK SC",sans-serif;margin:2em auto;max-width:60em;color:#111;line-height:1.5}
h1{text-align:center;letter-spacing:.3em}h2{border-bottom:2px solid #333;margin-top:2em}
table{border-collapse:collapse;width:100%;margin:.5em 0}th,td{border:1px solid #888;padding:.25em .5em;vertical-align:top}
th{background:#eee;text-align:left}.hash{font-family:monospace;font-size:.75em;word-break:break-all}
.cover th{width:10em}.note{font-size:.9em;color:#333}
@media print{h2{page-break-before:always}h2.first{page-break-before:avoid}}
)css";

std::string Row(std::string_view label, const std::string& value) {
  return "<tr><th>" + std::string(label) + "</th><td>" + HtmlEscape(value) + "</td></tr>\n";
}

void CoverRow(std::string& out, std::string_view label, const std::optional<std::string>& value) {
  if (value) out += Row(label, *value);
}

void Volume(std::string& out, const CaseFile& file, std::string_view volume) {
  out += "<h3>" + std::string(volume) + "</h3>\n";
  const std::vector<Document>& docs = file.Volume(volume);
  if (docs.empty()) {
    out += "<p class=\"note\">（无）</p>\n";
    return;
  }
  out += "<table class=\"toc\" data-volume=\"" + std::string(volume) +
         "\"><tr><th>序号</th><th>文号</th><th>题名</th><th>责任者</th><th>日期</th><th>记录</th></tr>\n";
  for (const Document& d : docs) {
    const std::string record = std::to_string(d.record_index);
    out += "<tr class=\"doc\" data-record=\"" + record + "\" data-hash=\"" + HtmlEscape(d.content_hash) + "\"><td>" +
           std::to_string(d.seq) + "</td><td>" + HtmlEscape(d.doc_no) + "</td><td>" + HtmlEscape(d.title) +
           "</td><td>" + HtmlEscape(d.responsible) + "</td><td>" + HtmlEscape(d.date) + "</td><td>" + record +
           "</td></tr>\n";
  }
  out += "</table>\n";
}

std::string_view ActOf(const CaseFile& file, uint64_t index) {
  for (const Step& step : file.timeline) {
    if (step.index == index) return step.act;
  }
  return "";
}

// The page's head: its policy (no script, nothing fetched), title and style.
std::string PageHead(const std::string& case_id) {
  return "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\n"
         "<meta http-equiv=\"Content-Security-Policy\" content=\"" +
         std::string(kCaseFilePolicy) +
         "\">\n"
         "<meta name=\"referrer\" content=\"no-referrer\">\n"
         "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\n<title>案卷 " +
         case_id + "</title>\n<style>" + kStyle + "</style></head><body>\n";
}

}  // namespace

std::string RenderCaseFileHtml(const CaseFile& file, const CaseFileAnchor& anchor) {
  const std::string case_id = HtmlEscape(file.case_id);
  std::string out = PageHead(case_id);

  const Cover& c = file.cover;
  out += "<h1>行政执法案卷</h1>\n<h2 class=\"first\">封面</h2>\n<table class=\"cover\">\n";
  out += "<tr><th>案件编号</th><td id=\"case-id\">" + case_id + "</td></tr>\n";
  for (const auto& [label, value] : CoverRows(c)) CoverRow(out, label, *value);
  out += Row("卷内件数", std::to_string(c.documents));
  out += "</table>\n";

  out += "<h2>卷内目录</h2>\n";
  Volume(out, file, kMainVolume);
  Volume(out, file, kRestrictedVolume);

  out += "<h2>文书摘要</h2>\n";
  for (std::string_view volume : {kMainVolume, kRestrictedVolume}) {
    for (const Document& d : file.Volume(volume)) {
      out += "<section class=\"doc-summary\"><h4>" + std::string(volume) + " " + std::to_string(d.seq) + " · " +
             HtmlEscape(d.title) + "</h4>\n<table>" + Row("文号", d.doc_no) + Row("责任者", d.responsible) +
             Row("日期", d.date) + "<tr><th>所载行为</th><td>" + std::string(ActOf(file, d.record_index)) + "（记录 " +
             std::to_string(d.record_index) + "）</td></tr>" + Row("文书格式范本", d.template_id) +
             "<tr><th>内容哈希 (SHA-256)</th><td class=\"hash\">" + HtmlEscape(d.content_hash) +
             "</td></tr></table></section>\n";
    }
  }

  out +=
      "<h2>办案时间线</h2>\n<table class=\"timeline\"><tr><th>记录</th><th>日期</th><th>记录时间</th><th>行为</th>"
      "<th>执法证号</th><th>姓名</th><th>规则提示</th></tr>\n";
  for (const Step& step : file.timeline) {
    std::string flags;
    for (const std::string& f : step.flags) flags += (flags.empty() ? "" : " ") + HtmlEscape(f);
    // The time the act claims and the time the log recorded it, side by side; 补录 marks declared backfill.
    const std::string recorded = step.recorded_at_ms == 0 ? "" : domain::FormatChinaTime(step.recorded_at_ms);
    out += "<tr><td>" + std::to_string(step.index) + "</td><td>" + HtmlEscape(step.date) + "</td><td>" +
           HtmlEscape(recorded) + (step.backfilled ? " <b>补录</b>" : "") + "</td><td>" + HtmlEscape(step.act) +
           "</td><td>" + HtmlEscape(step.actor_certificate_no) + "</td><td>" + HtmlEscape(step.actor_name) +
           "</td><td>" + flags + "</td></tr>\n";
  }
  out += "</table>\n";

  if (!file.flags.empty()) {
    out += "<h2>规则提示</h2>\n<table><tr><th>记录</th><th>规则</th><th>说明</th></tr>\n";
    for (const RaisedFlag& f : file.flags) {
      out += "<tr><td>" + std::to_string(f.index) + "</td><td>" + HtmlEscape(f.rule) + "</td><td>" +
             HtmlEscape(f.message) + "</td></tr>\n";
    }
    out += "</table>\n";
  }

  if (file.filing) {
    out += "<h2>备考表</h2>\n<table>" + Row("本卷情况说明", file.filing->note) + Row("立卷人", file.filing->filed_by) +
           Row("立卷日期", file.filing->filed_on) + "</table>\n";
  }

  out +=
      "<h2>校验信息</h2>\n<p "
      "class=\"note\">本案卷由同一导出包内经签名的记录生成，核验程序从这些记录重新生成本页并逐字节比对。"
      "导出包载有全部记录的原始字节、日志检查点及其签名、包含证明与案件头证明。受送达人可离线核验：<code>"
      "lawtrail-verify-export 导出包 --vkey 日志公钥</code>。</p>\n<table>" +
      Row("日志", anchor.origin) + Row("检查点", std::to_string(anchor.checkpoint_size) + " 条记录") +
      "<tr><th>根哈希</th><td class=\"hash\">" + HtmlEscape(anchor.checkpoint_root) + "</td></tr>" +
      Row("导出对象", anchor.recipient) + "</table>\n";
  out += "</body></html>\n";
  return out;
}

}  // namespace lawtrail::casefile

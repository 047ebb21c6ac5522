#include "projectors/case_file_html.h"

#include "projectors/html_escape.h"

namespace lawtrail::projectors {
namespace {

using json = nlohmann::json;

// A value as text: strings as they are, numbers and the rest as JSON.
std::string Text(const json& v) {
  if (v.is_null()) return "";
  return v.is_string() ? v.get<std::string>() : v.dump();
}

std::string Field(const json& object, const char* key) {
  return object.is_object() && object.contains(key) ? HtmlEscape(Text(object.at(key))) : "";
}

constexpr const char* kCoverOrder[] = {"案件名称", "当事人",  "处罚决定书文号", "办案机构", "立案日期", "结案日期",
                                       "案件类别", "程序",    "保管期限",       "归档号",   "卷内件数"};

constexpr char kStyle[] = R"css(
body{font-family:"WenQuanYi Zen Hei","Noto Sans CJK SC",sans-serif;margin:2em auto;max-width:60em;color:#111;line-height:1.5}
h1{text-align:center;letter-spacing:.3em}h2{border-bottom:2px solid #333;margin-top:2em}
table{border-collapse:collapse;width:100%;margin:.5em 0}th,td{border:1px solid #888;padding:.25em .5em;vertical-align:top}
th{background:#eee;text-align:left}.hash{font-family:monospace;font-size:.75em;word-break:break-all}
.cover th{width:10em}.note{font-size:.9em;color:#333}
@media print{h2{page-break-before:always}h2.first{page-break-before:avoid}}
)css";

void Volume(std::string& out, const json& file, const char* volume) {
  out += "<h3>" + std::string(volume) + "</h3>\n";
  const json& docs = file.contains(volume) ? file.at(volume) : json::array();
  if (docs.empty()) {
    out += "<p class=\"note\">（无）</p>\n";
    return;
  }
  out += "<table class=\"toc\" data-volume=\"" + std::string(volume) +
         "\"><tr><th>序号</th><th>文号</th><th>题名</th><th>责任者</th><th>日期</th><th>记录</th></tr>\n";
  for (const json& d : docs) {
    out += "<tr class=\"doc\" data-record=\"" + Field(d, "record_index") + "\" data-hash=\"" +
           Field(d, "content_hash") + "\"><td>" + Field(d, "序号") + "</td><td>" + Field(d, "文号") + "</td><td>" +
           Field(d, "题名") + "</td><td>" + Field(d, "责任者") + "</td><td>" + Field(d, "日期") + "</td><td>" +
           Field(d, "record_index") + "</td></tr>\n";
  }
  out += "</table>\n";
}

}  // namespace

std::string RenderCaseFileHtml(const json& file, const CaseFileAnchor& anchor) {
  const json& cover = file.contains("cover") ? file.at("cover") : json::object();
  const std::string case_id = Field(file, "case_id");
  std::string out;
  out += "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\n<title>案卷 " +
         case_id + "</title>\n<style>" + kStyle + "</style></head><body>\n";

  out += "<h1>行政执法案卷</h1>\n<h2 class=\"first\">封面</h2>\n<table class=\"cover\">\n";
  out += "<tr><th>案件编号</th><td id=\"case-id\">" + case_id + "</td></tr>\n";
  for (const char* key : kCoverOrder) {
    if (cover.contains(key)) out += "<tr><th>" + std::string(key) + "</th><td>" + Field(cover, key) + "</td></tr>\n";
  }
  out += "</table>\n";

  out += "<h2>卷内目录</h2>\n";
  Volume(out, file, "正卷");
  Volume(out, file, "副卷");

  out += "<h2>文书摘要</h2>\n";
  const json& timeline = file.contains("timeline") ? file.at("timeline") : json::array();
  auto event_of = [&](const json& index) -> std::string {
    for (const json& step : timeline) {
      if (step.contains("index") && step.at("index") == index) return Field(step, "event");
    }
    return "";
  };
  for (const char* volume : {"正卷", "副卷"}) {
    if (!file.contains(volume)) continue;
    for (const json& d : file.at(volume)) {
      out += "<section class=\"doc-summary\"><h4>" + std::string(volume) + " " + Field(d, "序号") + " · " +
             Field(d, "题名") + "</h4>\n<table><tr><th>文号</th><td>" + Field(d, "文号") +
             "</td></tr><tr><th>责任者</th><td>" + Field(d, "责任者") + "</td></tr><tr><th>日期</th><td>" +
             Field(d, "日期") + "</td></tr><tr><th>所载行为</th><td>" + event_of(d.value("record_index", json())) +
             "（记录 " + Field(d, "record_index") + "）</td></tr><tr><th>文书格式范本</th><td>" +
             Field(d, "template_id") + "</td></tr><tr><th>内容哈希 (SHA-256)</th><td class=\"hash\">" +
             Field(d, "content_hash") + "</td></tr></table></section>\n";
    }
  }

  out += "<h2>办案时间线</h2>\n<table class=\"timeline\"><tr><th>记录</th><th>日期</th><th>行为</th><th>执法证号</th>"
         "<th>姓名</th><th>规则提示</th></tr>\n";
  for (const json& step : timeline) {
    std::string flags;
    if (step.contains("flags")) {
      for (const json& f : step.at("flags")) flags += (flags.empty() ? "" : " ") + HtmlEscape(Text(f));
    }
    out += "<tr><td>" + Field(step, "index") + "</td><td>" + Field(step, "date") + "</td><td>" + Field(step, "event") +
           "</td><td>" + Field(step, "actor_certificate_no") + "</td><td>" + Field(step, "actor_name") + "</td><td>" +
           flags + "</td></tr>\n";
  }
  out += "</table>\n";

  if (file.contains("flags") && !file.at("flags").empty()) {
    out += "<h2>规则提示</h2>\n<table><tr><th>记录</th><th>规则</th><th>说明</th></tr>\n";
    for (const json& f : file.at("flags")) {
      out += "<tr><td>" + Field(f, "index") + "</td><td>" + Field(f, "rule") + "</td><td>" + Field(f, "message") +
             "</td></tr>\n";
    }
    out += "</table>\n";
  }

  if (file.contains("备考表")) {
    const json& note = file.at("备考表");
    out += "<h2>备考表</h2>\n<table><tr><th>本卷情况说明</th><td>" + Field(note, "本卷情况说明") +
           "</td></tr><tr><th>立卷人</th><td>" + Field(note, "立卷人") + "</td></tr><tr><th>立卷日期</th><td>" +
           Field(note, "立卷日期") + "</td></tr></table>\n";
  }

  out += "<h2>校验信息</h2>\n<p class=\"note\">本案卷由同一导出包内经签名的记录生成。导出包载有全部记录的原始字节、"
         "日志检查点及其签名、包含证明与案件头证明。受送达人可离线核验：<code>lawtrail-verify-export 导出包 --vkey "
         "日志公钥</code>。</p>\n<table><tr><th>日志</th><td>" +
         HtmlEscape(anchor.origin) + "</td></tr><tr><th>检查点</th><td>" + std::to_string(anchor.checkpoint_size) +
         " 条记录</td></tr><tr><th>根哈希</th><td class=\"hash\">" + HtmlEscape(anchor.checkpoint_root) +
         "</td></tr><tr><th>导出对象</th><td>" + HtmlEscape(anchor.recipient) + "</td></tr></table>\n";
  out += "</body></html>\n";
  return out;
}

}  // namespace lawtrail::projectors

// File: ledger/casefile/html_escape.h
// -----------------------------------------------------------------------------
// Text made safe for HTML element content and double-quoted attributes: the
// reports and case files render names and 文号 that come from the records.
#ifndef LAWTRAIL_LEDGER_CASEFILE_HTML_ESCAPE_H_
#define LAWTRAIL_LEDGER_CASEFILE_HTML_ESCAPE_H_

#include <string>
#include <string_view>

namespace lawtrail {

inline std::string HtmlEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace lawtrail

#endif  // LAWTRAIL_LEDGER_CASEFILE_HTML_ESCAPE_H_

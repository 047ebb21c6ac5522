// File: ledger/casefile/case_file_html.h
// -----------------------------------------------------------------------------
// The 案卷 of a case as one self-contained HTML page, for a court export: 封面,
// 卷内目录 (正卷, 副卷), each document's entry with its content hash and
// record, the timeline, the rule flags, the 备考表, and how to check it all.
// No script, nothing loaded from outside (the page carries a strict
// Content-Security-Policy of its own), no time of rendering: the same case
// file gives the same bytes, which is what lets the court's verifier render
// it again from the bundle's records and compare.
#ifndef LAWTRAIL_LEDGER_CASEFILE_CASE_FILE_HTML_H_
#define LAWTRAIL_LEDGER_CASEFILE_CASE_FILE_HTML_H_

#include <string>

#include "ledger/casefile/case_file.h"

namespace lawtrail::casefile {

struct CaseFileAnchor {
  std::string origin;
  uint64_t checkpoint_size = 0;
  std::string checkpoint_root;  // base64
  std::string recipient;        // whom the export is for
};

// What the page allows itself: its own inline style, nothing else.
inline constexpr const char* kCaseFilePolicy =
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; script-src 'none'; form-action 'none'; "
    "base-uri 'none'";

std::string RenderCaseFileHtml(const CaseFile& file, const CaseFileAnchor& anchor);

}  // namespace lawtrail::casefile

#endif  // LAWTRAIL_LEDGER_CASEFILE_CASE_FILE_HTML_H_

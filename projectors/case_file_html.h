// File: projectors/case_file_html.h
// -----------------------------------------------------------------------------
// The 案卷 of a case as one self-contained HTML page, rendered from the case
// file (ReadCaseFile's JSON) for a court export: 封面, 卷内目录 (正卷, 副卷),
// each document's entry with its content hash and record, the timeline, the
// rule flags, the 备考表, and how to check it all. No scripts, no external
// resources, no time of rendering: the same case file gives the same bytes.
#ifndef LAWTRAIL_PROJECTORS_CASE_FILE_HTML_H_
#define LAWTRAIL_PROJECTORS_CASE_FILE_HTML_H_

#include <nlohmann/json.hpp>

#include <string>

namespace lawtrail::projectors {

struct CaseFileAnchor {
  std::string origin;
  uint64_t checkpoint_size = 0;
  std::string checkpoint_root;  // base64
  std::string recipient;        // whom the export is for
};

std::string RenderCaseFileHtml(const nlohmann::json& case_file, const CaseFileAnchor& anchor);

}  // namespace lawtrail::projectors

#endif  // LAWTRAIL_PROJECTORS_CASE_FILE_HTML_H_

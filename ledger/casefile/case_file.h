// File: ledger/casefile/case_file.h
// -----------------------------------------------------------------------------
// The 案卷 of one case (R5; domain.md §6) as a function of its records: the
// cover, the 卷内目录 of the main volume (正卷) and the restricted one (副卷)
// in the filing order of case-file-order.tsv, the AV recordings, the
// timeline with each signer's name and certificate, the rule flags and the
// 备考表. The case file view (projectors/) and the court's bundle — built by
// the exporter and recomputed by the court's verifier — both come from here,
// so what a supervisor reads and what a court checks cannot drift apart.
//
// Example:
//   CaseFileBuilder b("青山镇〔2026〕第3号", "综合行政执法");
//   for (each record of the case, in log order) b.Add({index, st, flags, signer_name, agency_name});
//   CaseFile file = std::move(b).Finish();
#ifndef LAWTRAIL_LEDGER_CASEFILE_CASE_FILE_H_
#define LAWTRAIL_LEDGER_CASEFILE_CASE_FILE_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ledger/domain/challenge.h"
#include "ledger/domain/rules.h"
#include "schemas/statement_generated.h"

namespace lawtrail::casefile {

// Volume and rank of a document type for `department` in a case of `kind`
// (案件类别, e.g. 行政许可) by case-file-order.tsv: the department's own row,
// else the kind's, else the default; unknown types go last in the main volume.
struct Placement {
  std::string volume;  // 正卷 or 副卷
  int rank = 1000;
};
Placement PlaceDocument(std::string_view department, std::string_view kind, std::string_view doc_type);

inline constexpr std::string_view kMainVolume = "正卷";
inline constexpr std::string_view kRestrictedVolume = "副卷";

// One line of the 卷内目录.
struct Document {
  std::string volume;
  int rank = 1000;
  uint32_t seq = 0;                              // 序号 within the volume, from 1
  std::string doc_no, title, responsible, date;  // 文号, 题名, 责任者, 日期
  std::string content_hash;                      // hex SHA-256
  std::string template_id;
  uint64_t record_index = 0;
};

struct Interruption {
  int64_t stopped_at_ms = 0, resumed_at_ms = 0;
  std::string reason;
};
struct Recording {
  uint64_t record_index = 0;
  std::string content_hash;  // hex
  int64_t started_at_ms = 0, ended_at_ms = 0;
  std::string device_id;
  bool continuous = false;
  std::vector<Interruption> interruptions;
};

struct Step {
  uint64_t index = 0;
  int64_t occurred_at_ms = 0;
  std::string date;
  fb::Payload event = fb::Payload::NONE;
  std::string act;                               // its Chinese name (ActNameOf)
  std::string actor_certificate_no, actor_name;  // name "" when the registry has none
  std::vector<std::string> flags;                // rule ids
  int64_t recorded_at_ms = 0;                    // when the log recorded it
  bool backfilled = false;                       // 补录: inside a head's declared backfill
};

struct RaisedFlag {
  uint64_t index = 0;
  std::string rule, message;
};

struct Cover {
  std::optional<std::string> case_name, party, decision_no, agency, opened_on, closed_on, category, procedure,
      retention;
  std::optional<std::string> remedies;  // whether the decision stated the 复议 and suit routes: 已告知 / 未告知
  std::optional<std::string> challenges;  // 行政复议（平政复〔2025〕12号）维持；…
  std::optional<std::string> archive_no;  // given by the agency's archive: not derived from the case's records
  size_t documents = 0;                   // 卷内件数
};

struct FilingNote {  // 备考表
  std::string note, filed_by, filed_on;
};

struct CaseFile {
  std::string case_id;
  Cover cover;
  std::vector<Document> main, restricted;
  std::vector<Step> timeline;
  std::vector<Recording> av;
  std::vector<RaisedFlag> flags;
  std::optional<FilingNote> filing;

  const std::vector<Document>& Volume(std::string_view volume) const {
    return volume == kMainVolume ? main : restricted;
  }
};

// One record of the case, with what the rest of the log says about it.
struct CaseRecord {
  uint64_t index = 0;
  const fb::Statement* statement = nullptr;
  std::vector<domain::Flag> flags;  // raised when it was admitted
  std::string signer_name;          // the signer's name when it was recorded ("" unknown)
  std::string agency_name;          // the agency's name then
  int64_t recorded_at_ms = 0;       // the record's time recorded
  bool backfilled = false;          // its claimed time lies in a declared backfill (补录)
};

// The cover's rows as a 案卷封面 prints them, label and value; a row whose
// value is unset is left out.
std::vector<std::pair<const char*, const std::optional<std::string>*>> CoverRows(const Cover& c);

class CaseFileBuilder {
 public:
  // `department` places documents in volumes (case-file-order.tsv).
  CaseFileBuilder(std::string case_id, std::string department);
  // Records in log order.
  void Add(const CaseRecord& r);
  // Sorts each volume into filing order and numbers it.
  CaseFile Finish() &&;

 private:
  struct Pending {
    Document doc;
    size_t n = 0;  // order within its record
  };
  std::string department_;
  CaseFile file_;
  std::vector<Pending> documents_;
  std::vector<domain::Challenge> challenges_;

  void FoldCover(const fb::Statement& st, const std::string& day, const std::string& actor);
};

// The 备考表's 本卷情况说明 of a file of `documents` documents.
std::string FileNote(size_t documents);

}  // namespace lawtrail::casefile

#endif  // LAWTRAIL_LEDGER_CASEFILE_CASE_FILE_H_

// File: ledger/core/statement_files.h
// -----------------------------------------------------------------------------
// The files a signed statement names by SHA-256: its 文书 and other
// attachments, the audio/video recordings it carries (attached on their own
// or inside the act they record), and an item of evidence's file. The
// evidence store keeps exactly these; the case file lists them; an export
// carries them; the court's verifier checks each against its hash.
#ifndef LAWTRAIL_LEDGER_CORE_STATEMENT_FILES_H_
#define LAWTRAIL_LEDGER_CORE_STATEMENT_FILES_H_

#include <string>
#include <vector>

#include "ledger/core/bytes.h"
#include "schemas/statement_generated.h"

namespace lawtrail {

enum class FileKind { kDocument, kRecording, kEvidence };

struct NamedFile {
  Hash hash{};
  uint64_t size = 0;  // as the statement states it (0: not stated)
  FileKind kind = FileKind::kDocument;
  std::string title;     // an attachment's title, a recording's device, an evidence item's description
  std::string doc_type;  // 文书种类 (documents)
  std::string doc_no;    // 文号 (documents)
  std::string media_type;
};

// Recordings carried inside an act rather than by AvRecordingAttached.
const flatbuffers::Vector<flatbuffers::Offset<fb::AvRecording>>* InlineRecordings(const fb::Statement& st);

// Every file `st` names, in the order it names them; a hash that is not 32
// bytes is not a file name and is left out (admission refuses none of these,
// so the list is what the signer named, nothing more).
std::vector<NamedFile> FilesNamedBy(const fb::Statement& st);

}  // namespace lawtrail

#endif  // LAWTRAIL_LEDGER_CORE_STATEMENT_FILES_H_

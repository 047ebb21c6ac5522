#include "ledger/core/statement_files.h"

#include <algorithm>

#include "ledger/core/fb_string.h"

namespace lawtrail {
namespace {

bool HashOf(const flatbuffers::Vector<uint8_t>* v, Hash& out) {
  if (v == nullptr || v->size() != out.size()) return false;
  std::copy(v->begin(), v->end(), out.begin());
  return true;
}

void AddRecording(std::vector<NamedFile>& out, const fb::AvRecording* av) {
  NamedFile f;
  if (av == nullptr || !HashOf(av->content_hash(), f.hash)) return;
  f.size = av->size();
  f.kind = FileKind::kRecording;
  f.title = Str(av->device_id());
  f.media_type = "video/mp4";
  out.push_back(std::move(f));
}

}  // namespace

const flatbuffers::Vector<flatbuffers::Offset<fb::AvRecording>>* InlineRecordings(const fb::Statement& st) {
  switch (st.payload_type()) {
    case fb::Payload::CoerciveMeasureTaken: return st.payload_as_CoerciveMeasureTaken()->av();
    case fb::Payload::HearingHeld: return st.payload_as_HearingHeld()->av();
    case fb::Payload::DocumentServed: return st.payload_as_DocumentServed()->av();
    case fb::Payload::EnforcementExecuted: return st.payload_as_EnforcementExecuted()->av();
    default: return nullptr;
  }
}

std::vector<NamedFile> FilesNamedBy(const fb::Statement& st) {
  std::vector<NamedFile> out;
  if (st.attachments() != nullptr) {
    for (const auto* a : *st.attachments()) {
      NamedFile f;
      if (!HashOf(a->content_hash(), f.hash)) continue;
      f.size = a->size();
      f.title = Str(a->title());
      f.doc_type = Str(a->doc_type());
      f.doc_no = Str(a->doc_no());
      f.media_type = Str(a->media_type());
      out.push_back(std::move(f));
    }
  }
  if (const auto* attached = st.payload_as_AvRecordingAttached()) AddRecording(out, attached->recording());
  if (const auto* inline_av = InlineRecordings(st)) {
    for (const auto* av : *inline_av) AddRecording(out, av);
  }
  if (const auto* e = st.payload_as_EvidenceRecorded()) {
    NamedFile f;
    if (HashOf(e->content_hash(), f.hash)) {
      f.kind = FileKind::kEvidence;
      f.title = Str(e->description());
      out.push_back(std::move(f));
    }
  }
  return out;
}

}  // namespace lawtrail

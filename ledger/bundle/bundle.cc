#include "ledger/bundle/bundle.h"

#include "ledger/core/fb_string.h"
#include "schemas/export_generated.h"

namespace lawtrail::bundle {
namespace {

using flatbuffers::FlatBufferBuilder;
using flatbuffers::Offset;

Offset<flatbuffers::Vector<const fb::Hash32*>> PackHashes(FlatBufferBuilder& b, const std::vector<Hash>& hashes) {
  std::vector<fb::Hash32> out;
  out.reserve(hashes.size());
  for (const Hash& h : hashes) out.emplace_back(flatbuffers::span<const uint8_t, 32>(h.data(), 32));
  return b.CreateVectorOfStructs(out);
}

Offset<flatbuffers::Vector<Offset<fb::ExportedRecord>>> PackRecords(FlatBufferBuilder& b,
                                                                    const std::vector<Record>& records) {
  std::vector<Offset<fb::ExportedRecord>> out;
  out.reserve(records.size());
  for (const Record& r : records) out.push_back(fb::CreateExportedRecord(b, r.index, b.CreateVector(r.bytes)));
  return b.CreateVector(out);
}

Bytes BytesOf(const flatbuffers::Vector<uint8_t>* v) { return v == nullptr ? Bytes() : Bytes(v->begin(), v->end()); }

std::vector<Hash> HashesOf(const flatbuffers::Vector<const fb::Hash32*>* v) {
  std::vector<Hash> out;
  if (v == nullptr) return out;
  for (const fb::Hash32* h : *v) {
    Hash x;
    std::copy(h->bytes()->begin(), h->bytes()->end(), x.begin());
    out.push_back(x);
  }
  return out;
}

std::vector<Record> RecordsOf(const flatbuffers::Vector<Offset<fb::ExportedRecord>>* v) {
  std::vector<Record> out;
  if (v == nullptr) return out;
  for (const fb::ExportedRecord* r : *v) out.push_back({r->index(), BytesOf(r->bytes())});
  return out;
}

}  // namespace

Document DocumentOf(const casefile::Document& d) {
  auto hash = FromHex(d.content_hash);
  return {d.volume, d.seq, d.doc_no, d.title, d.responsible, d.date, hash.ok() ? *hash : Bytes(), d.record_index};
}

Bytes Pack(const Parts& p) {
  FlatBufferBuilder b(64 * 1024);
  std::vector<Offset<fb::ExportConsistency>> consistency;
  for (const Consistency& c : p.consistency) {
    consistency.push_back(fb::CreateExportConsistency(b, c.from_size, c.to_size, PackHashes(b, c.hashes)));
  }
  std::vector<Offset<fb::ExportOpening>> openings;
  for (const Opening& o : p.openings) {
    openings.push_back(fb::CreateExportOpening(b, o.record_index, b.CreateString(o.field), b.CreateVector(o.salt),
                                               b.CreateString(o.value)));
  }
  std::vector<Offset<fb::ExportAttachment>> attachments;
  for (const Attachment& a : p.attachments) {
    const auto file = a.file ? b.CreateVector(*a.file) : Offset<flatbuffers::Vector<uint8_t>>();
    attachments.push_back(fb::CreateExportAttachment(b, a.record_index,
                                                     b.CreateVector(a.content_hash.data(), a.content_hash.size()),
                                                     a.size, b.CreateString(a.media_type), b.CreateString(a.title),
                                                     b.CreateString(a.doc_type), b.CreateString(a.doc_no), file));
  }
  std::vector<Offset<fb::ExportDocument>> documents;
  for (const Document& d : p.documents) {
    documents.push_back(fb::CreateExportDocument(
        b, b.CreateString(d.volume), d.seq, b.CreateString(d.doc_no), b.CreateString(d.title),
        b.CreateString(d.responsible), b.CreateString(d.date), b.CreateVector(d.content_hash), d.record_index));
  }
  const auto origin = b.CreateString(p.origin);
  const auto vkey = b.CreateString(p.verifier_key);
  const auto case_id = b.CreateString(p.case_id);
  const auto checkpoint = b.CreateString(p.checkpoint);
  const auto records = PackRecords(b, p.records);
  const auto registry = PackRecords(b, p.registry_records);
  const auto inclusion = PackHashes(b, p.inclusion_proof);
  const auto case_head = PackHashes(b, p.case_head_proof);
  const auto registry_head = PackHashes(b, p.registry_head_proof);
  const auto consistency_list = b.CreateVector(consistency);
  const auto opening_list = b.CreateVector(openings);
  const auto attachment_list = b.CreateVector(attachments);
  const auto document_list = b.CreateVector(documents);
  const auto html = b.CreateString(p.case_file_html);
  const auto stamp = p.checkpoint_timestamp.empty() ? 0 : b.CreateVector(p.checkpoint_timestamp);
  fb::FinishCaseExportBuffer(b, fb::CreateCaseExport(b, p.format_version, origin, vkey, case_id, checkpoint, records,
                                                     registry, inclusion, case_head, registry_head, consistency_list,
                                                     opening_list, attachment_list, document_list, html, stamp));
  return Bytes(b.GetBufferPointer(), b.GetBufferPointer() + b.GetSize());
}

Result<Parts> Unpack(ByteView bundle) {
  Bytes aligned_copy;
  bundle = AlignedForFlatBuffers(bundle, aligned_copy);
  flatbuffers::Verifier structure(bundle.data(), bundle.size());
  if (bundle.size() < 8 || !fb::CaseExportBufferHasIdentifier(bundle.data()) ||
      !fb::VerifyCaseExportBuffer(structure)) {
    return Status::Corruption("not a lawtrail case export (LTEX), or its structure is damaged");
  }
  const fb::CaseExport& e = *fb::GetCaseExport(bundle.data());
  Parts p;
  p.format_version = e.format_version();
  p.origin = Str(e.origin());
  p.verifier_key = Str(e.verifier_key());
  p.case_id = Str(e.case_id());
  p.checkpoint = Str(e.checkpoint());
  p.records = RecordsOf(e.records());
  p.registry_records = RecordsOf(e.registry_records());
  p.inclusion_proof = HashesOf(e.inclusion_proof());
  p.case_head_proof = HashesOf(e.case_head_proof());
  p.registry_head_proof = HashesOf(e.registry_head_proof());
  if (e.consistency() != nullptr) {
    for (const auto* c : *e.consistency())
      p.consistency.push_back({c->from_size(), c->to_size(), HashesOf(c->hashes())});
  }
  if (e.openings() != nullptr) {
    for (const auto* o : *e.openings())
      p.openings.push_back({o->record_index(), Str(o->field()), BytesOf(o->salt()), Str(o->value())});
  }
  if (e.attachments() != nullptr) {
    for (const auto* a : *e.attachments()) {
      Attachment x{a->record_index(), {},          a->size(), Str(a->media_type()), Str(a->title()), Str(a->doc_type()),
                   Str(a->doc_no()),  std::nullopt};
      const Bytes hash = BytesOf(a->content_hash());
      std::copy_n(hash.begin(), std::min(hash.size(), x.content_hash.size()), x.content_hash.begin());
      if (a->file() != nullptr) x.file = BytesOf(a->file());
      p.attachments.push_back(std::move(x));
    }
  }
  if (e.documents() != nullptr) {
    for (const auto* d : *e.documents()) {
      p.documents.push_back({Str(d->volume()), d->seq(), Str(d->doc_no()), Str(d->title()), Str(d->responsible()),
                             Str(d->date()), BytesOf(d->content_hash()), d->record_index()});
    }
  }
  p.case_file_html = Str(e.case_file_html());
  if (e.checkpoint_timestamp() != nullptr) p.checkpoint_timestamp = BytesOf(e.checkpoint_timestamp());
  return p;
}

}  // namespace lawtrail::bundle

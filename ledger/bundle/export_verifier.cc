#include "ledger/bundle/export_verifier.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <thread>
#include <tuple>

#include "ledger/bundle/bundle.h"
#include "ledger/casefile/case_file_html.h"
#include "ledger/casefile/case_replay.h"
#include "ledger/casefile/labels.h"
#include "ledger/core/canonical.h"
#include "ledger/core/case_head_map.h"
#include "ledger/core/checkpoint.h"
#include "ledger/core/fb_string.h"
#include "ledger/core/log_format.h"
#include "ledger/core/merkle.h"
#include "ledger/core/record_check.h"
#include "ledger/core/sha256.h"
#include "ledger/domain/calendar.h"
#include "ledger/domain/registry.h"

namespace lawtrail {
namespace {

constexpr size_t kTimelineEnds = 50;  // a longer timeline shows its first and last 50 events

ByteView View(const flatbuffers::Vector<uint8_t>* v) {
  return v == nullptr ? ByteView() : ByteView(v->data(), v->size());
}

// One record of the bundle, opened.
struct Opened {
  const char* list;  // "records" or "registry_records"
  size_t position;
  OpenedRecord record;
  std::string Where() const {
    return std::string(list) + "[" + std::to_string(position) + "] (index " + std::to_string(record.record->index()) +
           ")";
  }
};

class Check {
 public:
  Check(const bundle::Parts& bundle, const ExportCheckOptions& options, ExportReport& report)
      : b_(bundle), options_(options), r_(report) {}

  Status Run() {
    LAWTRAIL_RETURN_IF_ERROR(CheckCheckpoint());
    LAWTRAIL_RETURN_IF_ERROR(CheckTrusted());
    LAWTRAIL_RETURN_IF_ERROR(OpenAll(b_.records, "records", b_.case_id, records_));
    LAWTRAIL_RETURN_IF_ERROR(OpenAll(b_.registry_records, "registry_records", kRegistryCaseId, registry_));
    r_.records = records_.size();
    r_.registry_records = registry_.size();
    r_.signatures = records_.size() + registry_.size();
    Passed("signatures: " + std::to_string(r_.signatures) +
           " records parse and their statements' Ed25519 "
           "signatures verify (" +
           std::to_string(r_.records) + " of the case, " + std::to_string(r_.registry_records) + " of the registry)");
    // The registry first, complete, so that each signer is judged by the
    // registry as it stood; then the case, complete; then the binding of
    // every record to the checkpoint's tree. Each check names a record where
    // the later ones could only say that something differs.
    LAWTRAIL_RETURN_IF_ERROR(CheckChain(registry_, kRegistryCaseId));
    LAWTRAIL_RETURN_IF_ERROR(CheckHead(registry_, kRegistryCaseId, b_.registry_head_proof, "registry_head_proof"));
    LAWTRAIL_RETURN_IF_ERROR(CheckAuthority());
    LAWTRAIL_RETURN_IF_ERROR(CheckChain(records_, b_.case_id));
    LAWTRAIL_RETURN_IF_ERROR(CheckHead(records_, b_.case_id, b_.case_head_proof, "case_head_proof"));
    LAWTRAIL_RETURN_IF_ERROR(CheckAdmission());
    LAWTRAIL_RETURN_IF_ERROR(CheckInclusion());
    LAWTRAIL_RETURN_IF_ERROR(CheckOpenings());
    LAWTRAIL_RETURN_IF_ERROR(CheckAttachments());
    LAWTRAIL_RETURN_IF_ERROR(CheckDocuments());
    LAWTRAIL_RETURN_IF_ERROR(CheckCaseFileHtml());
    Summarise();
    return Status::Ok();
  }

 private:
  Status Fail(std::string part, std::string why) {
    r_.failure = std::move(part);
    return Status::Corruption(r_.failure + ": " + why);
  }
  void Passed(std::string line) { r_.checked.push_back(std::move(line)); }

  Status CheckCheckpoint() {
    const std::string expected_key = note::EncodeVerifier(options_.vkey.name, options_.vkey.public_key);
    if (b_.verifier_key != expected_key) {
      return Fail("verifier_key", "the bundle names the log key '" + b_.verifier_key +
                                      "', not the one given to check it with ('" + expected_key + "')");
    }
    auto cp = OpenCheckpoint(b_.checkpoint, options_.vkey);
    if (!cp.ok()) return Fail("checkpoint", "not signed by the log key: " + cp.status().message());
    if (cp->origin != b_.origin) {
      return Fail("checkpoint", "its origin '" + cp->origin + "' is not the bundle's '" + b_.origin + "'");
    }
    auto heads = cp->CaseHeadsRoot();
    if (!heads.ok()) return Fail("checkpoint", heads.status().message());
    checkpoint_ = *cp;
    heads_root_ = *heads;
    r_.origin = cp->origin;
    r_.checkpoint_size = cp->size;
    Passed("checkpoint: signed by the log key " + options_.vkey.name + ", " + std::to_string(cp->size) +
           " records, with the case-head map root");
    if (options_.policy) {
      if (auto witnessed = policy::OpenCheckpoint(*options_.policy, b_.checkpoint); !witnessed.ok()) {
        return Fail("witnesses", witnessed.status().message() + " (cosigned by " +
                                     policy::DescribeCosigners(*options_.policy, b_.checkpoint) + ")");
      }
      Passed("witnesses: the checkpoint meets the policy's quorum; cosigned by " +
             policy::DescribeCosigners(*options_.policy, b_.checkpoint));
    }
    if (!b_.checkpoint_timestamp.empty()) {
      r_.timestamp_bytes = b_.checkpoint_timestamp.size();
      // This verifier links no X.509 code; the token is OpenSSL's to check.
      Passed("time-stamp: an RFC 3161 token over the checkpoint's body is included (" +
             std::to_string(r_.timestamp_bytes) +
             " bytes): `lawtrail verify-export --tsa-ca CA.pem` or `openssl ts -verify` checks it");
    }
    return Status::Ok();
  }

  Status CheckTrusted() {
    if (!options_.trusted_checkpoint) return Status::Ok();
    auto trusted = OpenCheckpoint(*options_.trusted_checkpoint, options_.vkey);
    if (!trusted.ok()) return Fail("trusted checkpoint", "not signed by the log key: " + trusted.status().message());
    r_.trusted_size = trusted->size;
    const Checkpoint& ours = checkpoint_;
    if (trusted->size == ours.size) {
      if (trusted->root != ours.root) return Fail("trusted checkpoint", "same size, different root: the log forked");
      Passed("trusted checkpoint: the same tree as the bundle's");
      return Status::Ok();
    }
    const Checkpoint& older = trusted->size < ours.size ? *trusted : ours;
    const Checkpoint& newer = trusted->size < ours.size ? ours : *trusted;
    std::vector<Hash> proof = options_.consistency;
    bool found = !proof.empty();
    for (const bundle::Consistency& c : b_.consistency) {
      if (c.from_size == older.size && c.to_size == newer.size) {
        proof = c.hashes;
        found = true;
      }
    }
    if (!found && older.size > 0) {
      return Fail("consistency", "no consistency proof between sizes " + std::to_string(older.size) + " and " +
                                     std::to_string(newer.size) + " in the bundle or beside it");
    }
    std::vector<Bytes> hashes;
    for (const Hash& h : proof) hashes.emplace_back(h.begin(), h.end());
    if (Status s = merkle::VerifyConsistency(older.size, newer.size, older.root, newer.root, hashes); !s.ok()) {
      return Fail("consistency", "the tree of " + std::to_string(older.size) +
                                     " records is not a prefix of the tree of " + std::to_string(newer.size) + ": " +
                                     s.message());
    }
    Passed("trusted checkpoint: " + std::to_string(trusted->size) + " records, consistent with the bundle's");
    return Status::Ok();
  }

  Status OpenAll(const std::vector<bundle::Record>& list, const char* name, std::string_view case_id,
                 std::vector<Opened>& out) {
    if (list.empty()) return Fail(name, "holds no record");
    // The signatures, the bulk of the work, on every core; the rest in order.
    std::vector<Result<OpenedRecord>> opened_all;
    opened_all.reserve(list.size());
    for (size_t i = 0; i < list.size(); ++i) opened_all.emplace_back(Status::Internal("not opened"));
    const size_t threads = std::clamp<size_t>(std::thread::hardware_concurrency(), 1, 16);
    const size_t per = (list.size() + threads - 1) / threads;
    std::vector<std::thread> workers;
    for (size_t begin = 0; begin < list.size(); begin += per) {
      workers.emplace_back([&, begin] {
        for (size_t i = begin; i < std::min(list.size(), begin + per); ++i) {
          opened_all[i] = OpenRecord(list[i].bytes, list[i].index);
        }
      });
    }
    for (std::thread& t : workers) t.join();
    std::optional<uint64_t> previous;
    for (size_t i = 0; i < list.size(); ++i) {
      const bundle::Record& e = list[i];
      auto where = [&] {
        return std::string(name) + "[" + std::to_string(i) + "] (index " + std::to_string(e.index) + ")";
      };
      if (e.index >= checkpoint_.size) {
        return Fail(where(), "is beyond the checkpoint's " + std::to_string(checkpoint_.size) + " records");
      }
      if (previous && e.index <= *previous) return Fail(where(), "is not after the record before it");
      previous = e.index;
      Result<OpenedRecord>& opened = opened_all[i];
      if (!opened.ok()) return Fail(where(), opened.status().message());
      if (opened->statement.statement->case_id()->string_view() != case_id) {
        return Fail(where(), "belongs to case '" + opened->statement.statement->case_id()->str() + "', not '" +
                                 std::string(case_id) + "'");
      }
      out.push_back({name, i, std::move(*opened)});
    }
    return Status::Ok();
  }

  Status CheckInclusion() {
    std::vector<const Opened*> all;
    for (const Opened& o : records_) all.push_back(&o);
    for (const Opened& o : registry_) all.push_back(&o);
    std::sort(all.begin(), all.end(),
              [](const Opened* a, const Opened* b) { return a->record.record->index() < b->record.record->index(); });
    std::vector<uint64_t> indexes;
    std::vector<Hash> leaves;
    for (const Opened* o : all) {
      indexes.push_back(o->record.record->index());
      leaves.push_back(o->record.leaf);
    }
    const std::vector<Hash>& proof = b_.inclusion_proof;
    r_.proof_hashes = proof.size();
    auto root = merkle::RootFromMultiInclusionProof(indexes, leaves, checkpoint_.size, proof);
    if (!root.ok()) return Fail("inclusion_proof", root.status().message());
    if (*root != checkpoint_.root) {
      return Fail("inclusion_proof",
                  "the records and the proof give a root other than the checkpoint's: a record "
                  "or a proof hash is not what the log holds");
    }
    Passed("inclusion: one proof of " + std::to_string(proof.size()) + " hashes gives the checkpoint's root from all " +
           std::to_string(indexes.size()) + " records");
    return Status::Ok();
  }

  Status CheckChain(const std::vector<Opened>& list, std::string_view case_id) {
    CaseHead head;
    for (const Opened& o : list) {
      if (Status s = CheckCaseLink(*o.record.record, head, case_id); !s.ok()) {
        return Fail(o.Where(), "the case chain breaks: " + s.message() +
                                   (o.record.record->case_version() > head.version + 1
                                        ? " (a record of the case is missing before it)"
                                        : ""));
      }
      head = CaseHead{head.version + 1, o.record.leaf};
    }
    Passed(std::string("chain: ") + (case_id == kRegistryCaseId ? "the registry's " : "the case's ") +
           std::to_string(list.size()) + " records are versions 1–" + std::to_string(list.size()) +
           ", each linked to the one before");
    return Status::Ok();
  }

  Status CheckHead(const std::vector<Opened>& list, std::string_view case_id, const std::vector<Hash>& proof,
                   const char* part) {
    const Opened& last = list.back();
    const Hash key = case_map::KeyOf(case_id);
    const Hash leaf =
        case_map::LeafOf(key, last.record.record->index(), last.record.leaf, last.record.record->case_version());
    if (proof.size() > case_map::kMaxDepth || case_map::RootFromProof(key, leaf, proof) != heads_root_) {
      return Fail(part, "the checkpoint's case-head map does not end " +
                            std::string(case_id == kRegistryCaseId ? "the registry" : "the case") + " at " +
                            last.Where() + ", version " + std::to_string(last.record.record->case_version()) +
                            ": a later record is left out, or the proof is altered");
    }
    if (case_id != kRegistryCaseId) r_.case_head_proof_hashes = proof.size();
    Passed(std::string("complete: the checkpoint's case-head map ends ") +
           (case_id == kRegistryCaseId ? "the registry" : "the case") + " at its last record here (index " +
           std::to_string(last.record.record->index()) + "): no later record is left out");
    return Status::Ok();
  }

  Status CheckAuthority() {
    // Every signer as the registry stood when the log recorded the act:
    // registry and case records replayed together in log order.
    size_t i = 0, j = 0;
    Registry registry;
    while (i < records_.size() || j < registry_.size()) {
      const bool take_registry =
          j < registry_.size() &&
          (i == records_.size() || registry_[j].record.record->index() < records_[i].record.record->index());
      const Opened& o = take_registry ? registry_[j++] : records_[i++];
      const fb::Statement& st = *o.record.statement.statement;
      if (Status s = registry.Authorize(st, o.record.statement.signer, o.record.record->time_recorded_ms()); !s.ok()) {
        return Fail(o.Where(), "its signer was not entitled to sign it then: " + s.message());
      }
      if (take_registry) {
        if (Status s = registry.CheckEvent(st); !s.ok()) return Fail(o.Where(), s.message());
        registry.Apply(st, o.record.record->index());
      }
    }
    Passed(
        "signers: every record was signed by a key the registry held for its signer, with the role its act "
        "needs, valid at the time the log recorded it");
    return Status::Ok();
  }

  Status CheckAdmission() {
    // Every record admitted again as the log stood when it recorded it:
    // registry and case replayed together in log order, each signer judged by
    // the registry of that moment, each act by the procedure rules against
    // the case before it. This gives back the flags the log raised, and the
    // case file the records make (checked against the bundle's below).
    std::vector<casefile::LoggedRecord> lists[2];
    for (int l = 0; l < 2; ++l) {
      for (const Opened& o : l == 0 ? registry_ : records_) {
        lists[l].push_back(
            {o.record.record->index(), o.record.record->time_recorded_ms(), o.record.leaf, &o.record.statement});
      }
    }
    replayed_ = casefile::ReplayCaseFile(b_.origin, b_.case_id, lists[0], lists[1]);
    if (!replayed_.status.ok()) {
      const Opened& o = (replayed_.refused_in_registry ? registry_ : records_)[replayed_.refused];
      const Status& why = replayed_.status;
      return Fail(o.Where(),
                  "its signer was not entitled to it, or it breaks a procedure rule, as the log stood "
                  "then: would not have been admitted: " +
                      (why.rule().empty() ? "" : "[" + why.rule() + "] ") + why.message());
    }
    Passed(
        "admission: every record, replayed in log order, is one the log could admit when it recorded it — each "
        "signer held a key and the role the act needs, valid then, and each act follows the procedure rules; " +
        std::to_string(replayed_.file.flags.size()) + " rule flags raised");
    return Status::Ok();
  }

  const fb::CaseExported* ExportEvent() const {
    for (auto it = records_.rbegin(); it != records_.rend(); ++it) {
      if (const auto* e = it->record.statement.statement->payload_as_CaseExported()) return e;
    }
    return nullptr;
  }

  const Opened* RecordAt(uint64_t index) const {
    auto it = std::lower_bound(records_.begin(), records_.end(), index,
                               [](const Opened& o, uint64_t i) { return o.record.record->index() < i; });
    return it != records_.end() && it->record.record->index() == index ? &*it : nullptr;
  }

  Status CheckOpenings() {
    if (b_.openings.empty()) return Status::Ok();
    const fb::CaseExported* exported = ExportEvent();
    std::set<std::string> allowed;
    if (exported != nullptr && exported->reveal_fields() != nullptr) {
      for (const auto* f : *exported->reveal_fields()) allowed.insert(f->str());
    }
    for (size_t i = 0; i < b_.openings.size(); ++i) {
      const bundle::Opening& o = b_.openings[i];
      const std::string where =
          "openings[" + std::to_string(i) + "] (" + o.field + " of index " + std::to_string(o.record_index) + ")";
      if (!allowed.contains(o.field)) {
        return Fail(where, "the export event of the case does not reveal this field");
      }
      const Opened* record = RecordAt(o.record_index);
      if (record == nullptr) return Fail(where, "names a record that is not in the bundle");
      const fb::SealedField* sealed = nullptr;
      if (const auto* fields = record->record.statement.statement->sealed()) {
        for (const fb::SealedField* f : *fields) {
          if (StrView(f->field()) == o.field) sealed = f;
        }
      }
      if (sealed == nullptr) return Fail(where, "the record seals no such field");
      const Hash commitment = CommitmentOf(o.salt, o.value);
      const ByteView signed_commitment = View(sealed->commitment());
      if (!std::equal(commitment.begin(), commitment.end(), signed_commitment.begin(), signed_commitment.end())) {
        return Fail(where, "the value and salt do not give the commitment the record's signer signed");
      }
      ++r_.openings;
    }
    Passed("openings: " + std::to_string(r_.openings) + " revealed values match the commitments signed in the records");
    return Status::Ok();
  }

  Status CheckAttachments() {
    // The manifest must be exactly the attachments the records name, in order.
    std::vector<std::pair<uint64_t, const fb::Attachment*>> named;
    for (const Opened& o : records_) {
      if (const auto* list = o.record.statement.statement->attachments()) {
        for (const fb::Attachment* a : *list) named.emplace_back(o.record.record->index(), a);
      }
    }
    const size_t listed = b_.attachments.size();
    if (listed != named.size()) {
      return Fail("attachments", "the manifest lists " + std::to_string(listed) + " attachments; the records name " +
                                     std::to_string(named.size()));
    }
    for (size_t i = 0; i < listed; ++i) {
      const bundle::Attachment& e = b_.attachments[i];
      const auto& [index, a] = named[i];
      const std::string where = "attachments[" + std::to_string(i) + "] (" + Str(a->doc_type()) + " " +
                                Str(a->doc_no()) + ", index " + std::to_string(index) + ")";
      const ByteView named_hash = View(a->content_hash());
      const bool same =
          e.record_index == index &&
          std::equal(e.content_hash.begin(), e.content_hash.end(), named_hash.begin(), named_hash.end()) &&
          e.size == a->size() && e.media_type == StrView(a->media_type()) && e.title == StrView(a->title()) &&
          e.doc_type == StrView(a->doc_type()) && e.doc_no == StrView(a->doc_no());
      if (!same) return Fail(where, "the manifest entry differs from the attachment the record names");
      if (e.file) {
        if (e.file->size() != a->size() || Sha256(*e.file) != e.content_hash) {
          return Fail(where, "the file is not the one the record names: its SHA-256 or size differs");
        }
        ++r_.files;
      }
    }
    r_.attachments = listed;
    Passed("attachments: the manifest lists the " + std::to_string(listed) + " attachments the records name; " +
           std::to_string(r_.files) + " files included match their hashes and sizes");
    return Status::Ok();
  }

  // The 卷内目录 the bundle lists must be exactly the one the records make:
  // every line, every field, in order.
  Status CheckDocuments() {
    std::vector<bundle::Document> expected;
    for (std::string_view volume : {casefile::kMainVolume, casefile::kRestrictedVolume}) {
      for (const casefile::Document& d : replayed_.file.Volume(volume)) expected.push_back(bundle::DocumentOf(d));
    }
    const size_t n = std::min(expected.size(), b_.documents.size());
    for (size_t i = 0; i < n; ++i) {
      const bundle::Document& got = b_.documents[i];
      const bundle::Document& want = expected[i];
      const std::string where = "documents[" + std::to_string(i) + "] (" + want.volume + " " +
                                std::to_string(want.seq) + " · " + want.title + ", index " +
                                std::to_string(want.record_index) + ")";
      for (const auto& [field, same] : std::initializer_list<std::pair<const char*, bool>>{
               {"volume (卷别)", got.volume == want.volume},
               {"order (序号)", got.seq == want.seq},
               {"文号", got.doc_no == want.doc_no},
               {"title (题名)", got.title == want.title},
               {"responsible person (责任者)", got.responsible == want.responsible},
               {"date (日期)", got.date == want.date},
               {"content hash", got.content_hash == want.content_hash},
               {"record", got.record_index == want.record_index}}) {
        if (!same) return Fail(where, "its " + std::string(field) + " is not what the records give");
      }
    }
    if (b_.documents.size() != expected.size()) {
      return Fail("documents", "the case file's 卷内目录 lists " + std::to_string(b_.documents.size()) +
                                   " documents; the records give " + std::to_string(expected.size()));
    }
    r_.documents = expected.size();
    Passed("卷内目录: its " + std::to_string(expected.size()) +
           " lines are exactly those the records give — volume, 序号, 文号, 题名, 责任者, 日期, hash and record");
    return Status::Ok();
  }

  // The page a court reads must be the page the records make, byte for byte:
  // nothing in it (a name, a date, a script, an image) can come from anywhere else.
  Status CheckCaseFileHtml() {
    const std::string expected = casefile::RenderCaseFileHtml(
        replayed_.file, {checkpoint_.origin, checkpoint_.size, ToBase64(checkpoint_.root), replayed_.recipient});
    const std::string& got = b_.case_file_html;
    if (got != expected) {
      const auto [at, ignored] = std::mismatch(got.begin(), got.end(), expected.begin(), expected.end());
      const size_t offset = static_cast<size_t>(at - got.begin());
      const size_t line = 1 + static_cast<size_t>(std::count(got.begin(), at, '\n'));
      return Fail("case_file_html", "the case file page is not the one the records give: it differs at byte " +
                                        std::to_string(offset) + " (line " + std::to_string(line) + "; " +
                                        std::to_string(got.size()) + " bytes, the records' page " +
                                        std::to_string(expected.size()) + ")");
    }
    Passed(
        "case file: the page (" + std::to_string(got.size()) +
        " bytes: 封面, 卷内目录, 文书摘要, 时间线, 规则提示, "
        "备考表) is byte for byte the one the verified records give, with no script and nothing loaded from outside");
    return Status::Ok();
  }

  void Summarise() {
    std::vector<std::string>& s = r_.summary;
    const fb::Statement& first = *records_.front().record.statement.statement;
    if (const auto* opened = first.payload_as_CaseOpened()) {
      s.push_back("案由 " + Str(opened->cause()) + " · " + fb::EnumNameCaseCategory(opened->category()) + ", " +
                  fb::EnumNameProcedure(opened->procedure()) + " procedure");
    }
    s.push_back(std::to_string(records_.size()) + " records, recorded " +
                ChinaDay(records_.front().record.record->time_recorded_ms()) + " to " +
                ChinaDay(records_.back().record.record->time_recorded_ms()) + " (China time)");
    for (const Opened& o : records_) {
      if (const auto* d = o.record.statement.statement->payload_as_DecisionIssued()) {
        s.push_back("决定书 " + Str(d->decision_no()) + " (index " + std::to_string(o.record.record->index()) + ")");
      }
    }
    if (const fb::CaseExported* e = ExportEvent()) {
      std::string fields;
      if (e->reveal_fields() != nullptr) {
        for (const auto* f : *e->reveal_fields()) fields += (fields.empty() ? "" : ", ") + f->str();
      }
      s.push_back("exported to " + Str(e->recipient()) + (fields.empty() ? "" : ", revealing " + fields) +
                  (e->with_files() ? ", with files" : ""));
    }
    s.push_back("timeline:");
    for (size_t i = 0; i < records_.size(); ++i) {
      if (records_.size() > 2 * kTimelineEnds && i == kTimelineEnds) {
        s.push_back("  … " + std::to_string(records_.size() - 2 * kTimelineEnds) + " more …");
        i = records_.size() - kTimelineEnds;
      }
      const Opened& o = records_[i];
      const fb::Statement& st = *o.record.statement.statement;
      // The replayed timeline says whether the act was declared backfill (补录).
      const bool backfilled = i < replayed_.file.timeline.size() && replayed_.file.timeline[i].backfilled;
      s.push_back("  " + std::to_string(o.record.record->index()) + "  " + ChinaDay(st.occurred_at_ms()) +
                  "  recorded " + domain::FormatChinaTime(o.record.record->time_recorded_ms()) +
                  (backfilled ? " 补录" : "") + "  " + std::string(PayloadName(st.payload_type())) + "  " +
                  Str(st.actor()->certificate_no()));
    }
  }

  const bundle::Parts& b_;
  const ExportCheckOptions& options_;
  ExportReport& r_;
  Checkpoint checkpoint_;
  Hash heads_root_{};
  std::vector<Opened> records_, registry_;
  casefile::Replayed replayed_;
};

}  // namespace

ExportReport VerifyExport(ByteView bytes, const ExportCheckOptions& options) {
  ExportReport report;
  auto fail = [&](Status s) {
    report.failure = "bundle";
    report.status = s.WithContext("bundle");
    return report;
  };
  auto parts = bundle::Unpack(bytes);
  if (!parts.ok()) return fail(parts.status());
  // One bundle, one encoding: bytes added, cut or re-laid anywhere fail here.
  if (const Bytes canonical = bundle::Pack(*parts);
      !std::equal(bytes.begin(), bytes.end(), canonical.begin(), canonical.end())) {
    return fail(DiffersFromCanonical("the bundle", bytes, canonical));
  }
  if (parts->format_version != bundle::kFormatVersion) {
    return fail(Status::InvalidArgument("format version " + std::to_string(parts->format_version) +
                                        "; this verifier reads version " + std::to_string(bundle::kFormatVersion)));
  }
  if (parts->case_id.empty() || parts->checkpoint.empty())
    return fail(Status::Corruption("no case id or no checkpoint"));
  report.case_id = parts->case_id;
  report.status = Check(*parts, options, report).Run();
  return report;
}

std::string FormatExportReport(const ExportReport& r) {
  std::string out = "case " + r.case_id + " · log " + r.origin + " · checkpoint of " +
                    std::to_string(r.checkpoint_size) + " records\n";
  for (const std::string& line : r.checked) out += "  ok  " + line + "\n";
  if (!r.status.ok()) {
    out += "FAILED  " + r.status.message() + "\n";
    return out;
  }
  out += "VERIFIED: " + std::to_string(r.records) + " records of the case, complete up to the checkpoint, and " +
         std::to_string(r.registry_records) + " registry records; " + std::to_string(r.signatures) + " signatures, " +
         std::to_string(r.proof_hashes) + " inclusion-proof hashes, " + std::to_string(r.case_head_proof_hashes) +
         " case-head proof hashes, " + std::to_string(r.openings) + " openings, " + std::to_string(r.attachments) +
         " attachments (" + std::to_string(r.files) + " files), " + std::to_string(r.documents) + " documents\n";
  for (const std::string& line : r.summary) out += line + "\n";
  return out;
}

}  // namespace lawtrail

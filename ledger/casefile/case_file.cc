#include "ledger/casefile/case_file.h"

#include <algorithm>
#include <map>
#include <sstream>
#include <tuple>

#include "ledger/casefile/act_names.h"
#include "ledger/casefile/labels.h"
#include "ledger/core/bytes.h"
#include "ledger/core/fb_string.h"
#include "ledger/core/statement_files.h"
#include "ledger/domain/licence.h"
#include "ledger/domain/retention.h"

namespace lawtrail::domain {
extern const std::string_view kCaseFileOrderTsv;
}

namespace lawtrail::casefile {
namespace {

const std::map<std::pair<std::string, std::string>, Placement>& OrderTable() {
  static const auto table = [] {
    std::map<std::pair<std::string, std::string>, Placement> t;
    std::istringstream in{std::string(domain::kCaseFileOrderTsv)};
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      std::istringstream fields(line);
      std::string department, type, volume, rank;
      std::getline(fields, department, '\t');
      std::getline(fields, type, '\t');
      std::getline(fields, volume, '\t');
      std::getline(fields, rank, '\t');
      t[{department, type}] = Placement{volume, std::stoi(rank)};
    }
    return t;
  }();
  return table;
}

std::string HexOf(const flatbuffers::Vector<uint8_t>* v) {
  return v == nullptr ? "" : ToHex(ByteView(v->data(), v->size()));
}

Recording RecordingOf(const fb::AvRecording& av, uint64_t index) {
  Recording r{
      index, HexOf(av.content_hash()), av.started_at_ms(), av.ended_at_ms(), Str(av.device_id()), av.continuous(), {}};
  if (av.interruptions() != nullptr) {
    for (const auto* i : *av.interruptions())
      r.interruptions.push_back({i->stopped_at_ms(), i->resumed_at_ms(), Str(i->reason())});
  }
  return r;
}

}  // namespace

Placement PlaceDocument(std::string_view department, std::string_view kind, std::string_view doc_type) {
  const auto& t = OrderTable();
  for (std::string_view owner : {department, kind, std::string_view("*")}) {
    if (auto it = t.find({std::string(owner), std::string(doc_type)}); it != t.end()) return it->second;
  }
  return Placement{std::string(kMainVolume), 1000};
}

std::string FileNote(size_t documents) {
  return "本卷共" + std::to_string(documents) +
         "件，均为电子文件，内容哈希与记录一致，无缺损、涂改、增补、抽出或销毁。";
}

namespace {

// A 征收's cover: its first notice opens it, the 征收土地公告 or 征收决定 is its decision; a 征用's, its 征用通知书.
void FoldTakingCover(Cover& cover, const fb::Statement& st, const std::string& day) {
  if (const auto* n = st.payload_as_TakingNoticePosted()) {
    if (!cover.category) {  // the case's first notice opens it
      cover.case_name = Str(n->project());
      cover.opened_on = day;
      cover.category = Label(fb::CaseCategory::Expropriation);
      cover.procedure = n->kind() >= fb::TakingNoticeKind::HousePlan ? "房屋征收" : "土地征收";
      cover.retention = domain::RetentionLabel(domain::RetentionYears(fb::CaseCategory::Expropriation, {}));
    }
    if (n->kind() == fb::TakingNoticeKind::LandTaking || n->kind() == fb::TakingNoticeKind::HouseDecision) {
      cover.decision_no = Str(n->notice_no());
      if (n->kind() == fb::TakingNoticeKind::HouseDecision) cover.remedies = Label(fb::RemedyNotice::Stated);
    }
  } else if (const auto* o = st.payload_as_RequisitionOrdered()) {
    cover.case_name = Str(o->emergency()) + "：" + Str(o->purpose());
    cover.party = o->owner() ? Str(o->owner()->name()) : "";
    cover.opened_on = day;
    cover.category = Label(fb::CaseCategory::Expropriation);
    cover.procedure = "征用";
    cover.decision_no = Str(o->notice_no());
    cover.retention = domain::RetentionLabel(domain::RetentionYears(fb::CaseCategory::Expropriation, {}));
  }
}

}  // namespace

CaseFileBuilder::CaseFileBuilder(std::string case_id, std::string department) : department_(std::move(department)) {
  file_.case_id = std::move(case_id);
}

// The cover (卷内封面) as the act leaves it: what the case is, its decision, its challenges, its close.
void CaseFileBuilder::FoldCover(const fb::Statement& st, const std::string& day, const std::string& actor) {
  Cover& cover = file_.cover;
  switch (st.payload_type()) {
    case fb::Payload::CaseOpened: {
      const auto* o = st.payload_as_CaseOpened();
      cover.case_name = Str(o->cause());
      cover.party = o->party() ? Str(o->party()->name()) : "";
      cover.opened_on = day;
      cover.category = Label(o->category());
      cover.procedure = Label(o->procedure());
      // Important files are kept permanently, ordinary ones 30 years (§6).
      cover.retention = domain::RetentionLabel(domain::RetentionYears(o->category(), o->procedure()));
      break;
    }
    case fb::Payload::LicenceApplied: {
      const auto* a = st.payload_as_LicenceApplied();
      cover.case_name = Str(a->matter());
      cover.party = a->applicant() ? Str(a->applicant()->name()) : "";
      cover.opened_on = day;
      cover.category = Label(fb::CaseCategory::Licensing);
      cover.procedure = domain::LicenceApplicationName(a->kind());
      cover.retention = domain::RetentionLabel(domain::RetentionYears(fb::CaseCategory::Licensing, {}));
      break;
    }
    case fb::Payload::TakingNoticePosted:
    case fb::Payload::RequisitionOrdered: FoldTakingCover(cover, st, day); break;
    case fb::Payload::LicenceDecided: {
      const auto* d = st.payload_as_LicenceDecided();
      cover.decision_no = Str(d->decision_no());
      if (!d->granted()) cover.remedies = Label(d->remedies());
      break;
    }
    case fb::Payload::DecisionIssued: {
      const auto* d = st.payload_as_DecisionIssued();
      cover.decision_no = Str(d->decision_no());
      if (d->outcome() != fb::DecisionOutcome::Referral) cover.remedies = Label(d->remedies());
      break;
    }
    case fb::Payload::ChallengeFiled:
    case fb::Payload::ChallengeConcluded:
    case fb::Payload::DecisionChanged: {
      domain::FoldChallenge(challenges_, st, st.occurred_at_ms());
      std::string text;
      for (const domain::Challenge& ch : challenges_) {
        text += (text.empty() ? "" : "；") + std::string(domain::ChallengeKindName(ch.kind)) + "（" + ch.case_no +
                "）" + domain::ChallengeStateName(ch);
      }
      if (!text.empty()) cover.challenges = text;
      break;
    }
    case fb::Payload::CaseClosed:
      cover.closed_on = day;
      file_.filing = FilingNote{"", actor, day};
      break;
    default: break;
  }
}

void CaseFileBuilder::Add(const CaseRecord& r) {
  const fb::Statement& st = *r.statement;
  const std::string cert = Str(st.actor()->certificate_no());
  const std::string actor = r.signer_name.empty() ? cert : r.signer_name;
  const std::string day = ChinaDay(st.occurred_at_ms());
  Cover& cover = file_.cover;
  if (file_.timeline.empty()) cover.agency = r.agency_name;  // the agency as it was named at the case's first act

  Step step{r.index, st.occurred_at_ms(), day, st.payload_type(), std::string(ActNameOf(st)),
            cert,    r.signer_name,       {},  r.recorded_at_ms,  r.backfilled};
  for (const domain::Flag& f : r.flags) {
    file_.flags.push_back({r.index, f.rule_id, f.message});
    step.flags.push_back(f.rule_id);
  }
  file_.timeline.push_back(std::move(step));

  FoldCover(st, day, actor);

  size_t k = 0;
  auto file_document = [&](const std::string& type, const std::string& title, const std::string& doc_no,
                           const flatbuffers::Vector<uint8_t>* hash, const std::string& template_id) {
    const Placement place = PlaceDocument(department_, file_.cover.category.value_or(""), type);
    documents_.push_back(
        {{place.volume, place.rank, 0, doc_no, title, actor, day, HexOf(hash), template_id, r.index}, k++});
  };
  if (st.attachments() != nullptr) {
    for (const auto* a : *st.attachments()) {
      const std::string type = Str(a->doc_type()).empty() ? Str(a->title()) : Str(a->doc_type());
      file_document(type, type, Str(a->doc_no()), a->content_hash(), Str(a->template_id()));
    }
  }
  if (const auto* e = st.payload_as_EvidenceRecorded()) {
    file_document("证据材料", "证据材料：" + Str(e->description()), "", e->content_hash(), "");
  }
  if (const auto* attached = st.payload_as_AvRecordingAttached(); attached != nullptr && attached->recording()) {
    file_.av.push_back(RecordingOf(*attached->recording(), r.index));
  }
  if (const auto* av = InlineRecordings(st)) {
    for (const auto* rec : *av) file_.av.push_back(RecordingOf(*rec, r.index));
  }
}

CaseFile CaseFileBuilder::Finish() && {
  // 卷内目录: each volume by rank in the filing order, then by record.
  std::stable_sort(documents_.begin(), documents_.end(), [](const Pending& a, const Pending& b) {
    return std::tie(a.doc.rank, a.doc.record_index, a.n) < std::tie(b.doc.rank, b.doc.record_index, b.n);
  });
  for (Pending& p : documents_) {
    std::vector<Document>& volume = p.doc.volume == kRestrictedVolume ? file_.restricted : file_.main;
    p.doc.seq = static_cast<uint32_t>(volume.size() + 1);
    volume.push_back(std::move(p.doc));
  }
  file_.cover.documents = documents_.size();
  if (file_.filing) file_.filing->note = FileNote(documents_.size());
  return std::move(file_);
}

std::vector<std::pair<const char*, const std::optional<std::string>*>> CoverRows(const Cover& c) {
  // A 行政许可 file is an application, not a case opened: its cover says so.
  // A 征收 or 征用 file carries out another government's decision: its cover names the project and the notice.
  const bool licence = c.category == std::string(Label(fb::CaseCategory::Licensing));
  const bool taking = c.category == std::string(Label(fb::CaseCategory::Expropriation));
  return {{licence  ? "申请事项"
           : taking ? "征收项目或征用事由"
                    : "案件名称",
           &c.case_name},
          {licence  ? "申请人"
           : taking ? "被征用人"
                    : "当事人",
           &c.party},
          {licence  ? "许可决定书文号"
           : taking ? "征收公告或征用通知文号"
                    : "处罚决定书文号",
           &c.decision_no},
          {"救济途径告知", &c.remedies},
          {"复议诉讼", &c.challenges},
          {"办案机构", &c.agency},
          {licence  ? "申请日期"
           : taking ? "开始日期"
                    : "立案日期",
           &c.opened_on},
          {"结案日期", &c.closed_on},
          {"案件类别", &c.category},
          {licence  ? "申请类型"
           : taking ? "类型"
                    : "程序",
           &c.procedure},
          {"保管期限", &c.retention},
          {"归档号", &c.archive_no}};
}

}  // namespace lawtrail::casefile

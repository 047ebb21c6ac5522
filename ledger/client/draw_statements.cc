#include "ledger/client/draw_statements.h"

namespace lawtrail {
namespace {

std::vector<flatbuffers::Offset<flatbuffers::String>> Strings(flatbuffers::FlatBufferBuilder& b,
                                                              const std::vector<std::string>& values) {
  std::vector<flatbuffers::Offset<flatbuffers::String>> out;
  out.reserve(values.size());
  for (const std::string& v : values) out.push_back(b.CreateString(v));
  return out;
}

}  // namespace

Bytes InspectionPoolStatement(const StatementHeader& h, const draw::Pool& pool) {
  flatbuffers::FlatBufferBuilder b(1024 + pool.entries.size() * 96);
  std::vector<flatbuffers::Offset<fb::PoolEntry>> entries;
  entries.reserve(pool.entries.size());
  for (const draw::PoolEntry& e : pool.entries) {
    entries.push_back(
        fb::CreatePoolEntryDirect(b, e.id.c_str(), e.name.c_str(), e.credit_class.c_str(), e.village.c_str()));
  }
  auto payload = fb::CreateInspectionPoolPublishedDirect(b, pool.kind, pool.id.c_str(), pool.version.c_str(), &entries);
  return FinishStatement(b, h, fb::Payload::InspectionPoolPublished, payload.Union());
}

Bytes DrawAnnouncedStatement(const StatementHeader& h, const draw::DrawTerms& t) {
  flatbuffers::FlatBufferBuilder b;
  const std::vector<uint8_t> objects(t.object_pool_hash.begin(), t.object_pool_hash.end());
  const std::vector<uint8_t> inspectors(t.inspector_pool_hash.begin(), t.inspector_pool_hash.end());
  std::vector<flatbuffers::Offset<fb::ClassRatio>> ratios;
  for (const auto& [cls, per_mille] : t.ratios) ratios.push_back(fb::CreateClassRatioDirect(b, cls.c_str(), per_mille));
  const auto witnesses = Strings(b, t.seed.witness_vkeys);
  auto payload = fb::CreateDrawAnnouncedDirect(
      b, t.task_no.c_str(), t.item_code.c_str(), t.list_version.c_str(), t.object_pool_id.c_str(), &objects,
      t.object_count, t.inspector_pool_id.c_str(), &inspectors, t.inspector_count, &ratios,
      static_cast<uint8_t>(t.team_size), t.algorithm.c_str(), t.seed.tree_size, t.seed.log_vkey.c_str(), &witnesses);
  return FinishStatement(b, h, fb::Payload::DrawAnnounced, payload.Union());
}

Bytes DrawRecordedStatement(const StatementHeader& h, const std::string& task_no, const std::string& seed_checkpoint,
                            const std::vector<draw::DrawnCheck>& checks) {
  flatbuffers::FlatBufferBuilder b(1024 + seed_checkpoint.size() + checks.size() * 128);
  std::vector<flatbuffers::Offset<fb::DrawnCheck>> drawn;
  drawn.reserve(checks.size());
  for (const draw::DrawnCheck& c : checks) {
    const auto inspectors = Strings(b, c.inspectors);
    drawn.push_back(fb::CreateDrawnCheckDirect(b, c.object_id.c_str(), &inspectors));
  }
  auto payload = fb::CreateDrawRecordedDirect(b, task_no.c_str(), seed_checkpoint.c_str(), &drawn);
  return FinishStatement(b, h, fb::Payload::DrawRecorded, payload.Union());
}

Bytes InspectorRecusedStatement(const StatementHeader& h, const std::string& task_no, const std::string& object_id,
                                const std::string& inspector, const std::string& reason,
                                const std::string& replacement) {
  flatbuffers::FlatBufferBuilder b;
  auto payload = fb::CreateInspectorRecusedDirect(b, task_no.c_str(), object_id.c_str(), inspector.c_str(),
                                                  reason.c_str(), replacement.c_str());
  return FinishStatement(b, h, fb::Payload::InspectorRecused, payload.Union());
}

Bytes InspectionResultStatement(const StatementHeader& h, const std::string& task_no, const std::string& object_id,
                                const std::vector<std::string>& officers, const std::string& ended_date,
                                fb::CheckOutcome outcome, const std::string& summary, const std::string& record_no) {
  flatbuffers::FlatBufferBuilder b;
  const auto names = Strings(b, officers);
  auto payload = fb::CreateInspectionResultRecordedDirect(
      b, task_no.c_str(), object_id.c_str(), &names, ended_date.c_str(), outcome, summary.c_str(), record_no.c_str());
  return FinishStatement(b, h, fb::Payload::InspectionResultRecorded, payload.Union());
}

Bytes InspectionResultPublishedStatement(const StatementHeader& h, const std::string& task_no,
                                         const std::string& object_id, const std::string& published_date) {
  flatbuffers::FlatBufferBuilder b;
  auto payload =
      fb::CreateInspectionResultPublishedDirect(b, task_no.c_str(), object_id.c_str(), published_date.c_str());
  return FinishStatement(b, h, fb::Payload::InspectionResultPublished, payload.Union());
}

Bytes DrawCancelledStatement(const StatementHeader& h, const std::string& task_no, const std::string& reason) {
  flatbuffers::FlatBufferBuilder b;
  auto payload = fb::CreateDrawCancelledDirect(b, task_no.c_str(), reason.c_str());
  return FinishStatement(b, h, fb::Payload::DrawCancelled, payload.Union());
}

Bytes InspectionPlanStatement(const StatementHeader& h, int year, const std::string& plan_no,
                              const std::vector<PlanItem>& items, bool scan_on_entry) {
  flatbuffers::FlatBufferBuilder b;
  std::vector<flatbuffers::Offset<fb::PlannedItem>> planned;
  for (const PlanItem& item : items) {
    std::vector<flatbuffers::Offset<fb::FrequencyCap>> caps;
    for (const auto& [cls, per_year] : item.caps) {
      caps.push_back(fb::CreateFrequencyCapDirect(b, cls.c_str(), static_cast<uint8_t>(per_year)));
    }
    planned.push_back(
        fb::CreatePlannedItemDirect(b, item.item_code.c_str(), static_cast<uint8_t>(item.batches), &caps));
  }
  auto payload =
      fb::CreateInspectionPlanPublishedDirect(b, static_cast<uint16_t>(year), plan_no.c_str(), &planned, scan_on_entry);
  return FinishStatement(b, h, fb::Payload::InspectionPlanPublished, payload.Union());
}

Bytes EntryScannedStatement(const StatementHeader& h, const std::string& task_no, const std::string& object_id,
                            const std::vector<std::string>& officers, int64_t scanned_at_ms,
                            const std::string& location, const std::string& late_reason) {
  flatbuffers::FlatBufferBuilder b;
  auto names = b.CreateVectorOfStrings(officers);
  auto payload = fb::CreateEntryScanned(b, b.CreateString(task_no), b.CreateString(object_id), names, scanned_at_ms,
                                        b.CreateString(location), b.CreateString(late_reason));
  return FinishStatement(b, h, fb::Payload::EntryScanned, payload.Union());
}

}  // namespace lawtrail

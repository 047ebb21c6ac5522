#include "ledger/client/master_data_statements.h"

#include "ledger/core/sha256.h"

namespace lawtrail::domain {

Bytes AgencyProfileStatement(const StatementHeader& h, const AgencyProfile& p) {
  flatbuffers::FlatBufferBuilder b;
  auto channels = b.CreateVectorOfStrings(p.complaint_channels);
  auto payload = fb::CreateAgencyProfileUpdated(
      b, b.CreateString(p.name), b.CreateString(p.credit_code), p.nature, b.CreateString(p.head),
      b.CreateString(p.address), b.CreateString(p.phone), b.CreateString(p.duties), b.CreateString(p.basis), 0,
      channels, b.CreateString(p.province), b.CreateString(p.department), b.CreateString(p.region));
  return FinishStatement(b, h, fb::Payload::AgencyProfileUpdated, payload.Union());
}

Bytes OfficerNameChangedStatement(const StatementHeader& h, const std::string& certificate_no, const std::string& name,
                                  int64_t valid_until_ms) {
  flatbuffers::FlatBufferBuilder b;
  const auto cert = b.CreateString(certificate_no);
  const auto new_name = b.CreateString(name);
  fb::OfficerProfileChangedBuilder payload(b);
  payload.add_certificate_no(cert);
  payload.add_name(new_name);
  payload.add_valid_until_ms(valid_until_ms);
  return FinishStatement(b, h, fb::Payload::OfficerProfileChanged, payload.Finish().Union());
}

Bytes PowerItemStatement(const StatementHeader& h, const PowerItem& i) {
  flatbuffers::FlatBufferBuilder b;
  auto payload = fb::CreatePowerItemPublishedDirect(
      b, i.code.c_str(), i.name.c_str(), i.sub_item.c_str(), i.category, i.basis.c_str(), i.implementing_body.c_str(),
      i.handling_unit.c_str(), i.counterpart_kinds.c_str(), i.accountability.c_str(), i.time_limit.c_str(),
      i.field.empty() ? nullptr : i.field.c_str());
  return FinishStatement(b, h, fb::Payload::PowerItemPublished, payload.Union());
}

Bytes RandomInspectionItemStatement(const StatementHeader& h, const std::string& code, const std::string& item,
                                    const std::string& objects, const std::string& basis, const std::string& method) {
  flatbuffers::FlatBufferBuilder b;
  auto payload = fb::CreateRandomInspectionItemPublishedDirect(b, code.c_str(), "一般检查事项", item.c_str(), "",
                                                               objects.c_str(), "本机关", basis.c_str(), method.c_str(),
                                                               item.c_str(), "综合执法队", "");
  return FinishStatement(b, h, fb::Payload::RandomInspectionItemPublished, payload.Union());
}

Bytes AvItemStatement(const StatementHeader& h, const std::string& code, const std::string& stage,
                      const std::string& item, bool mandatory) {
  flatbuffers::FlatBufferBuilder b;
  auto payload =
      fb::CreateAvItemPublishedDirect(b, code.c_str(), "综合行政执法", stage.c_str(), item.c_str(), "执法全过程",
                                      "执法现场", "执法记录仪", "即时", fb::AvSceneKind::Scene, mandatory);
  return FinishStatement(b, h, fb::Payload::AvItemPublished, payload.Union());
}

Bytes ReviewCatalogueItemStatement(const StatementHeader& h, const std::string& code,
                                   const std::string& power_item_code, const std::string& description) {
  flatbuffers::FlatBufferBuilder b;
  auto payload =
      fb::CreateLegalReviewCatalogueItemPublishedDirect(b, code.c_str(), power_item_code.c_str(), description.c_str());
  return FinishStatement(b, h, fb::Payload::LegalReviewCatalogueItemPublished, payload.Union());
}

Bytes GuidePublishedStatement(const StatementHeader& h, const std::string& code, fb::PublishedDocumentKind kind,
                              const std::string& power_item_code, const std::string& title,
                              const std::string& content) {
  flatbuffers::FlatBufferBuilder b;
  const Hash hash = Sha256(AsBytes(content));
  const std::vector<uint8_t> hv(hash.begin(), hash.end());
  auto doc = fb::CreateDocumentRefDirect(b, kind == fb::PublishedDocumentKind::Flowchart ? "执法流程图" : "服务指南",
                                         code.c_str(), title.c_str(), &hv, content.size(), "application/pdf", "");
  auto payload = fb::CreateDocumentPublishedDirect(b, code.c_str(), kind, power_item_code.c_str(), doc);
  return FinishStatement(b, h, fb::Payload::DocumentPublished, payload.Union());
}

Bytes DiscretionStandardStatement(const StatementHeader& h, const std::string& code, const std::string& power_item_code,
                                  const std::string& violation, const std::string& basis,
                                  const std::vector<DiscretionLevelInfo>& levels) {
  flatbuffers::FlatBufferBuilder b;
  std::vector<flatbuffers::Offset<fb::DiscretionLevel>> list;
  for (const auto& l : levels) {
    list.push_back(
        fb::CreateDiscretionLevelDirect(b, l.level.c_str(), l.circumstances.c_str(), l.min_fine_fen, l.max_fine_fen));
  }
  auto payload = fb::CreateDiscretionStandardPublishedDirect(b, code.c_str(), power_item_code.c_str(),
                                                             violation.c_str(), basis.c_str(), &list);
  return FinishStatement(b, h, fb::Payload::DiscretionStandardPublished, payload.Union());
}

Bytes MasterItemRetiredStatement(const StatementHeader& h, fb::MasterItemKind kind, const std::string& code,
                                 const std::string& reason) {
  flatbuffers::FlatBufferBuilder b;
  auto payload = fb::CreateMasterItemRetiredDirect(b, kind, code.c_str(), reason.c_str());
  return FinishStatement(b, h, fb::Payload::MasterItemRetired, payload.Union());
}

}  // namespace lawtrail::domain

#include "projectors/registry_view.h"

#include <cstdio>

#include <nlohmann/json.hpp>

#include "ledger/core/log_format.h"
#include "ledger/domain/master_data.h"
#include "ledger/domain/registry.h"
#include "projectors/internal/json_view.h"

namespace lawtrail::projectors {
namespace {

using nlohmann::json;

// The payload of the statement as JSON, with the schema's field names.
Result<json> PayloadJson(JsonCodec& codec, const ProjectedRecord& r) {
  LAWTRAIL_ASSIGN_OR_RETURN(std::string text, codec.StatementToJson(r.statement_bytes));
  json statement = json::parse(text, nullptr, false);
  if (statement.is_discarded()) return Status::Internal("statement JSON does not parse");
  return statement.value("payload", json::object());
}

std::string ItemKey(fb::MasterItemKind kind, const std::string& code) {
  return std::string("item/") + fb::EnumNameMasterItemKind(kind) + "/" + code;
}

Status ApplyOfficer(const ProjectedRecord& r, ViewTxn& view, JsonCodec& codec) {
  const fb::Statement& st = *r.statement;
  std::string cert;
  std::string event = fb::EnumNamePayload(st.payload_type());
  std::string reason;
  switch (st.payload_type()) {
    case fb::Payload::OfficerRegistered: cert = Str(st.payload_as_OfficerRegistered()->certificate_no()); break;
    case fb::Payload::OfficerSuspended:
      cert = Str(st.payload_as_OfficerSuspended()->certificate_no());
      reason = Str(st.payload_as_OfficerSuspended()->reason());
      break;
    case fb::Payload::OfficerReinstated:
      cert = Str(st.payload_as_OfficerReinstated()->certificate_no());
      reason = Str(st.payload_as_OfficerReinstated()->reason());
      break;
    case fb::Payload::OfficerRevoked:
      cert = Str(st.payload_as_OfficerRevoked()->certificate_no());
      reason = Str(st.payload_as_OfficerRevoked()->reason());
      break;
    case fb::Payload::OfficerKeyRotated: cert = Str(st.payload_as_OfficerKeyRotated()->certificate_no()); break;
    case fb::Payload::OfficerProfileChanged: cert = Str(st.payload_as_OfficerProfileChanged()->certificate_no()); break;
    default: return Status::Ok();
  }
  const std::string key = "officer/" + cert;
  LAWTRAIL_ASSIGN_OR_RETURN(json entry, view.LoadDoc(key));
  if (entry.is_null()) entry = json::object();
  LAWTRAIL_ASSIGN_OR_RETURN(json payload, PayloadJson(codec, r));
  switch (st.payload_type()) {
    case fb::Payload::OfficerRegistered:
    case fb::Payload::OfficerProfileChanged: {
      for (const char* field : {"certificate_no", "name", "post", "roles", "valid_from_ms", "valid_until_ms",
                                "categories", "area", "unit", "issuer"}) {
        if (payload.contains(field) && !(payload[field].is_array() && payload[field].empty())) {
          entry[field] = payload[field];
        }
      }
      // A profile change states the validity as it now stands, as admission reads it: a 0 (no end) is
      // left out of the payload's JSON, and must not leave the old end standing here.
      entry["valid_until_ms"] = payload.value("valid_until_ms", int64_t{0});
      if (payload.contains("public_key")) entry["public_key"] = payload["public_key"];
      if (payload.contains("legal_qualification_no")) entry["legal_qualification"] = true;
      if (st.payload_type() == fb::Payload::OfficerRegistered) entry["state"] = "active";
      break;
    }
    case fb::Payload::OfficerSuspended: entry["state"] = "suspended"; break;
    case fb::Payload::OfficerReinstated: entry["state"] = "active"; break;
    case fb::Payload::OfficerRevoked: entry["state"] = "revoked"; break;
    case fb::Payload::OfficerKeyRotated: entry["public_key"] = payload.value("new_public_key", ""); break;
    default: break;
  }
  json h = Dated(r);
  h["event"] = event;
  if (!reason.empty()) h["reason"] = reason;
  entry["history"].push_back(h);
  view.StoreDoc(key, entry);
  return Status::Ok();
}

}  // namespace

Status RegistryView::Apply(const ProjectedRecord& r, ViewTxn& view) {
  const fb::Statement& st = *r.statement;
  if (st.case_id()->string_view() != kRegistryCaseId) return Status::Ok();
  switch (st.payload_type()) {
    case fb::Payload::AgencyGenesis:
    case fb::Payload::AgencyProfileUpdated: {
      LAWTRAIL_ASSIGN_OR_RETURN(json payload, PayloadJson(codec_, r));
      LAWTRAIL_ASSIGN_OR_RETURN(json agency, view.LoadDoc("agency"));
      if (agency.is_null()) agency = json::object();
      for (auto& [k, v] : payload.items()) {
        if (k != "root_public_key") agency[k] = v;
      }
      agency["updated"] = Dated(r);
      view.StoreDoc("agency", agency);
      view.StoreDoc("agency/v/" + IndexKey(r.index), agency);
      return Status::Ok();
    }
    case fb::Payload::MasterItemRetired: {
      const auto* m = st.payload_as_MasterItemRetired();
      const std::string key = ItemKey(m->kind(), Str(m->code()));
      LAWTRAIL_ASSIGN_OR_RETURN(json item, view.LoadDoc(key));
      if (item.is_null()) return Status::Corruption("retired item " + key + " was never published");
      item["retired"] = Dated(r);
      item["retired"]["reason"] = Str(m->reason());
      view.StoreDoc(key, item);
      view.StoreDoc(key + "/v/" + IndexKey(r.index), item);
      return Status::Ok();
    }
    default: break;
  }
  if (auto ref = domain::PublishedItemOf(st)) {
    const std::string key = ItemKey(ref->kind, ref->code);
    LAWTRAIL_ASSIGN_OR_RETURN(json previous, view.LoadDoc(key));
    LAWTRAIL_ASSIGN_OR_RETURN(json item, PayloadJson(codec_, r));
    item["published"] = Dated(r);
    item["version"] = previous.is_null() ? 1 : previous.value("version", 1) + 1;
    if (!previous.is_null()) item["first_published"] = previous.value("first_published", previous["published"]);
    view.StoreDoc(key, item);
    view.StoreDoc(key + "/v/" + IndexKey(r.index), item);
    return Status::Ok();
  }
  return ApplyOfficer(r, view, codec_);
}

std::string CertificateStatus(const std::string& roster_entry_json, int64_t now_ms) {
  const json entry = json::parse(roster_entry_json, nullptr, false);
  if (entry.is_discarded() || !entry.is_object()) return "unknown";
  const std::string state = entry.value("state", "");
  if (state == "revoked") return "revoked";
  if (state == "suspended") return "suspended";
  if (now_ms < entry.value("valid_from_ms", int64_t{0})) return "not yet valid";
  const int64_t until = entry.value("valid_until_ms", int64_t{0});
  if (until != 0 && now_ms >= until) return "expired";
  return "valid";
}

}  // namespace lawtrail::projectors

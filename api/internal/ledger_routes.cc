#include "api/internal/ledger_routes.h"

#include <cstdio>
#include <memory>

#include "api/internal/json_body.h"
#include "ledger/client/json_codec.h"
#include "ledger/client/statement_stream.h"
#include "ledger/core/checkpoint.h"
#include "ledger/core/log_format.h"
#include "ledger/core/record.h"
#include "ledger/core/statement.h"
#include "ledger/domain/identifiers.h"
#include "ledger/export/case_export.h"
#include "ledger/log/private_data.h"
#include "projectors/case_file_view.h"

namespace lawtrail::api {
namespace {

JsonCodec& Codec() {
  thread_local JsonCodec codec;  // a flatbuffers::Parser is not shared between threads
  return codec;
}

// The statements of a submission request: the stream format of `lawtrail
// append` (application/octet-stream) or {"submissions": [base64, …]}.
Result<std::vector<Bytes>> SubmittedStatements(const HttpRequest& request, size_t limit,
                                               const JsonLimits& json_limits) {
  const std::string type = request.ContentType();
  std::vector<Bytes> out;
  if (request.body.empty()) {
    return Status::InvalidArgument("the body is empty: it must hold at least one signed statement");
  }
  if (type == "application/json") {
    LAWTRAIL_ASSIGN_OR_RETURN(const nlohmann::json body, ParseJsonBody(request, json_limits));
    if (!body.is_object() || !body.contains("submissions") || !body["submissions"].is_array()) {
      return Status::InvalidArgument("the body must be {\"submissions\": [<base64 submission>, …]}");
    }
    for (size_t i = 0; i < body["submissions"].size(); ++i) {
      const auto& item = body["submissions"][i];
      if (!item.is_string()) return Status::InvalidArgument("submissions[" + std::to_string(i) + "] is not a string");
      auto bytes = FromBase64(item.get<std::string>());
      if (!bytes.ok()) return Status::InvalidArgument("submissions[" + std::to_string(i) + "] is not base64");
      out.push_back(std::move(*bytes));
    }
  } else if (type == "application/octet-stream" || type == "application/vnd.lawtrail.statements") {
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> in(
        fmemopen(const_cast<char*>(request.body.data()), request.body.size(), "rb"), &std::fclose);
    if (!in) return Status::Internal("cannot read the body");
    StatementStreamReader reader(in.get());
    for (;;) {
      auto next = reader.Next();
      if (!next.ok())
        return next.status().WithContext("the statement stream at byte " + std::to_string(reader.offset()));
      if (!*next) break;
      out.push_back(std::move(**next));
    }
  } else {
    return Status::InvalidArgument(
        "Content-Type must be application/octet-stream (framed statements) or "
        "application/json, not '" +
        type + "'");
  }
  if (out.empty()) return Status::InvalidArgument("the request holds no statement");
  if (out.size() > limit) {
    return Status::InvalidArgument(std::to_string(out.size()) + " statements in one request; the limit is " +
                                   std::to_string(limit));
  }
  return out;
}

nlohmann::json ErrorJson(const Status& s) {
  nlohmann::json e = {{"code", HttpStatusOf(s.code()).second}, {"message", s.message()}};
  if (!s.rule().empty()) e["rule"] = s.rule();
  return e;
}

// Appends and waits until durable. kUnavailable when the queue is full. The
// caller has checked that this server holds the log (ctx.log).
Result<std::vector<AppendResult>> AppendNow(ApiContext& ctx, std::vector<Bytes> statements) {
  auto future = ctx.log->TryAppendAsync(std::move(statements));
  if (!future) return Status::Unavailable("the log's queue is full; retry shortly");
  return future->get();
}

Result<HttpResponse> Submit(ApiContext& ctx, HttpRequest& request) {
  if (ctx.log == nullptr) return MirrorRefuses("statements are appended");
  LAWTRAIL_ASSIGN_OR_RETURN(auto statements,
                            SubmittedStatements(request, ctx.max_statements_per_request, ctx.json_limits));
  const bool receipt = request.Query("receipt") == "checkpoint";
  LAWTRAIL_ASSIGN_OR_RETURN(auto results, AppendNow(ctx, std::move(statements)));
  std::optional<std::string> checkpoint;
  uint64_t checkpoint_size = 0;
  // "accepted" counts new records only; a statement the log already holds
  // is answered with its index but appends nothing.
  size_t accepted = 0, duplicates = 0;
  for (const auto& r : results) {
    if (r.ok()) ++(r->duplicate ? duplicates : accepted);
  }
  const size_t refused = results.size() - accepted - duplicates;
  if (receipt && accepted + duplicates > 0) {
    auto note = ctx.log->CurrentCheckpoint();  // covers every index just made durable
    if (!note.ok()) return note.status().WithContext("making the receipt's checkpoint");
    checkpoint = *note;
    LAWTRAIL_ASSIGN_OR_RETURN(auto size, ParseCheckpointNoteUnverified(*note));
    checkpoint_size = size.size;
  }
  nlohmann::json items = nlohmann::json::array();
  for (const auto& r : results) {
    if (!r.ok()) {
      items.push_back({{"error", ErrorJson(r.status())}});
      continue;
    }
    nlohmann::json item = {{"index", r->index}, {"event_id", EventIdHex(r->event_id)}, {"duplicate", r->duplicate}};
    if (auto leaf = ctx.reader->LeafHashAt(r->index); leaf.ok()) item["leaf_hash"] = ToBase64(*leaf);
    nlohmann::json flags = nlohmann::json::array();
    for (const auto& f : r->flags) flags.push_back({{"rule", f.rule_id}, {"message", f.message}});
    if (!flags.empty()) item["flags"] = flags;
    if (checkpoint) {
      LAWTRAIL_ASSIGN_OR_RETURN(auto proof, ctx.reader->InclusionProof(r->index, checkpoint_size));
      item["inclusion_proof"] = HashesJson(proof);
    }
    items.push_back(std::move(item));
  }
  ctx.metrics->CountAppended(accepted);
  ctx.metrics->CountRefused(refused);
  nlohmann::json body = {{"accepted", accepted}, {"duplicates", duplicates}, {"refused", refused}, {"results", items}};
  if (checkpoint) {
    body["checkpoint"] = *checkpoint;
    body["checkpoint_size"] = checkpoint_size;
  }
  // All refused: the request as a whole did nothing. Repeats are answered
  // (with their indices), so a request of repeats alone is not refused.
  return HttpResponse::Json(JsonText(body), accepted + duplicates == 0 ? 422 : 200);
}

Result<uint64_t> DefaultSize(const LogReader& reader, const HttpRequest& request) {
  if (const std::string size = request.Query("size"); !size.empty()) return ParseIndex(size, "size");
  LAWTRAIL_ASSIGN_OR_RETURN(auto latest, reader.PublishedCheckpoint());
  if (!latest) return reader.Size();
  LAWTRAIL_ASSIGN_OR_RETURN(Checkpoint cp, ParseCheckpointNoteUnverified(*latest));
  return cp.size;
}

Result<HttpResponse> Record(ApiContext& ctx, HttpRequest& request, const Caller& caller) {
  LAWTRAIL_ASSIGN_OR_RETURN(auto index, ParseIndex(request.params["index"], "index"));
  LAWTRAIL_ASSIGN_OR_RETURN(auto bytes, ctx.reader->RecordBytes(index));
  if (!caller.Can(kAudit)) {
    const RecordAudience audience = AudienceOf(bytes);
    if (audience.kind == RecordAudience::kCaseFile) {
      return HttpResponse::Error(403, "forbidden",
                                 "record " + std::to_string(index) +
                                     " belongs to a case file: auditors read it here, supervisors through a "
                                     "recorded retrieval of its case");
    }
    if (audience.kind == RecordAudience::kDisclosure) {
      bool shown = false;
      if (ctx.disclosure_record_public) {
        LAWTRAIL_ASSIGN_OR_RETURN(shown, ctx.disclosure_record_public(audience.case_id, index));
      }
      if (!shown) {
        return HttpResponse::Error(403, "forbidden",
                                   "record " + std::to_string(index) +
                                       " is not what the public sees of its decision today (an earlier version, a "
                                       "withdrawn or an expired publication): auditors read it here");
      }
    }
  }
  if (request.Query("format") == "raw") {
    return HttpResponse::Text(std::string(AsChars(bytes)), "application/octet-stream");
  }
  LAWTRAIL_ASSIGN_OR_RETURN(auto json, Codec().RecordToJson(bytes));
  return HttpResponse::Json(json + "\n");
}

Result<HttpResponse> InclusionProof(ApiContext& ctx, HttpRequest& request) {
  LAWTRAIL_ASSIGN_OR_RETURN(auto index, ParseIndex(request.params["index"], "index"));
  LAWTRAIL_ASSIGN_OR_RETURN(auto size, DefaultSize(*ctx.reader, request));
  if (index >= size) {
    return HttpResponse::Error(400, "invalid_argument",
                               "index " + std::to_string(index) + " is not in a tree of " + std::to_string(size));
  }
  LAWTRAIL_ASSIGN_OR_RETURN(auto proof, ctx.reader->InclusionProof(index, size));
  LAWTRAIL_ASSIGN_OR_RETURN(auto leaf, ctx.reader->LeafHashAt(index));
  nlohmann::json body = {{"index", index}, {"size", size}, {"leaf_hash", ToBase64(leaf)}, {"proof", HashesJson(proof)}};
  if (auto note = ctx.reader->CheckpointWithCosignaturesAt(size); note.ok() && *note) body["checkpoint"] = **note;
  return HttpResponse::Json(JsonText(body));
}

Result<HttpResponse> ConsistencyProof(ApiContext& ctx, HttpRequest& request) {
  LAWTRAIL_ASSIGN_OR_RETURN(auto old_size, ParseIndex(request.Query("old"), "old"));
  LAWTRAIL_ASSIGN_OR_RETURN(auto size, DefaultSize(*ctx.reader, request));
  LAWTRAIL_ASSIGN_OR_RETURN(auto proof, ctx.reader->ConsistencyProof(old_size, size));
  return HttpResponse::Json(JsonText({{"old", old_size}, {"size", size}, {"proof", HashesJson(proof)}}));
}

Result<HttpResponse> CheckpointNote(ApiContext& ctx, HttpRequest& request) {
  const std::string which = request.params["size"];
  Result<std::optional<std::string>> note = std::optional<std::string>();
  if (which == "latest") {
    note = ctx.reader->PublishedCheckpoint();
  } else {
    LAWTRAIL_ASSIGN_OR_RETURN(auto size, ParseIndex(which, "size"));
    note = ctx.reader->CheckpointWithCosignaturesAt(size);
  }
  LAWTRAIL_RETURN_IF_ERROR(note.status());
  if (!*note) return HttpResponse::Error(404, "not_found", "no checkpoint of size " + which);
  return HttpResponse::Text(**note);
}

// A supervisor's retrieval: the signed CaseFileRetrieved is appended (and
// durable) before anything of the case is read, so every read is on record.
Result<HttpResponse> Retrieve(ApiContext& ctx, HttpRequest& request, const Caller& caller) {
  if (ctx.log == nullptr) return MirrorRefuses("a retrieval is recorded");
  const std::string case_id = request.params["case"];
  LAWTRAIL_ASSIGN_OR_RETURN(const RecordedAct act,
                            RecordSupervisorAct(ctx, request, caller, fb::Payload::CaseFileRetrieved));
  const Appended& appended = act.appended;
  ctx.metrics->CountRetrieval();
  std::string records = "[";
  uint64_t count = 0;
  Status read = ctx.reader->ForEachCaseRecord(case_id, [&](uint64_t index, const Bytes& bytes) -> Status {
    auto json = Codec().RecordToJson(bytes);
    if (!json.ok()) return json.status().WithContext("record " + std::to_string(index));
    records += (count++ ? "," : "") + *json;
    return Status::Ok();
  });
  LAWTRAIL_RETURN_IF_ERROR(read);
  records += "]";
  nlohmann::json head = {{"case_id", case_id}, {"retrieval", {{"index", appended.index}}}, {"records", count}};
  if (auto leaf = ctx.reader->LeafHashAt(appended.index); leaf.ok()) head["retrieval"]["leaf_hash"] = ToBase64(*leaf);
  std::string case_file = "null";
  if (ctx.views != nullptr) {
    if (auto file = projectors::ReadCaseFile(*ctx.views, *ctx.reader, case_id); file.ok()) {
      case_file = JsonCompact(*file);
    }
  }
  std::string body = JsonCompact(head);
  body.pop_back();  // the closing brace: the history and case file follow as they are
  body += ",\"history\":" + records + ",\"case_file\":" + case_file + "}\n";
  return HttpResponse::Json(std::move(body));
}

// A court export made by the server (docs/court-export.md): the supervisor's
// client signs the CaseExported (rule P-EXPORT checks it acts on a recorded
// approval and reveals only what it lists); it is appended and durable, a
// checkpoint covers it, and the bundle is built at that checkpoint from the
// records alone, while the log goes on taking statements.
Result<HttpResponse> Export(ApiContext& ctx, HttpRequest& request, const Caller& caller) {
  if (ctx.log == nullptr) return MirrorRefuses("an export is recorded");
  const std::string case_id = request.params["case"];
  LAWTRAIL_ASSIGN_OR_RETURN(const RecordedAct act,
                            RecordSupervisorAct(ctx, request, caller, fb::Payload::CaseExported));
  const Appended& appended = act.appended;
  const fb::CaseExported& exported = *act.statement.statement->payload_as_CaseExported();
  court_export::RecordedExport recorded{case_id,          appended.index,          {}, "", {},
                                        ctx.verifier_key, ctx.witnessed_checkpoint};
  if (exported.reveal_fields() != nullptr) {
    for (const auto* f : *exported.reveal_fields()) recorded.reveal.push_back(f->str());
  }
  LAWTRAIL_ASSIGN_OR_RETURN(auto done, court_export::ExportRecorded(*ctx.log, recorded));
  const uint64_t size = done.checkpoint_size;
  HttpResponse response;
  response.content_type = "application/vnd.lawtrail.case-export";
  response.body.assign(AsChars(done.built.bundle));
  response.headers.emplace_back("x-lawtrail-export-index", std::to_string(appended.index));
  response.headers.emplace_back("x-lawtrail-checkpoint-size", std::to_string(size));
  response.headers.emplace_back("content-disposition", "attachment; filename=\"case-export.ltex\"");
  return response;
}

// A supervisor's party lookup (the keyed party index): which records name a
// person or organisation. The identifier travels in the body, never in a URL
// that an access log or proxy would keep. Only indices and case ids come
// back; reading any of those cases is a recorded retrieval like any other.
Result<HttpResponse> PartyLookup(ApiContext& ctx, HttpRequest& request) {
  if (ctx.log == nullptr) return MirrorRefuses("parties are looked up (a mirror holds no party index key)");
  LAWTRAIL_ASSIGN_OR_RETURN(auto parsed, ParseJsonBody(request, ctx.json_limits));
  const nlohmann::json& body = parsed;
  if (!body.is_object()) return HttpResponse::Error(400, "invalid_argument", "the body is not a JSON object");
  const bool person = body.contains("id_no");
  if (person == body.contains("credit_code") || !body[person ? "id_no" : "credit_code"].is_string()) {
    return HttpResponse::Error(400, "invalid_argument", "give exactly one of \"id_no\" and \"credit_code\"");
  }
  const std::string identifier = body[person ? "id_no" : "credit_code"].get<std::string>();
  LAWTRAIL_RETURN_IF_ERROR(person ? domain::ValidateResidentId(identifier) : domain::ValidateCreditCode(identifier));
  LAWTRAIL_ASSIGN_OR_RETURN(auto found, FindParty(*ctx.store, ctx.log->vault(),
                                                  person ? PartyKey::kPerson : PartyKey::kOrganisation, identifier));
  nlohmann::json matches = nlohmann::json::array();
  for (const auto& m : found) matches.push_back({{"index", m.index}, {"case_id", m.case_id}});
  return HttpResponse::Json(JsonText({{"matches", matches}}));
}

}  // namespace

Result<RecordedAct> RecordSupervisorAct(ApiContext& ctx, HttpRequest& request, const Caller& caller, fb::Payload type,
                                        const std::function<Status(const fb::Statement&)>& check) {
  const std::string case_id = request.params["case"];
  const std::string name = fb::EnumNamePayload(type);
  LAWTRAIL_ASSIGN_OR_RETURN(auto statements, SubmittedStatements(request, 1, ctx.json_limits));
  // SubmittedStatements gives one statement or an error; a supervisor's act is
  // read from the first, so say so where it is relied on.
  if (statements.size() != 1) {
    return Status::InvalidArgument("the body must be exactly one signed " + name + " statement");
  }
  auto parsed = ParseSignedStatement(Bytes((statements)[0]));
  if (!parsed.ok()) {
    // A submission wrapper with openings: these acts have none to give.
    return Status::InvalidArgument("the body must be one signed " + name + " statement: " + parsed.status().message());
  }
  const fb::Statement& st = *parsed->statement;
  if (st.payload_type() != type) return Status::InvalidArgument("the statement must be a " + name);
  if (st.case_id()->string_view() != case_id) {
    return Status::InvalidArgument("the " + name + " names case '" + st.case_id()->str() + "', not '" + case_id + "'");
  }
  if (!caller.certificate.empty() && (st.actor() == nullptr || st.actor()->certificate_no() == nullptr ||
                                      st.actor()->certificate_no()->string_view() != caller.certificate)) {
    return Status::PermissionDenied("the " + name + " is signed by another officer than this token's (" +
                                    caller.certificate + ")");
  }
  if (check) LAWTRAIL_RETURN_IF_ERROR(check(st));
  LAWTRAIL_ASSIGN_OR_RETURN(auto results, AppendNow(ctx, std::move(statements)));
  AppendResult& appended = results[0];
  LAWTRAIL_RETURN_IF_ERROR(appended.status());
  if (appended->duplicate) {
    return Status::AlreadyExists("this " + name + " is already recorded at index " + std::to_string(appended->index) +
                                 "; sign a new one");
  }
  return RecordedAct{std::move(*appended), std::move(*parsed)};
}

RecordAudience AudienceOf(ByteView record) {
  auto view = ParseRecord(record);
  if (!view.ok()) return {};
  auto parsed = ParseSignedStatement(Bytes(view->signed_statement.begin(), view->signed_statement.end()));
  if (!parsed.ok()) return {};
  const fb::Statement& st = *parsed->statement;
  const std::string case_id = st.case_id() != nullptr ? st.case_id()->str() : "";
  // The registry and the 双随机 draws are public by law (D1; 优化营商环境条例 第54条).
  if (case_id == kRegistryCaseId || case_id == kDrawsCaseId) return {RecordAudience::kPublic, case_id};
  switch (st.payload_type()) {
    case fb::Payload::DisclosurePublished:
    case fb::Payload::DisclosureCorrected:
    case fb::Payload::DisclosureWithdrawn:
    case fb::Payload::LicenceEnded:             // a published licence's 撤回/撤销/注销 is shown with it
    case fb::Payload::CoerciveMeasureExtended:  // and a published measure's 延长 and 解除
    case fb::Payload::CoerciveMeasureLifted:
    case fb::Payload::TakingNoticePosted:  // a 征收 notice is public as posted
      return {RecordAudience::kDisclosure, case_id};
    default: return {RecordAudience::kCaseFile, case_id};
  }
}

void AddLedgerRoutes(Router& router, ApiContext& ctx) {
  router.Add("POST", "/v1/statements", kSubmit, [&ctx](HttpRequest& r, const Caller&) { return Submit(ctx, r); });
  router.Add("GET", "/v1/log", 0, [&ctx](HttpRequest&, const Caller&) -> Result<HttpResponse> {
    auto origin = ctx.reader->Origin();
    auto size = ctx.reader->Size();
    LAWTRAIL_RETURN_IF_ERROR(origin.status());
    LAWTRAIL_RETURN_IF_ERROR(size.status());
    nlohmann::json body = {{"origin", *origin},
                           {"size", *size},
                           {"verifier_key", ctx.verifier_key},
                           {"accepts_statements", ctx.log != nullptr}};
    if (auto latest = ctx.reader->PublishedCheckpoint(); latest.ok() && *latest) body["checkpoint"] = **latest;
    if (!ctx.witnesses.empty()) {
      body["witnesses"] = nlohmann::json::array();
      for (const auto& [name, vkey] : ctx.witnesses) body["witnesses"].push_back({{"name", name}, {"vkey", vkey}});
    }
    return HttpResponse::Json(JsonText(body));
  });
  router.Add("GET", "/v1/records/{index}", kReadPublic,
             [&ctx](HttpRequest& r, const Caller& c) { return Record(ctx, r, c); });
  router.Add("GET", "/v1/records/{index}/inclusion-proof", kReadPublic,
             [&ctx](HttpRequest& r, const Caller&) { return InclusionProof(ctx, r); });
  router.Add("GET", "/v1/consistency-proof", kReadPublic,
             [&ctx](HttpRequest& r, const Caller&) { return ConsistencyProof(ctx, r); });
  router.Add("GET", "/v1/checkpoints/{size}", kReadPublic,
             [&ctx](HttpRequest& r, const Caller&) { return CheckpointNote(ctx, r); });
  router.Add("POST", "/v1/cases/{case}/retrievals", kRetrieve,
             [&ctx](HttpRequest& r, const Caller& c) { return Retrieve(ctx, r, c); });
  router.Add("POST", "/v1/cases/{case}/exports", kRetrieve,
             [&ctx](HttpRequest& r, const Caller& c) { return Export(ctx, r, c); });
  router.Add("POST", "/v1/parties/lookup", kRetrieve,
             [&ctx](HttpRequest& r, const Caller&) { return PartyLookup(ctx, r); });
  router.Add("GET", "/v1/cases/{case}/history", kRetrieve, [](HttpRequest& r, const Caller&) {
    return HttpResponse::Error(428, "retrieval_required",
                               "a case's history is read through a recorded retrieval: POST a signed "
                               "CaseFileRetrieved for case '" +
                                   r.params["case"] + "' to /v1/cases/{case}/retrievals");
  });
}

}  // namespace lawtrail::api

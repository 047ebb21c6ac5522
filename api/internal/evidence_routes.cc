#include "api/internal/evidence_routes.h"

#include <charconv>

#include <nlohmann/json.hpp>

#include "api/internal/ledger_routes.h"
#include "ledger/core/fb_string.h"
#include "projectors/evidence_view.h"

namespace lawtrail::api {
namespace {

using evidence::FileInfo;
using evidence::State;
using nlohmann::json;

HttpResponse NoStore() { return HttpResponse::Error(501, "no_evidence_store", "this server keeps no evidence store"); }

// Content-Range: bytes S-E/T — the piece of a file this request carries.
struct Range {
  uint64_t start = 0, end = 0, total = 0;  // end inclusive
};

Result<uint64_t> Number(std::string_view text, std::string_view what) {
  uint64_t n = 0;
  const auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (text.empty() || ec != std::errc() || p != text.data() + text.size()) {
    return Status::InvalidArgument("Content-Range: the " + std::string(what) + " '" + std::string(text) +
                                   "' is not a number");
  }
  return n;
}

Result<std::optional<Range>> ParseRange(const HttpRequest& request) {
  const std::string_view h = request.Header("content-range");
  if (h.empty()) return std::optional<Range>();
  constexpr std::string_view kUnit = "bytes ";
  const size_t dash = h.find('-'), slash = h.find('/');
  if (!h.starts_with(kUnit) || dash == std::string_view::npos || slash == std::string_view::npos || dash > slash) {
    return Status::InvalidArgument("Content-Range must be 'bytes <first>-<last>/<size>', not '" + std::string(h) + "'");
  }
  Range r;
  LAWTRAIL_ASSIGN_OR_RETURN(r.start, Number(h.substr(kUnit.size(), dash - kUnit.size()), "first byte"));
  LAWTRAIL_ASSIGN_OR_RETURN(r.end, Number(h.substr(dash + 1, slash - dash - 1), "last byte"));
  LAWTRAIL_ASSIGN_OR_RETURN(r.total, Number(h.substr(slash + 1), "size"));
  if (r.start > r.end || r.end >= r.total) {
    return Status::InvalidArgument("Content-Range " + std::string(h) + " is not a piece of a " +
                                   std::to_string(r.total) + "-byte file");
  }
  if (const std::string_view length = request.Header("content-length"); !length.empty()) {
    auto n = Number(length, "length");
    if (!n.ok() || *n != r.end - r.start + 1) {
      return Status::InvalidArgument("Content-Range " + std::string(h) + " announces " +
                                     std::to_string(r.end - r.start + 1) + " bytes, Content-Length " +
                                     std::string(length));
    }
  }
  return std::optional<Range>(r);
}

json InfoJson(const Hash& hash, const FileInfo& info) {
  json j = {{"sha256", ToHex(hash)}, {"state", std::string(StateName(info.state))}};
  if (info.state == State::kUploading) {
    j["received"] = info.size;
  } else if (info.state != State::kAbsent && info.state != State::kDisposed) {
    j["size"] = info.size;
  }
  if (info.state == State::kDisposed) j["disposal"] = json::parse(info.disposal, nullptr, false);
  return j;
}

bool Referenced(ApiContext& ctx, const Hash& hash) {
  if (ctx.views == nullptr) return false;
  auto refs = projectors::ReadFileRefs(*ctx.views, hash);
  return refs.ok() && !refs->refs.empty();
}

// Where an interrupted upload stands, for the client to resume from: a
// success (a piece taken, 202) or an error saying where to go on from.
HttpResponse ResumeFrom(const Hash& hash, uint64_t received, unsigned status, std::string_view code,
                        const std::string& message) {
  HttpResponse r =
      status < 300
          ? HttpResponse::Json(
                json{{"sha256", ToHex(hash)}, {"state", "uploading"}, {"received", received}}.dump() + "\n", status)
          : HttpResponse::Error(status, code, message);
  r.headers.emplace_back("x-lawtrail-received", std::to_string(received));
  return r;
}

class UploadSink : public BodySink {
 public:
  UploadSink(ApiContext& ctx, std::unique_ptr<evidence::Upload> upload, std::optional<Range> range)
      : ctx_(ctx), upload_(std::move(upload)), range_(range) {}

  Status Write(std::string_view piece) override {
    if (range_ && upload_->received() + piece.size() > range_->end + 1) {
      return Status::InvalidArgument("the body is longer than its Content-Range");
    }
    return upload_->Write(AsBytes(piece));
  }

  HttpResponse Finish() override {
    const Hash hash = upload_->hash();
    const uint64_t received = upload_->received();
    if (range_ && received != range_->end + 1) {
      return ResumeFrom(hash, received, 400, "invalid_argument",
                        "the body ended at byte " + std::to_string(received) + ", not at " +
                            std::to_string(range_->end + 1) + " as its Content-Range said; resume from " +
                            std::to_string(received));
    }
    if (range_ && range_->end + 1 < range_->total) return ResumeFrom(hash, received, 202, "", "");
    auto done = upload_->Finish(Referenced(ctx_, hash));
    if (!done.ok()) {
      if (done.status().code() == StatusCode::kInvalidArgument) {
        return HttpResponse::Error(422, "hash_mismatch", done.status().message());
      }
      return ErrorResponse(done.status());
    }
    return HttpResponse::Json(InfoJson(hash, *done).dump() + "\n", 201);
  }

 private:
  ApiContext& ctx_;
  std::unique_ptr<evidence::Upload> upload_;
  std::optional<Range> range_;
};

Result<StreamStart> OpenUpload(ApiContext& ctx, HttpRequest& request) {
  if (ctx.evidence == nullptr) return StreamStart{nullptr, NoStore()};
  LAWTRAIL_ASSIGN_OR_RETURN(const Hash hash, evidence::ParseHash(request.params["sha256"]));
  LAWTRAIL_ASSIGN_OR_RETURN(const std::optional<Range> range, ParseRange(request));
  if (range && range->total > ctx.evidence->options().max_file_bytes) {
    return StreamStart{
        nullptr,
        HttpResponse::Error(413, "body_too_large",
                            "a file is at most " + std::to_string(ctx.evidence->options().max_file_bytes) + " bytes")};
  }
  const FileInfo info = ctx.evidence->Info(hash);
  if (info.state == State::kKept || info.state == State::kStaged) {
    // The same file twice is stored once: nothing to send.
    return StreamStart{nullptr, HttpResponse::Json(InfoJson(hash, info).dump() + "\n", 200)};
  }
  if (info.state == State::kDisposed) {
    return StreamStart{nullptr, HttpResponse::Error(410, "disposed",
                                                    "file " + ToHex(hash) +
                                                        " was disposed of by a retention decision: " + info.disposal)};
  }
  const uint64_t offset = range ? range->start : 0;
  const uint64_t held = info.state == State::kUploading ? info.size : 0;
  if (offset != 0 && offset != held) {
    return StreamStart{nullptr, ResumeFrom(hash, held, 409, "resume_offset",
                                           "the upload of " + ToHex(hash) + " holds " + std::to_string(held) +
                                               " bytes; send the piece from byte " + std::to_string(held))};
  }
  LAWTRAIL_ASSIGN_OR_RETURN(auto upload, ctx.evidence->BeginUpload(hash, offset));
  return StreamStart{std::make_shared<UploadSink>(ctx, std::move(upload), range), {}};
}

Result<HttpResponse> FileStatus(ApiContext& ctx, HttpRequest& request, const Caller& caller) {
  if (ctx.evidence == nullptr) return NoStore();
  LAWTRAIL_ASSIGN_OR_RETURN(const Hash hash, evidence::ParseHash(request.params["sha256"]));
  json j = InfoJson(hash, ctx.evidence->Info(hash));
  if (caller.Can(kRetrieve) && ctx.views != nullptr) {
    LAWTRAIL_ASSIGN_OR_RETURN(auto refs, projectors::ReadFileRefs(*ctx.views, hash));
    json list = json::array();
    for (const auto& r : refs.refs) {
      list.push_back({{"index", r.index},
                      {"case_id", r.case_id},
                      {"act", r.act},
                      {"kind", r.kind},
                      {"title", r.title},
                      {"doc_type", r.doc_type},
                      {"doc_no", r.doc_no}});
    }
    j["records"] = list;
  }
  HttpResponse r = HttpResponse::Json(j.dump() + "\n");
  if (j["state"] == "uploading")
    r.headers.emplace_back("x-lawtrail-received", std::to_string(j["received"].get<uint64_t>()));
  return r;
}

// Files a record names and the store does not hold (paper comes later; until
// then each is a warning), oldest record first.
Result<HttpResponse> Missing(ApiContext& ctx, HttpRequest& request) {
  if (ctx.evidence == nullptr) return NoStore();
  if (ctx.views == nullptr) return HttpResponse::Error(501, "no_views", "this server keeps no views");
  if (request.Query("state") != "missing") {
    return Status::InvalidArgument("list the files with ?state=missing (the only listing there is)");
  }
  json items = json::array();
  LAWTRAIL_RETURN_IF_ERROR(projectors::ScanFileRefs(*ctx.views, [&](const Hash& hash, const projectors::FileRefs& f) {
    if (f.disposed_by || f.refs.empty()) return true;
    const State s = ctx.evidence->Info(hash).state;
    if (s == State::kKept || s == State::kStaged) return true;
    const auto& first = f.refs.front();
    items.push_back({{"sha256", ToHex(hash)},
                     {"state", std::string(StateName(s))},
                     {"index", first.index},
                     {"case_id", first.case_id},
                     {"act", first.act},
                     {"kind", first.kind},
                     {"title", first.title},
                     {"doc_no", first.doc_no},
                     {"records", f.refs.size()}});
    return items.size() < 10'000;
  }));
  std::sort(items.begin(), items.end(), [](const json& a, const json& b) { return a["index"] < b["index"]; });
  return HttpResponse::Json(json{{"missing", items}, {"total", items.size()}}.dump() + "\n");
}

// A supervisor downloads an original: the file must be one the case names and
// the store holds, and the retrieval's scope must name it; the signed
// CaseFileRetrieved is appended and durable before a byte is sent (R6).
Result<HttpResponse> Download(ApiContext& ctx, HttpRequest& request, const Caller& caller) {
  if (ctx.log == nullptr) return MirrorRefuses("a retrieval is recorded");
  if (ctx.evidence == nullptr) return NoStore();
  if (ctx.views == nullptr) return HttpResponse::Error(501, "no_views", "this server keeps no views");
  const std::string case_id = request.params["case"];
  LAWTRAIL_ASSIGN_OR_RETURN(const Hash hash, evidence::ParseHash(request.params["sha256"]));
  const std::string hex = ToHex(hash);
  LAWTRAIL_ASSIGN_OR_RETURN(auto refs, projectors::ReadFileRefs(*ctx.views, hash));
  const auto named = std::find_if(refs.refs.begin(), refs.refs.end(),
                                  [&](const projectors::FileRef& r) { return r.case_id == case_id; });
  if (named == refs.refs.end()) return Status::NotFound("case '" + case_id + "' names no file " + hex);
  LAWTRAIL_ASSIGN_OR_RETURN(const std::string path, ctx.evidence->PathOf(hash));
  auto scope_names_file = [&](const fb::Statement& st) -> Status {
    const auto* r = st.payload_as_CaseFileRetrieved();
    if (Str(r->scope()).find(hex) == std::string::npos) {
      return Status::InvalidArgument("the retrieval's scope must name the file it reads (" + hex + ")");
    }
    return Status::Ok();
  };
  LAWTRAIL_ASSIGN_OR_RETURN(
      const RecordedAct act,
      RecordSupervisorAct(ctx, request, caller, fb::Payload::CaseFileRetrieved, scope_names_file));
  ctx.metrics->CountRetrieval();
  HttpResponse r;
  r.content_type = "application/octet-stream";
  r.file_path = path;
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + hex + "\"");
  r.headers.emplace_back("x-lawtrail-retrieval-index", std::to_string(act.appended.index));
  r.headers.emplace_back("x-lawtrail-sha256", hex);
  return r;
}

}  // namespace

void AddEvidenceRoutes(Router& router, ApiContext& ctx) {
  router.AddStream("PUT", "/v1/evidence/{sha256}", kSubmit,
                   [&ctx](HttpRequest& r, const Caller&) { return OpenUpload(ctx, r); });
  router.Add("GET", "/v1/evidence/{sha256}", kSubmit,
             [&ctx](HttpRequest& r, const Caller& c) { return FileStatus(ctx, r, c); });
  router.Add("GET", "/v1/evidence", kRetrieve, [&ctx](HttpRequest& r, const Caller&) { return Missing(ctx, r); });
  router.Add("POST", "/v1/cases/{case}/evidence/{sha256}", kRetrieve,
             [&ctx](HttpRequest& r, const Caller& c) { return Download(ctx, r, c); });
}

}  // namespace lawtrail::api

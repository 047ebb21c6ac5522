#include "api/server_config.h"

#include <algorithm>
#include <initializer_list>
#include <tuple>

#include <nlohmann/json.hpp>

#include "api/internal/json_body.h"
#include "ledger/client/strict_json.h"

namespace lawtrail::api {
namespace {

using nlohmann::json;

// `object.key` as a string, or `fallback` when absent; a value of another
// type is an error naming it (nlohmann would throw, and the fuzzer found
// that it took `lawtrail serve` down: "kafka": {"brokers": {...}}).
Result<std::string> StringMember(const json& object, const std::string& key, const std::string& where,
                                 std::string fallback = "") {
  const auto it = object.find(key);
  if (it == object.end()) return fallback;
  if (!it->is_string()) return Status::InvalidArgument(where + "." + key + ": must be a string");
  return it->get<std::string>();
}

// A member this version does not know is a typo that would silently leave a
// setting at its default.
Status OnlyMembers(const json& object, std::initializer_list<std::string_view> known, const std::string& where) {
  for (const auto& [key, value] : object.items()) {
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      return Status::InvalidArgument(where + "." + key + ": unknown setting");
    }
  }
  return Status::Ok();
}

Status ReadTokens(const nlohmann::json& list, TokenTable& tokens) {
  if (!list.is_array()) return Status::InvalidArgument("tokens: must be an array");
  for (size_t i = 0; i < list.size(); ++i) {
    const auto& t = list[i];
    const std::string where = "tokens[" + std::to_string(i) + "]";
    if (!t.is_object()) return Status::InvalidArgument(where + ": must be an object");
    if (t.contains("token")) {
      return Status::InvalidArgument(where +
                                     ": holds a clear token; store only its \"sha256\" (lawtrail token prints it)");
    }
    LAWTRAIL_RETURN_IF_ERROR(OnlyMembers(t, {"name", "role", "certificate", "sha256"}, where));
    TokenEntry e;
    LAWTRAIL_ASSIGN_OR_RETURN(e.name, StringMember(t, "name", where));
    if (e.name.empty()) return Status::InvalidArgument(where + ".name: missing");
    LAWTRAIL_ASSIGN_OR_RETURN(const std::string role_name, StringMember(t, "role", where));
    auto role = ParseRole(role_name);
    if (!role.ok()) return role.status().WithContext(where + ".role");
    e.role = *role;
    LAWTRAIL_ASSIGN_OR_RETURN(e.certificate, StringMember(t, "certificate", where));
    LAWTRAIL_ASSIGN_OR_RETURN(const std::string sha256, StringMember(t, "sha256", where));
    auto hash = FromHex(sha256);
    if (!hash.ok() || hash->size() != 32) return Status::InvalidArgument(where + ".sha256: must be 64 hex digits");
    std::copy(hash->begin(), hash->end(), e.sha256.begin());
    tokens.Add(std::move(e));
  }
  return Status::Ok();
}

Status ReadLimits(const nlohmann::json& l, ServeConfig& c) {
  if (!l.is_object()) return Status::InvalidArgument("limits: must be an object");
  for (const auto& [key, value] : l.items()) {
    if (!value.is_number_unsigned() || value.get<uint64_t>() == 0) {
      return Status::InvalidArgument("limits." + key + ": must be a positive integer");
    }
    const uint64_t v = value.get<uint64_t>();
    HttpServerOptions& h = c.api.http;
    if (key == "max_connections")
      h.max_connections = v;
    else if (key == "max_connections_per_client")
      h.max_connections_per_client = v;
    else if (key == "max_json_body_bytes")
      c.api.json_limits.max_bytes = v;
    else if (key == "max_json_depth")
      c.api.json_limits.max_depth = v;
    else if (key == "max_json_values")
      c.api.json_limits.max_values = v;
    else if (key == "max_body_bytes")
      h.max_body_bytes = v;
    else if (key == "max_header_bytes")
      h.max_header_bytes = v;
    else if (key == "read_timeout_ms")
      h.read_timeout = std::chrono::milliseconds(v);
    else if (key == "write_timeout_ms")
      h.write_timeout = std::chrono::milliseconds(v);
    else if (key == "worker_threads")
      h.worker_threads = static_cast<unsigned>(v);
    else if (key == "max_statements_per_request")
      c.api.max_statements_per_request = v;
    else
      return Status::InvalidArgument("limits." + key + ": unknown limit");
  }
  return Status::Ok();
}

}  // namespace

Status ParseListen(const std::string& listen, HttpServerOptions& http) {
  const size_t colon = listen.rfind(':');
  if (colon == std::string::npos) return Status::InvalidArgument("listen: '" + listen + "' is not host:port");
  std::string host = listen.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  auto port = ParseIndex(listen.substr(colon + 1), "listen port");
  if (!port.ok() || *port > 65535) return Status::InvalidArgument("listen: '" + listen + "' has no valid port");
  http.address = host;
  http.port = static_cast<uint16_t>(*port);
  return Status::Ok();
}

namespace {

Status ReadWitnesses(const nlohmann::json& value, ServeConfig::Witnesses& w) {
  if (!value.is_object()) return Status::InvalidArgument("witnesses: must be an object");
  LAWTRAIL_RETURN_IF_ERROR(OnlyMembers(
      value, {"policy", "tsa", "fail_open_seconds", "timeout_seconds", "export_wait_seconds"}, "witnesses"));
  LAWTRAIL_ASSIGN_OR_RETURN(w.policy, StringMember(value, "policy", "witnesses", ""));
  LAWTRAIL_ASSIGN_OR_RETURN(w.tsa, StringMember(value, "tsa", "witnesses", ""));
  for (auto [name, into, positive] : {std::tuple{"fail_open_seconds", &w.fail_open_seconds, false},
                                      std::tuple{"timeout_seconds", &w.timeout_seconds, true},
                                      std::tuple{"export_wait_seconds", &w.export_wait_seconds, true}}) {
    if (!value.contains(name)) continue;
    const auto& v = value[name];
    if (!v.is_number() || v.get<double>() < 0 || (positive && v.get<double>() == 0) || v.get<double>() > 86400) {
      return Status::InvalidArgument(std::string("witnesses.") + name + ": must be a number of seconds" +
                                     (positive ? " above 0" : "") + ", at most 86400");
    }
    *into = v.get<double>();
  }
  return Status::Ok();
}

Status ReadEvidence(const nlohmann::json& value, ServeConfig::Evidence& e) {
  if (!value.is_object()) return Status::InvalidArgument("evidence: must be an object");
  LAWTRAIL_RETURN_IF_ERROR(
      OnlyMembers(value, {"dir", "staged_ttl_hours", "interval_seconds", "max_file_gib"}, "evidence"));
  LAWTRAIL_ASSIGN_OR_RETURN(e.dir, StringMember(value, "dir", "evidence", ""));
  for (auto [name, into, most] : {std::tuple{"staged_ttl_hours", &e.staged_ttl_hours, 24.0 * 365},
                                  std::tuple{"interval_seconds", &e.interval_seconds, 86400.0},
                                  std::tuple{"max_file_gib", &e.max_file_gib, 1024.0 * 1024}}) {
    if (!value.contains(name)) continue;
    const auto& v = value[name];
    if (!v.is_number() || v.get<double>() <= 0 || v.get<double>() > most) {
      return Status::InvalidArgument(std::string("evidence.") + name + ": must be a number above 0, at most " +
                                     std::to_string(static_cast<long long>(most)));
    }
    *into = v.get<double>();
  }
  return Status::Ok();
}

}  // namespace

Result<ServeConfig> ParseServeConfig(const std::string& text) {
  ServeConfig c;
  // A name given twice would silently take the second value: a typo or an
  // edit that leaves a limit other than the one read. Refused, like unknown keys.
  if (Status s = CheckJsonText(text, JsonLimits{}); !s.ok()) return s.WithContext("the config");
  const auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Status::InvalidArgument("the config is not a JSON object");
  for (const auto& [key, value] : j.items()) {
    if (key == "listen") {
      if (!value.is_string()) return Status::InvalidArgument("listen: must be a string");
      LAWTRAIL_RETURN_IF_ERROR(ParseListen(value.get<std::string>(), c.api.http));
    } else if (key == "tokens") {
      LAWTRAIL_RETURN_IF_ERROR(ReadTokens(value, c.api.tokens));
    } else if (key == "limits") {
      LAWTRAIL_RETURN_IF_ERROR(ReadLimits(value, c));
    } else if (key == "access_log") {
      if (!value.is_boolean()) return Status::InvalidArgument("access_log: must be true or false");
      c.api.access_log = value.get<bool>();
    } else if (key == "kafka") {
      if (!value.is_object()) return Status::InvalidArgument("kafka: must be an object");
      LAWTRAIL_RETURN_IF_ERROR(OnlyMembers(value, {"brokers", "topic_prefix", "settings"}, "kafka"));
      LAWTRAIL_ASSIGN_OR_RETURN(c.brokers, StringMember(value, "brokers", "kafka"));
      LAWTRAIL_ASSIGN_OR_RETURN(c.topic_prefix, StringMember(value, "topic_prefix", "kafka", c.topic_prefix));
      if (value.contains("settings")) {
        if (!value["settings"].is_object()) return Status::InvalidArgument("kafka.settings: must be an object");
        for (const auto& [k, v] : value["settings"].items()) {
          if (!v.is_string()) return Status::InvalidArgument("kafka.settings." + k + ": must be a string");
          c.kafka_settings[k] = v.get<std::string>();
        }
      }
    } else if (key == "witnesses") {
      LAWTRAIL_RETURN_IF_ERROR(ReadWitnesses(value, c.witnesses));
    } else if (key == "evidence") {
      LAWTRAIL_RETURN_IF_ERROR(ReadEvidence(value, c.evidence));
    } else {
      return Status::InvalidArgument(key + ": unknown setting");
    }
  }
  return c;
}

}  // namespace lawtrail::api

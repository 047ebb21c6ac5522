// File: api/server_config.h
// -----------------------------------------------------------------------------
// The config file of `lawtrail serve` (JSON; docs/api.md, "Configuration"):
//
//   {"listen": "127.0.0.1:8080",
//    "tokens": [{"name": "li.supervisor", "role": "supervisor",
//                "sha256": "<hex SHA-256 of the token>", "certificate": "41150009"}],
//    "limits": {"max_connections": 512, "max_body_bytes": 16777216, "max_header_bytes": 16384,
//               "read_timeout_ms": 10000, "write_timeout_ms": 30000, "max_statements_per_request": 4096,
//               "worker_threads": 16},
//    "kafka": {"brokers": "host:9092,…", "topic_prefix": "lawtrail", "settings": {"security.protocol": "ssl"}},
//    "witnesses": {"policy": "/etc/lawtrail/witnesses.txt", "tsa": "http://tsa.example/tsa",
//                  "fail_open_seconds": 600, "timeout_seconds": 5, "export_wait_seconds": 30},
//    "evidence": {"dir": "/srv/lawtrail/evidence", "staged_ttl_hours": 168, "interval_seconds": 600,
//                 "max_file_gib": 64}}
//
// Tokens are only ever stored as hashes: an entry with a clear "token" is
// refused, so that a config file never holds a usable secret.
#ifndef LAWTRAIL_API_SERVER_CONFIG_H_
#define LAWTRAIL_API_SERVER_CONFIG_H_

#include <map>
#include <string>

#include "api/api_server.h"

namespace lawtrail::api {

struct ServeConfig {
  ApiServerOptions api;
  std::string brokers;  // empty: no relay
  std::string topic_prefix = "lawtrail";
  std::map<std::string, std::string> kafka_settings;
  // Witnessing (docs/witnesses.md); the command line's flags win over these.
  struct Witnesses {
    std::string policy;  // a tlog-policy file; empty: checkpoints are published unwitnessed
    std::string tsa;     // an RFC 3161 time-stamping authority's URL
    double fail_open_seconds = -1, timeout_seconds = 5, export_wait_seconds = 30;
  } witnesses;
  // The evidence store (docs/evidence.md); its folder defaults to DIR/evidence.
  struct Evidence {
    std::string dir;
    double staged_ttl_hours = 168, interval_seconds = 600, max_file_gib = 1024;
  } evidence;
};

// Parses the config text; errors name the field.
Result<ServeConfig> ParseServeConfig(const std::string& text);
// "host:port" (IPv6 as "[::1]:8080") into the listen address.
Status ParseListen(const std::string& listen, HttpServerOptions& http);

}  // namespace lawtrail::api

#endif  // LAWTRAIL_API_SERVER_CONFIG_H_

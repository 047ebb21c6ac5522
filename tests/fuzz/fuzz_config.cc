// The server's config file: refused with a reason or read with every limit
// positive; never a crash, never a silent default for a misspelt key.
#include <string>

#include "api/server_config.h"
#include "tests/fuzz/fuzz_support.h"

using namespace lawtrail;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  auto config = api::ParseServeConfig(text);
  if (!config.ok()) {
    LAWTRAIL_FUZZ_CHECK(!config.status().message().empty(), "a refused config says why");
    return 0;
  }
  const api::HttpServerOptions& h = config->api.http;
  LAWTRAIL_FUZZ_CHECK(h.max_connections > 0 && h.max_body_bytes > 0 && h.max_header_bytes > 0 && h.worker_threads > 0 &&
                          h.max_connections_per_client > 0 && config->api.json_limits.max_bytes > 0,
                      "every limit read is positive");
  return 0;
}

// A blocking HTTP/1.1 client for the API tests: one request per connection,
// a raw socket for what a well-behaved client never sends, and connections
// held open to take a server's slots. Beast stays in http_client.cc, compiled
// once for every test that talks to a server.
#ifndef LAWTRAIL_TESTS_API_HTTP_CLIENT_H_
#define LAWTRAIL_TESTS_API_HTTP_CLIENT_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>

namespace lawtrail::testing {

struct Reply {
  unsigned status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // names as sent
};

// Throws if the server cannot be reached or closes without an answer.
Reply Http(uint16_t port, const std::string& method, const std::string& target, const std::string& body = "",
           const std::string& content_type = "", const std::string& token = "");

// Waits until the server's projectors have folded the whole log (each lags
// by 0); false if they have not after `tries` tenths of a second.
bool WaitForViews(uint16_t port, int tries = 600);

// Sends `bytes` as they are (from `source`, any address of 127/8), then reads
// until the server closes (or `wait_ms` passes) and returns all it sent back.
std::string RawExchange(uint16_t port, const std::string& bytes, int wait_ms = 20'000,
                        const std::string& source = "127.0.0.1");

// `n` connections to the server that send nothing, held open until destroyed:
// a client taking connection slots.
class HeldConnections {
 public:
  HeldConnections(uint16_t port, int n);
  ~HeldConnections();

 private:
  struct Sockets;
  std::unique_ptr<Sockets> sockets_;
};

}  // namespace lawtrail::testing

#endif  // LAWTRAIL_TESTS_API_HTTP_CLIENT_H_

// A real RFC 3161 time-stamping authority for tests: `openssl ts -reply`
// behind a small HTTP shim on loopback, with its own CA and TSA certificate
// made by the openssl command line in a temporary folder. Every request
// POSTed to url() is answered by OpenSSL's TSA, not by code of ours.
#ifndef LAWTRAIL_TESTS_SUPPORT_TEST_TSA_H_
#define LAWTRAIL_TESTS_SUPPORT_TEST_TSA_H_

#include <atomic>
#include <memory>
#include <string>
#include <thread>

#include "tests/support/temp_dir.h"

namespace lawtrail::testing {

class TestTsa {
 public:
  TestTsa();
  ~TestTsa();

  std::string url() const;
  uint16_t port() const { return port_; }
  // The CA certificate (PEM) a verifier trusts.
  std::string ca_file() const { return dir_.path() + "/ca.crt"; }
  // Another CA, unrelated to this TSA (a verifier trusting it must refuse).
  std::string other_ca_file() const { return dir_.path() + "/other-ca.crt"; }
  int requests() const { return requests_; }

 private:
  void Serve();
  TempDir dir_;
  struct Acceptor;
  std::unique_ptr<Acceptor> acceptor_;
  uint16_t port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<int> requests_{0};
  std::thread thread_;
};

}  // namespace lawtrail::testing

#endif  // LAWTRAIL_TESTS_SUPPORT_TEST_TSA_H_

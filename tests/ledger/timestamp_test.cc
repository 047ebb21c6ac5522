// RFC 3161 time-stamps of a checkpoint body against a real TSA (OpenSSL's
// `openssl ts -reply` behind tests/support/test_tsa.h): the request, the check
// of the reply, the verification against the TSA's CA — and every way a token
// must fail: other data, another CA, a damaged token, a reply to another request.
#include "ledger/timestamp/timestamp.h"

#include <catch2/catch.hpp>

#include "ledger/cosigning/http_post.h"
#include "tests/support/process.h"
#include "tests/support/test_tsa.h"

namespace lawtrail::testing {
namespace {

using namespace std::chrono_literals;

constexpr std::string_view kBody =
    "qingshan.example.gov.cn/enforcement\n42\nqUjpF1JpQ3ULm8cczfVavfDGD8hPrEZMVG2vD6y8Fhs=\n";

Bytes Ask(const TestTsa& tsa, const timestamp::Request& request) {
  auto url = cosigning::ParseHttpUrl(tsa.url());
  REQUIRE(url.ok());
  auto reply = cosigning::Post(*url, timestamp::kQueryType, std::string_view(AsChars(request.der)), 10s);
  REQUIRE(reply.ok());
  INFO(reply->body);
  REQUIRE(reply->status == 200);
  return Bytes(reply->body.begin(), reply->body.end());
}

TEST_CASE("a checkpoint body stamped by a real TSA verifies against its CA and says when", "[timestamp]") {
  TestTsa tsa;
  auto request = timestamp::MakeRequest(kBody);
  REQUIRE(request.ok());
  const Bytes reply = Ask(tsa, *request);
  auto token = timestamp::TokenFromReply(reply, *request);
  INFO(token.status().ToString());
  REQUIRE(token.ok());
  const auto stamp = timestamp::Verify(*token, kBody, tsa.ca_file());
  INFO(stamp.status().ToString());
  REQUIRE(stamp.ok());
  CHECK(stamp->time.starts_with("20"));
  CHECK_THAT(stamp->time, Catch::EndsWith(" UTC"));
  CHECK_THAT(stamp->tsa, Catch::Contains("Test TSA"));
  CHECK_FALSE(stamp->serial.empty());

  // OpenSSL's own command line agrees (what a court's expert would run).
  TempDir d;
  WriteAll(d.path() + "/token.der", std::string(AsChars(*token)));
  WriteAll(d.path() + "/body", std::string(kBody));
  const auto by_openssl = RunProgram({"/usr/bin/openssl", "ts", "-verify", "-token_in", "-in", d.path() + "/token.der",
                                      "-data", d.path() + "/body", "-CAfile", tsa.ca_file()});
  INFO(by_openssl.out << by_openssl.err);
  CHECK(by_openssl.exit_code == 0);

  SECTION("other data: refused") {
    std::string other(kBody);
    other[other.size() - 3] ^= 1;
    CHECK(timestamp::Verify(*token, other, tsa.ca_file()).status().code() == StatusCode::kCorruption);
  }
  SECTION("a CA that did not issue the TSA's certificate: refused") {
    CHECK_FALSE(timestamp::Verify(*token, kBody, tsa.other_ca_file()).ok());
  }
  SECTION("a CA file that cannot be read: named") {
    const auto missing = timestamp::Verify(*token, kBody, d.path() + "/nothing.pem");
    CHECK(missing.status().code() == StatusCode::kInvalidArgument);
    CHECK_THAT(missing.status().message(), Catch::Contains("nothing.pem"));
  }
  SECTION("a damaged or truncated token: refused, never a crash") {
    Bytes damaged = *token;
    damaged[damaged.size() / 2] ^= 0x40;
    CHECK_FALSE(timestamp::Verify(damaged, kBody, tsa.ca_file()).ok());
    CHECK_FALSE(timestamp::Verify(ByteView(token->data(), token->size() / 2), kBody, tsa.ca_file()).ok());
    CHECK_FALSE(timestamp::Verify({}, kBody, tsa.ca_file()).ok());
  }
  SECTION("a reply to another request (another nonce): refused") {
    auto other = timestamp::MakeRequest(kBody);
    REQUIRE(other.ok());
    CHECK(other->nonce != request->nonce);
    CHECK_FALSE(timestamp::TokenFromReply(reply, *other).ok());
  }
  SECTION("a reply that is not a TimeStampResp: refused") {
    CHECK_FALSE(timestamp::TokenFromReply(AsBytes(std::string_view("not DER")), *request).ok());
    CHECK_FALSE(timestamp::TokenFromReply(ByteView(reply.data(), reply.size() - 1), *request).ok());
  }
  CHECK(tsa.requests() == 1);
}

}  // namespace
}  // namespace lawtrail::testing

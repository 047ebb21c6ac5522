// C2SP tlog-policy: the spec's two-level example with real keys, every
// malformed line refused by name, and checkpoints believed only with quorum.
#include "ledger/core/policy.h"

#include <map>

#include <catch2/catch.hpp>

#include "ledger/core/cosignature.h"
#include "ledger/core/merkle.h"

namespace lawtrail::testing {
namespace {

struct Keys {
  note::Signer log{"qingshan.example.gov.cn/log", KeyPair::Generate()};
  std::map<std::string, KeyPair> witnesses;

  std::string LogVkey() const { return note::EncodeVerifier(log.name, log.key.public_key()); }
  std::string Vkey(const std::string& name) {
    auto [it, fresh] = witnesses.try_emplace(name, KeyPair::Generate());
    return cosig::EncodeVerifier(name + ".example/w", it->second.public_key());
  }
  // The spec's example: two organisations, 2 of X and any of Y.
  std::string Example() {
    return "# 平桥区司法局 and the 信阳市中级人民法院\nlog " + LogVkey() + " https://log.example/\n" + "witness X1 " +
           Vkey("X1") + "\nwitness X2 " + Vkey("X2") + "\nwitness X3 " + Vkey("X3") + " https://x3.example/\n" +
           "group X-witnesses 2 X1 X2 X3\n" + "\twitness Y1 " + Vkey("Y1") + "  \n" + "witness Y2 " + Vkey("Y2") +
           "\nwitness Y3 " + Vkey("Y3") + "\n\n" + "group Y-witnesses any Y1 Y2 Y3\n" +
           "group X-and-Y all X-witnesses Y-witnesses\n" + "quorum X-and-Y\n";
  }
  std::string Cosigned(const std::string& body, std::initializer_list<const char*> by) {
    std::string note = *note::Sign(body, log);
    for (const char* name : by)
      note += cosig::Cosign(std::string(name) + ".example/w", witnesses.at(name), body, 1700000000);
    return note;
  }
};

TEST_CASE("the spec's two-level quorum holds exactly when two X and one Y cosign", "[policy]") {
  Keys k;
  const auto p = policy::Parse(k.Example());
  INFO(p.status().ToString());
  REQUIRE(p.ok());
  CHECK(p->logs.size() == 1);
  CHECK(p->logs[0].url == "https://log.example/");
  CHECK(p->witnesses.size() == 6);
  CHECK(p->quorum == "X-and-Y");
  const struct {
    std::set<std::string> cosigners;
    bool met;
  } rows[] = {
      {{"X1", "X2", "Y3"}, true},
      {{"X2", "X3", "Y1", "Y2"}, true},
      {{"X1", "X2", "X3"}, false},
      {{"X1", "Y1", "Y2"}, false},
      {{}, false},
  };
  for (const auto& row : rows) {
    CHECK(policy::CheckQuorum(*p, row.cosigners).ok() == row.met);
  }
  const Status short_of_x = policy::CheckQuorum(*p, {"X1", "Y1"});
  CHECK_THAT(short_of_x.message(), Catch::Contains("group 'X-witnesses' has 1 of the 2"));

  lawtrail::Checkpoint c{k.log.name, 42, merkle::EmptyRoot(), {}};
  const auto believed = policy::OpenCheckpoint(*p, k.Cosigned(c.Body(), {"X1", "X3", "Y2"}));
  REQUIRE(believed.ok());
  CHECK(believed->size == 42);
  CHECK(policy::CosignedBy(*p, k.Cosigned(c.Body(), {"X1", "Y2"})) == std::set<std::string>{"X1", "Y2"});
  CHECK(policy::OpenCheckpoint(*p, k.Cosigned(c.Body(), {"X1", "Y2"})).status().code() ==
        StatusCode::kFailedPrecondition);
  // A cosignature over another body does not count.
  std::string moved = k.Cosigned(c.Body(), {"X1"});
  lawtrail::Checkpoint other{k.log.name, 43, merkle::EmptyRoot(), {}};
  moved += cosig::Cosign("X2.example/w", k.witnesses.at("X2"), other.Body(), 1) +
           cosig::Cosign("Y1.example/w", k.witnesses.at("Y1"), c.Body(), 1);
  CHECK_FALSE(policy::OpenCheckpoint(*p, moved).ok());
  // Signed by a log the policy does not list.
  const note::Signer stranger{k.log.name, KeyPair::Generate()};
  CHECK_FALSE(policy::OpenCheckpoint(*p, *note::Sign(c.Body(), stranger)).ok());

  const auto open = policy::Parse("log " + k.LogVkey() + "\nquorum none\n");
  REQUIRE(open.ok());
  CHECK(policy::OpenCheckpoint(*open, *note::Sign(c.Body(), k.log)).ok());
}

TEST_CASE("a malformed policy is refused, naming the line and the fault", "[policy]") {
  Keys k;
  const std::string w1 = "witness W1 " + k.Vkey("W1") + "\n";
  const struct {
    std::string text;
    const char* says;
  } rows[] = {
      {"", "no quorum"},
      {w1 + "quorum W1\nquorum W1\n", "second quorum"},
      {"quorum W1\n" + w1, "not defined on an earlier line"},
      {w1 + "group G 1 W1 W1\nquorum G\n", "member twice"},
      {w1 + "group G 0 W1\nquorum G\n", "threshold"},
      {w1 + "group G 2 W1\nquorum G\n", "threshold"},
      {w1 + "group G 01 W1\nquorum G\n", "threshold"},
      {w1 + "group G G W1\nquorum G\n", "threshold"},
      {w1 + "group G any\nquorum G\n", "want 'group"},
      {w1 + "witness W1 " + k.Vkey("W2") + "\nquorum W1\n", "defined twice"},
      {w1 + "witness W2 " + k.Vkey("W1") + "\nquorum W1\n", "listed twice"},
      {"witness none " + k.Vkey("N") + "\nquorum none\n", "predefined"},
      {"witness W " + k.LogVkey() + "\nquorum W\n", "cosigner key"},
      {"log " + cosig::EncodeVerifier("x", k.witnesses.at("W1").public_key()) + "\nquorum none\n", "key"},
      {"logs " + k.LogVkey() + "\nquorum none\n", "unknown keyword"},
      {w1 + "quorum W1\x01\n", "control character"},
      {"# saved on Windows\r\n" + w1 + "quorum W1\r\n", "line 1 ends in a carriage return (CRLF)"},
      {w1 + "quorum W1\r\n", "line 2 ends in a carriage return"},
      {w1 + "quorum W1 W1\n", "want 'quorum"},
  };
  for (const auto& row : rows) {
    INFO(row.text);
    const auto p = policy::Parse(row.text);
    REQUIRE_FALSE(p.ok());
    CHECK_THAT(p.status().message(), Catch::Contains(row.says));
  }
  std::string many;
  for (int i = 0; i < 65; ++i) many += "witness W" + std::to_string(i) + " " + k.Vkey("M" + std::to_string(i)) + "\n";
  CHECK_THAT(policy::Parse(many + "quorum W0\n").status().message(), Catch::Contains("more than 64"));
}

}  // namespace
}  // namespace lawtrail::testing

// What the Kafka tests share: reading a topic back with kcat (a client
// lawtrail did not write), and topics made fresh on the test cluster.
#ifndef LAWTRAIL_TESTS_KAFKA_KAFKA_SUPPORT_H_
#define LAWTRAIL_TESTS_KAFKA_KAFKA_SUPPORT_H_

#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "ledger/stream/topics.h"
#include "tests/support/kafka/test_cluster.h"
#include "tests/support/process.h"

namespace lawtrail::kafka {

struct Consumed {
  std::string key;
  std::string value;
};

// Every message of `topic` from the beginning, as kcat prints them.
inline std::vector<Consumed> ReadWithKcat(const TestCluster& cluster, const std::string& topic,
                                          const std::string& dir) {
  const std::string out = dir + "/kcat.out", err = dir + "/kcat.err";
  const pid_t pid = testing::Spawn({"/usr/bin/kcat", "-C", "-q", "-e", "-b", cluster.bootstraps(), "-t", topic, "-o",
                                    "beginning", "-f", "%K\n%k%R%s"},
                                   "", out, err);
  REQUIRE(testing::Wait(pid) == 0);
  const std::string bytes = testing::ReadAll(out);
  std::vector<Consumed> messages;
  size_t at = 0;
  // The key's length is printed as text, the value's as 32 big-endian bits.
  auto take = [&](std::string& into, size_t n) {
    REQUIRE(at + n <= bytes.size());
    into = bytes.substr(at, n);
    at += n;
  };
  while (at < bytes.size()) {
    Consumed& c = messages.emplace_back();
    const size_t eol = bytes.find('\n', at);
    REQUIRE(eol != std::string::npos);
    const size_t key_size = std::stoul(bytes.substr(at, eol - at));
    at = eol + 1;
    take(c.key, key_size);
    std::string length;
    take(length, 4);
    const auto* p = reinterpret_cast<const uint8_t*>(length.data());
    take(c.value, (size_t{p[0]} << 24) | (size_t{p[1]} << 16) | (size_t{p[2]} << 8) | p[3]);
  }
  return messages;
}

// A topic prefix on `cluster` with its topics made.
inline std::string MadeTopics(TestCluster& cluster, const std::string& base) {
  const std::string prefix = cluster.UniqueTopicPrefix(base);
  REQUIRE(cluster.CreateTopics(Topics::WithPrefix(prefix)).ok());
  return prefix;
}

inline std::vector<std::string> RelayArgs(const std::string& dir, const TestCluster& cluster,
                                          const std::string& prefix) {
  return {LAWTRAIL_BINARY, "relay", "--data", dir, "--brokers", cluster.bootstraps(), "--topic-prefix", prefix};
}

}  // namespace lawtrail::kafka

#endif  // LAWTRAIL_TESTS_KAFKA_KAFKA_SUPPORT_H_

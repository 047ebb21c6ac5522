// File: tests/support/kafka/test_cluster.h
// -----------------------------------------------------------------------------
// The Kafka cluster tests and benches talk to: the one named by
// LAWTRAIL_KAFKA_BROKERS when it is set, else librdkafka's own mock cluster —
// brokers speaking the Kafka protocol over TCP on loopback, reachable by any
// client, kcat included. The same test runs unchanged against either.
#ifndef LAWTRAIL_TESTS_SUPPORT_KAFKA_TEST_CLUSTER_H_
#define LAWTRAIL_TESTS_SUPPORT_KAFKA_TEST_CLUSTER_H_

#include <memory>
#include <string>

#include "ledger/core/status.h"
#include "ledger/stream/client.h"
#include "ledger/stream/topics.h"

struct rd_kafka_mock_cluster_s;

namespace lawtrail::kafka {

class TestCluster {
 public:
  // A mock cluster of `brokers` brokers, unless LAWTRAIL_KAFKA_BROKERS names
  // a real one.
  static Result<std::unique_ptr<TestCluster>> Start(int brokers = 3);
  ~TestCluster();

  const std::string& bootstraps() const { return bootstraps_; }
  bool is_mock() const { return mock_ != nullptr; }
  // Replicas per partition: every broker of the mock; for a real cluster
  // LAWTRAIL_KAFKA_REPLICATION (default 1, so a one-broker cluster works).
  int replication_factor() const { return replication_; }
  // A topic name no earlier run used (a real cluster keeps its topics).
  std::string UniqueTopicPrefix(const std::string& base) const;
  // Creates the topics: through the Admin API on a real cluster, directly in
  // a mock one (which does not implement CreateTopics).
  Status CreateTopics(const Topics& topics, int partitions = 1);
  // Takes broker `id` (1-based) down or brings it back; mock clusters only.
  Status SetBrokerDown(int id, bool down);

 private:
  TestCluster() = default;
  Handle host_;  // the client the mock cluster lives in
  rd_kafka_mock_cluster_s* mock_ = nullptr;
  std::string bootstraps_;
  int replication_ = 1;
};

}  // namespace lawtrail::kafka

#endif  // LAWTRAIL_TESTS_SUPPORT_KAFKA_TEST_CLUSTER_H_

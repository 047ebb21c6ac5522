#include "tests/support/kafka/test_cluster.h"

#include <librdkafka/rdkafka.h>
// rdkafka_mock.h needs rdkafka.h first.
#include <chrono>
#include <cstdlib>

#include <librdkafka/rdkafka_mock.h>
#include <unistd.h>

namespace lawtrail::kafka {

Result<std::unique_ptr<TestCluster>> TestCluster::Start(int brokers) {
  std::unique_ptr<TestCluster> c(new TestCluster());
  if (const char* real = std::getenv("LAWTRAIL_KAFKA_BROKERS"); real != nullptr && *real != '\0') {
    c->bootstraps_ = real;
    if (const char* rf = std::getenv("LAWTRAIL_KAFKA_REPLICATION"); rf != nullptr && std::atoi(rf) > 0) {
      c->replication_ = std::atoi(rf);
    }
    return c;
  }
  // The mock cluster needs a client to live in; it serves other clients
  // (and other processes) through its loopback ports.
  LAWTRAIL_ASSIGN_OR_RETURN(c->host_, NewClient(RD_KAFKA_PRODUCER, {{"log_level", "3"}}));
  c->mock_ = rd_kafka_mock_cluster_new(c->host_.get(), brokers);
  if (c->mock_ == nullptr) return Status::Internal("kafka: starting a mock cluster failed");
  c->bootstraps_ = rd_kafka_mock_cluster_bootstraps(c->mock_);
  c->replication_ = brokers;
  return c;
}

TestCluster::~TestCluster() {
  if (mock_ != nullptr) rd_kafka_mock_cluster_destroy(mock_);
}

std::string TestCluster::UniqueTopicPrefix(const std::string& base) const {
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  return base + "-" + std::to_string(getpid()) + "-" +
         std::to_string(std::chrono::duration_cast<std::chrono::microseconds>(now).count());
}

Status TestCluster::CreateTopics(const Topics& topics, int partitions) {
  if (mock_ == nullptr) return kafka::CreateTopics(bootstraps_, topics, {partitions, replication_});
  for (const std::string* name : {&topics.records, &topics.checkpoints}) {
    LAWTRAIL_RETURN_IF_ERROR(FromKafka(rd_kafka_mock_topic_create(mock_, name->c_str(), partitions, replication_),
                                       "creating mock topic " + *name));
  }
  return Status::Ok();
}

Status TestCluster::SetBrokerDown(int id, bool down) {
  if (mock_ == nullptr) return Status::Unavailable("kafka: brokers of a real cluster are not ours to take down");
  return FromKafka(down ? rd_kafka_mock_broker_set_down(mock_, id) : rd_kafka_mock_broker_set_up(mock_, id),
                   "setting broker " + std::to_string(id) + (down ? " down" : " up"));
}

}  // namespace lawtrail::kafka

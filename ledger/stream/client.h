// File: ledger/stream/client.h
// -----------------------------------------------------------------------------
// librdkafka handles as RAII values and its errors as Status. Every Kafka
// client lawtrail makes goes through here, so configuration mistakes read the
// same everywhere ("kafka: setting 'acks': ...").
#ifndef LAWTRAIL_LEDGER_STREAM_CLIENT_H_
#define LAWTRAIL_LEDGER_STREAM_CLIENT_H_

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <librdkafka/rdkafka.h>

#include "ledger/core/bytes.h"
#include "ledger/core/status.h"

namespace lawtrail::kafka {

struct HandleDeleter {
  void operator()(rd_kafka_t* rk) const { rd_kafka_destroy(rk); }
};
using Handle = std::unique_ptr<rd_kafka_t, HandleDeleter>;

// Client settings by librdkafka's property names.
using Settings = std::map<std::string, std::string>;

// A client of `type` with `settings`; `setup` may add callbacks to the
// configuration before the client takes it.
Result<Handle> NewClient(rd_kafka_type_t type, const Settings& settings,
                         void (*setup)(rd_kafka_conf_t*, void*) = nullptr, void* setup_arg = nullptr);

// One message to produce; librdkafka copies what it needs.
struct Message {
  const char* topic = nullptr;  // NUL-terminated
  ByteView key;
  ByteView value;
  std::vector<std::pair<const char*, ByteView>> headers;
  void* opaque = nullptr;  // handed back in the delivery report
};

// Enqueues `m`; RD_KAFKA_RESP_ERR__QUEUE_FULL means wait (rd_kafka_poll) and retry.
rd_kafka_resp_err_t Produce(rd_kafka_t* producer, const Message& m);

// Produce, waiting while the producer's queue is full — back-pressure: the
// brokers' delivery reports are served meanwhile, `poll_ms` at a time — for
// as long as `keep_waiting` (if given) says. Returns QUEUE_FULL only when it
// gave up, or the first other error.
rd_kafka_resp_err_t ProduceWhenRoom(rd_kafka_t* producer, const Message& m, int poll_ms,
                                    const std::function<bool()>& keep_waiting = {});

// Asks the brokers about `topics` so that a client's first message to each
// does not wait for it (about a second on a fresh topic). Best effort: a
// client that cannot learn them now learns them when it produces.
void LearnTopics(rd_kafka_t* client, const std::vector<std::string>& topics, int timeout_ms = 5000);

// A librdkafka error code as a Status, `what` saying what was being done.
Status FromKafka(rd_kafka_resp_err_t err, const std::string& what);

}  // namespace lawtrail::kafka

#endif  // LAWTRAIL_LEDGER_STREAM_CLIENT_H_

#include "ledger/stream/client.h"

namespace lawtrail::kafka {

Status FromKafka(rd_kafka_resp_err_t err, const std::string& what) {
  if (err == RD_KAFKA_RESP_ERR_NO_ERROR) return Status::Ok();
  const std::string m = "kafka: " + what + ": " + rd_kafka_err2str(err);
  switch (err) {
    case RD_KAFKA_RESP_ERR__TIMED_OUT:
    case RD_KAFKA_RESP_ERR__TRANSPORT:
    case RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN:
    case RD_KAFKA_RESP_ERR__QUEUE_FULL: return Status::Unavailable(m);
    case RD_KAFKA_RESP_ERR__INVALID_ARG:
    case RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC:
    case RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART: return Status::InvalidArgument(m);
    default: return Status::IOError(m);
  }
}

rd_kafka_resp_err_t Produce(rd_kafka_t* producer, const Message& m) {
  std::vector<rd_kafka_vu_t> vus;
  vus.reserve(5 + m.headers.size());
  auto add = [&vus](rd_kafka_vtype_t type) -> rd_kafka_vu_t& {
    rd_kafka_vu_t& vu = vus.emplace_back();
    vu.vtype = type;
    return vu;
  };
  add(RD_KAFKA_VTYPE_TOPIC).u.cstr = m.topic;
  add(RD_KAFKA_VTYPE_MSGFLAGS).u.i = RD_KAFKA_MSG_F_COPY;
  rd_kafka_vu_t& key = add(RD_KAFKA_VTYPE_KEY);
  key.u.mem.ptr = const_cast<uint8_t*>(m.key.data());
  key.u.mem.size = m.key.size();
  rd_kafka_vu_t& value = add(RD_KAFKA_VTYPE_VALUE);
  value.u.mem.ptr = const_cast<uint8_t*>(m.value.data());
  value.u.mem.size = m.value.size();
  for (const auto& [name, bytes] : m.headers) {
    rd_kafka_vu_t& h = add(RD_KAFKA_VTYPE_HEADER);
    h.u.header.name = name;
    h.u.header.val = bytes.data();
    h.u.header.size = static_cast<ssize_t>(bytes.size());
  }
  add(RD_KAFKA_VTYPE_OPAQUE).u.ptr = m.opaque;
  rd_kafka_error_t* error = rd_kafka_produceva(producer, vus.data(), vus.size());
  if (error == nullptr) return RD_KAFKA_RESP_ERR_NO_ERROR;
  const rd_kafka_resp_err_t code = rd_kafka_error_code(error);
  rd_kafka_error_destroy(error);
  return code;
}

rd_kafka_resp_err_t ProduceWhenRoom(rd_kafka_t* producer, const Message& m, int poll_ms,
                                    const std::function<bool()>& keep_waiting) {
  for (;;) {
    const rd_kafka_resp_err_t err = Produce(producer, m);
    if (err != RD_KAFKA_RESP_ERR__QUEUE_FULL || (keep_waiting && !keep_waiting())) return err;
    rd_kafka_poll(producer, poll_ms);
  }
}

void LearnTopics(rd_kafka_t* client, const std::vector<std::string>& topics, int timeout_ms) {
  for (const std::string& name : topics) {
    rd_kafka_topic_t* topic = rd_kafka_topic_new(client, name.c_str(), nullptr);
    if (topic == nullptr) continue;
    const rd_kafka_metadata_t* metadata = nullptr;
    if (rd_kafka_metadata(client, 0, topic, &metadata, timeout_ms) == RD_KAFKA_RESP_ERR_NO_ERROR) {
      rd_kafka_metadata_destroy(metadata);
    }
    rd_kafka_topic_destroy(topic);
  }
}

Result<Handle> NewClient(rd_kafka_type_t type, const Settings& settings, void (*setup)(rd_kafka_conf_t*, void*),
                         void* setup_arg) {
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  char err[512];
  for (const auto& [key, value] : settings) {
    if (rd_kafka_conf_set(conf, key.c_str(), value.c_str(), err, sizeof err) != RD_KAFKA_CONF_OK) {
      rd_kafka_conf_destroy(conf);
      return Status::InvalidArgument("kafka: setting '" + key + "': " + err);
    }
  }
  if (setup != nullptr) setup(conf, setup_arg);
  rd_kafka_t* rk = rd_kafka_new(type, conf, err, sizeof err);  // takes conf on success
  if (rk == nullptr) {
    rd_kafka_conf_destroy(conf);
    return Status::InvalidArgument(std::string("kafka: creating a client: ") + err);
  }
  return Handle(rk);
}

}  // namespace lawtrail::kafka

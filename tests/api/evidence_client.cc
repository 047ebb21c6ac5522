#include "tests/api/evidence_client.h"

#include <algorithm>
#include <cstring>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ledger/core/sha256.h"

namespace lawtrail::testing {
namespace {

constexpr size_t kBlock = 1 << 20;

bool SendAll(int fd, const char* data, size_t n) {
  while (n > 0) {
    const ssize_t w = ::send(fd, data, n, MSG_NOSIGNAL);
    if (w <= 0) return false;
    data += w;
    n -= static_cast<size_t>(w);
  }
  return true;
}

}  // namespace

SyntheticFile::SyntheticFile(uint64_t size) : size_(size), block_(kBlock, '\0') {
  uint64_t x = 0x9E3779B97F4A7C15ull;
  for (char& c : block_) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    c = static_cast<char>(x);
  }
}

size_t SyntheticFile::Read(uint64_t offset, std::span<uint8_t> out) const {
  size_t done = 0;
  while (done < out.size() && offset + done < size_) {
    const uint64_t at = offset + done;
    const uint64_t block = at / kBlock;
    const size_t in_block = static_cast<size_t>(at % kBlock);
    const size_t n = static_cast<size_t>(std::min<uint64_t>({out.size() - done, kBlock - in_block, size_ - at}));
    std::memcpy(out.data() + done, block_.data() + in_block, n);
    // The block's number over its first eight bytes.
    for (size_t i = in_block; i < 8 && i < in_block + n; ++i)
      out[done + i - in_block] = static_cast<uint8_t>(block >> (8 * i));
    done += n;
  }
  return done;
}

Hash SyntheticFile::Sha256() const {
  Sha256Stream sha;
  std::vector<uint8_t> buf(kBlock);
  for (uint64_t at = 0; at < size_;) {
    const size_t n = Read(at, buf);
    sha.Update(ByteView(buf.data(), n));
    at += n;
  }
  return sha.Final();
}

namespace {

// A connection to the server on loopback; -1 if it cannot be made.
int Connect(uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// Reads the answer until the server closes: its head into `reply`, its body
// to `sink` as it comes (or into reply.body when `sink` is unset or the answer is not a 200).
void ReadAnswer(int fd, StreamReply& reply, const std::function<void(ByteView)>& sink) {
  std::string head;
  std::vector<char> chunk(1 << 20);
  bool in_body = false;
  for (ssize_t n; (n = ::recv(fd, chunk.data(), chunk.size(), 0)) > 0;) {
    std::string_view got(chunk.data(), static_cast<size_t>(n));
    if (!in_body) {
      head.append(got);
      const size_t split = head.find("\r\n\r\n");
      if (split == std::string::npos) continue;
      in_body = true;
      if (head.rfind("HTTP/1.1 ", 0) != 0) return;
      reply.status = static_cast<unsigned>(std::stoul(head.substr(9, 3)));
      got = std::string_view(head).substr(split + 4);
      reply.head = head.substr(0, split);
      if (!got.empty()) {
        if (sink && reply.status == 200) {
          sink(AsBytes(got));
        } else {
          reply.body.append(got);
        }
      }
      continue;
    }
    if (sink && reply.status == 200) {
      sink(AsBytes(got));
    } else {
      reply.body.append(got);
    }
  }
}

}  // namespace

StreamReply PutStreamed(uint16_t port, const std::string& target, const SyntheticFile& file, uint64_t from, uint64_t to,
                        const std::string& headers, const std::function<bool(uint64_t)>& sent) {
  StreamReply reply;
  const int fd = Connect(port);
  if (fd < 0) return reply;
  const std::string head = "PUT " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: " +
                           std::to_string(to - from) + "\r\n" + headers + "\r\n";
  bool ok = SendAll(fd, head.data(), head.size());
  std::vector<uint8_t> buf(kBlock);
  for (uint64_t at = from; ok && at < to;) {
    const size_t n = file.Read(at, std::span<uint8_t>(buf.data(), std::min<uint64_t>(buf.size(), to - at)));
    ok = SendAll(fd, reinterpret_cast<const char*>(buf.data()), n);
    at += n;
    if (ok && sent && !sent(at - from)) {
      ::close(fd);
      return reply;
    }
  }
  ReadAnswer(fd, reply, nullptr);
  ::close(fd);
  return reply;
}

StreamReply PostForFile(uint16_t port, const std::string& target, const std::string& body, const std::string& headers,
                        const std::function<void(ByteView)>& sink) {
  StreamReply reply;
  const int fd = Connect(port);
  if (fd < 0) return reply;
  const std::string request =
      "POST " + target +
      " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: " + std::to_string(body.size()) + "\r\n" +
      headers + "\r\n" + body;
  if (SendAll(fd, request.data(), request.size())) ReadAnswer(fd, reply, sink);
  ::close(fd);
  return reply;
}

}  // namespace lawtrail::testing

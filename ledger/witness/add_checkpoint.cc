#include "ledger/witness/add_checkpoint.h"

#include <charconv>

namespace lawtrail::witness {
namespace {

// The next line of `rest` without its newline; nullopt if there is no newline.
std::optional<std::string_view> NextLine(std::string_view& rest) {
  const size_t nl = rest.find('\n');
  if (nl == std::string_view::npos) return std::nullopt;
  const std::string_view line = rest.substr(0, nl);
  rest.remove_prefix(nl + 1);
  return line;
}

Result<uint64_t> ParseDecimal(std::string_view digits, std::string_view what) {
  uint64_t v = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
  if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size() ||
      (digits.size() > 1 && digits[0] == '0')) {
    return Status::InvalidArgument(std::string(what) + " '" + std::string(digits.substr(0, 24)) +
                                   "' is not a decimal without leading zeroes");
  }
  return v;
}

}  // namespace

Result<AddCheckpointRequest> ParseAddCheckpoint(std::string_view body) {
  AddCheckpointRequest r;
  auto first = NextLine(body);
  if (!first || first->substr(0, 4) != "old ") return Status::InvalidArgument("the body must start with 'old <size>'");
  LAWTRAIL_ASSIGN_OR_RETURN(r.old_size, ParseDecimal(first->substr(4), "old size"));
  for (;;) {
    auto line = NextLine(body);
    if (!line) return Status::InvalidArgument("no empty line before the checkpoint");
    if (line->empty()) break;
    if (r.proof.size() == kMaxProofLines) {
      return Status::InvalidArgument("more than " + std::to_string(kMaxProofLines) + " consistency proof lines");
    }
    auto hash = FromBase64(*line);
    if (!hash.ok() || hash->size() != 32) {
      return Status::InvalidArgument("consistency proof line " + std::to_string(r.proof.size() + 1) +
                                     " is not base64 of a 32-byte hash");
    }
    r.proof.push_back(std::move(hash).value());
  }
  if (body.empty()) return Status::InvalidArgument("no checkpoint after the empty line");
  r.checkpoint = std::string(body);
  return r;
}

std::string FormatAddCheckpoint(const AddCheckpointRequest& request) {
  std::string out = "old " + std::to_string(request.old_size) + "\n";
  for (const Bytes& h : request.proof) out += ToBase64(h) + "\n";
  out += "\n";
  out += request.checkpoint;
  return out;
}

std::string FormatTlogSize(uint64_t size) { return std::to_string(size) + "\n"; }

Result<uint64_t> ParseTlogSize(std::string_view body) {
  if (body.empty() || body.back() != '\n') return Status::InvalidArgument("a tlog size must end with a newline");
  return ParseDecimal(body.substr(0, body.size() - 1), "tlog size");
}

}  // namespace lawtrail::witness

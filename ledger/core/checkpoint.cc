#include "ledger/core/checkpoint.h"

#include <charconv>

namespace lawtrail {

std::string Checkpoint::Body() const {
  std::string out = origin + "\n" + std::to_string(size) + "\n" + ToBase64(root) + "\n";
  for (const auto& e : extensions) out += e + "\n";
  return out;
}

Result<Hash> Checkpoint::CaseHeadsRoot() const {
  for (const std::string& line : extensions) {
    if (!line.starts_with(kCaseHeadsExtension)) continue;
    auto map_root = HashFromBase64(std::string_view(line).substr(kCaseHeadsExtension.size()));
    if (!map_root.ok()) return map_root.status().WithContext("the checkpoint's case-head map root");
    return *map_root;
  }
  return Status::InvalidArgument("the checkpoint of size " + std::to_string(size) +
                                 " carries no case-head map root (line '" + std::string(kCaseHeadsExtension) + "…')");
}

std::string CaseHeadsExtensionLine(const Hash& map_root) {
  return std::string(kCaseHeadsExtension) + ToBase64(map_root);
}

Result<Checkpoint> ParseCheckpointBody(std::string_view body) {
  std::vector<std::string_view> lines;
  while (!body.empty()) {
    const size_t nl = body.find('\n');
    if (nl == std::string_view::npos) {
      return Status::InvalidArgument("checkpoint body does not end in a newline");
    }
    lines.push_back(body.substr(0, nl));
    body.remove_prefix(nl + 1);
  }
  if (lines.size() < 3) return Status::InvalidArgument("checkpoint needs origin, size and root");
  Checkpoint c;
  c.origin = std::string(lines[0]);
  if (c.origin.empty()) return Status::InvalidArgument("checkpoint origin is empty");
  const std::string_view size = lines[1];
  const auto [end, ec] = std::from_chars(size.data(), size.data() + size.size(), c.size);
  if (ec != std::errc() || end != size.data() + size.size() || size.empty() || (size.size() > 1 && size[0] == '0')) {
    return Status::InvalidArgument("checkpoint size '" + std::string(size) + "' is not a decimal number");
  }
  auto root = HashFromBase64(lines[2]);
  if (!root.ok()) return root.status().WithContext("checkpoint root");
  c.root = *root;
  for (size_t i = 3; i < lines.size(); ++i) {
    if (lines[i].empty()) return Status::InvalidArgument("checkpoint has an empty extension line");
    c.extensions.emplace_back(lines[i]);
  }
  return c;
}

Result<Checkpoint> ParseCheckpointNoteUnverified(std::string_view signed_note) {
  const size_t split = signed_note.rfind("\n\n");
  if (split == std::string_view::npos) return Status::InvalidArgument("note has no signature block");
  return ParseCheckpointBody(signed_note.substr(0, split + 1));
}

Result<Checkpoint> OpenCheckpoint(std::string_view signed_note, const note::Verifier& log_key) {
  LAWTRAIL_ASSIGN_OR_RETURN(std::string body, note::Open(signed_note, log_key));
  LAWTRAIL_ASSIGN_OR_RETURN(Checkpoint c, ParseCheckpointBody(body));
  if (c.origin != log_key.name) {
    return Status::InvalidArgument("checkpoint origin '" + c.origin + "' is not the key name '" + log_key.name + "'");
  }
  return c;
}

}  // namespace lawtrail

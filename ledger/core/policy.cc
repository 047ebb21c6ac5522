#include "ledger/core/policy.h"

#include <algorithm>
#include <charconv>
#include <ctime>
#include <map>

#include "ledger/core/cosignature.h"

namespace lawtrail::policy {
namespace {

constexpr size_t kMaxEach = 64;

std::vector<std::string_view> Fields(std::string_view line) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    const size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
    if (i > start) out.push_back(line.substr(start, i - start));
  }
  return out;
}

bool AllowedOctets(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u == '\t' || u == '\n' || (u >= 0x20 && u != 0x7F);
  });
}

class Parser {
 public:
  Status Line(const std::vector<std::string_view>& f) {
    const std::string_view kind = f[0];
    if (kind == "log") return AddLog(f);
    if (kind == "witness") return AddWitness(f);
    if (kind == "group") return AddGroup(f);
    if (kind == "quorum") return SetQuorum(f);
    return Status::InvalidArgument("unknown keyword '" + std::string(kind) + "'");
  }
  Result<Policy> Finish() {
    if (!has_quorum_) return Status::InvalidArgument("the policy has no quorum line");
    return std::move(p_);
  }

 private:
  Status NewName(std::string_view name) {
    if (name == "none") return Status::InvalidArgument("'none' is predefined");
    if (!names_.emplace(std::string(name), 0).second) {
      return Status::InvalidArgument("'" + std::string(name) + "' is defined twice");
    }
    return Status::Ok();
  }
  Status NewKey(const PublicKey& key) {
    if (!keys_.insert(key).second) return Status::InvalidArgument("a key is listed twice");
    return Status::Ok();
  }
  Status AddLog(const std::vector<std::string_view>& f) {
    if (f.size() < 2 || f.size() > 3) return Status::InvalidArgument("want 'log <vkey> [<url>]'");
    if (p_.logs.size() == kMaxEach) return Status::InvalidArgument("more than 64 logs");
    LAWTRAIL_ASSIGN_OR_RETURN(note::Verifier key, note::ParseVerifier(f[1]));
    LAWTRAIL_RETURN_IF_ERROR(NewKey(key.public_key));
    p_.logs.push_back({std::move(key), f.size() == 3 ? std::string(f[2]) : ""});
    return Status::Ok();
  }
  Status AddWitness(const std::vector<std::string_view>& f) {
    if (f.size() < 3 || f.size() > 4) return Status::InvalidArgument("want 'witness <name> <vkey> [<url>]'");
    if (p_.witnesses.size() == kMaxEach) return Status::InvalidArgument("more than 64 witnesses");
    LAWTRAIL_RETURN_IF_ERROR(NewName(f[1]));
    LAWTRAIL_ASSIGN_OR_RETURN(note::Verifier key, cosig::ParseVerifier(f[2]));
    LAWTRAIL_RETURN_IF_ERROR(NewKey(key.public_key));
    p_.witnesses.push_back({std::string(f[1]), std::move(key), f.size() == 4 ? std::string(f[3]) : ""});
    return Status::Ok();
  }
  Status AddGroup(const std::vector<std::string_view>& f) {
    if (f.size() < 4) return Status::InvalidArgument("want 'group <name> all|any|<k> <member>...'");
    if (p_.groups.size() == kMaxEach) return Status::InvalidArgument("more than 64 groups");
    Group g{std::string(f[1]), 0, {}};
    std::set<std::string_view> seen;
    for (size_t i = 3; i < f.size(); ++i) {
      if (!names_.count(std::string(f[i]))) {
        return Status::InvalidArgument("group member '" + std::string(f[i]) + "' is not defined on an earlier line");
      }
      if (!seen.insert(f[i]).second) {
        return Status::InvalidArgument("'" + std::string(f[i]) + "' is a member twice");
      }
      g.members.emplace_back(f[i]);
    }
    const size_t n = g.members.size();
    if (f[2] == "all") {
      g.threshold = n;
    } else if (f[2] == "any") {
      g.threshold = 1;
    } else {
      const auto [end, ec] = std::from_chars(f[2].data(), f[2].data() + f[2].size(), g.threshold);
      if (ec != std::errc() || end != f[2].data() + f[2].size() || f[2][0] == '0' || g.threshold > n) {
        return Status::InvalidArgument("threshold '" + std::string(f[2]) + "' is not all, any or 1.." +
                                       std::to_string(n));
      }
    }
    LAWTRAIL_RETURN_IF_ERROR(NewName(f[1]));
    p_.groups.push_back(std::move(g));
    return Status::Ok();
  }
  Status SetQuorum(const std::vector<std::string_view>& f) {
    if (f.size() != 2) return Status::InvalidArgument("want 'quorum <name>'");
    if (has_quorum_) return Status::InvalidArgument("a second quorum line");
    if (f[1] != "none" && !names_.count(std::string(f[1]))) {
      return Status::InvalidArgument("quorum '" + std::string(f[1]) + "' is not defined on an earlier line");
    }
    p_.quorum = std::string(f[1]);
    has_quorum_ = true;
    return Status::Ok();
  }

  Policy p_;
  std::map<std::string, int> names_;
  std::set<PublicKey> keys_;
  bool has_quorum_ = false;
};

// Whether `name` (a witness or group) has witnessed, given who cosigned.
bool Witnessed(const Policy& p, const std::string& name, const std::set<std::string>& cosigners) {
  if (cosigners.count(name)) return true;
  for (const Group& g : p.groups) {
    if (g.name != name) continue;
    const size_t met = static_cast<size_t>(std::count_if(
        g.members.begin(), g.members.end(), [&](const std::string& m) { return Witnessed(p, m, cosigners); }));
    return met >= g.threshold;
  }
  return false;
}

}  // namespace

Result<Policy> Parse(std::string_view text) {
  if (const size_t cr = text.find('\r'); cr != std::string_view::npos) {
    // The spec's lines end in LF alone; a file saved on Windows is refused by name, not as noise.
    const auto line = std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(cr), '\n') + 1;
    return Status::InvalidArgument("policy: line " + std::to_string(line) +
                                   " ends in a carriage return (CRLF): save the file with LF line endings");
  }
  if (!AllowedOctets(text)) return Status::InvalidArgument("policy: a control character other than tab or newline");
  Parser parser;
  size_t number = 0;
  while (!text.empty()) {
    const size_t nl = text.find('\n');
    const std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    ++number;
    const auto f = Fields(line);
    if (f.empty() || f[0][0] == '#') continue;
    if (Status s = parser.Line(f); !s.ok()) return s.WithContext("policy line " + std::to_string(number));
  }
  return parser.Finish();
}

std::set<std::string> CosignedBy(const Policy& p, std::string_view signed_note) {
  std::set<std::string> out;
  for (const Witness& w : p.witnesses) {
    if (cosig::VerifyCosignature(signed_note, w.key).ok()) out.insert(w.name);
  }
  return out;
}

Status CheckQuorum(const Policy& p, const std::set<std::string>& cosigners) {
  if (p.quorum == "none" || Witnessed(p, p.quorum, cosigners)) return Status::Ok();
  std::string missing;
  for (const Group& g : p.groups) {
    if (Witnessed(p, g.name, cosigners)) continue;
    const size_t met = static_cast<size_t>(std::count_if(
        g.members.begin(), g.members.end(), [&](const std::string& m) { return Witnessed(p, m, cosigners); }));
    missing += (missing.empty() ? "" : "; ") + std::string("group '") + g.name + "' has " + std::to_string(met) +
               " of the " + std::to_string(g.threshold) + " it needs";
  }
  if (missing.empty()) missing = "witness '" + p.quorum + "' has not cosigned";
  return Status::FailedPrecondition("the checkpoint does not meet the witness quorum: " + missing);
}

Result<Checkpoint> OpenCheckpoint(const Policy& p, std::string_view signed_note) {
  Status last = Status::NotFound("the policy lists no log");
  for (const Log& log : p.logs) {
    auto checkpoint = lawtrail::OpenCheckpoint(signed_note, log.key);
    if (!checkpoint.ok()) {
      last = checkpoint.status();
      continue;
    }
    LAWTRAIL_RETURN_IF_ERROR(CheckQuorum(p, CosignedBy(p, signed_note)));
    return checkpoint;
  }
  return last;
}

std::string DescribeCosigners(const Policy& p, std::string_view signed_note) {
  std::string out;
  for (const Witness& w : p.witnesses) {
    auto t = cosig::VerifyCosignature(signed_note, w.key);
    if (!t.ok()) continue;
    const std::time_t secs = static_cast<std::time_t>(std::min<uint64_t>(*t, INT32_MAX * uint64_t{1000}));
    std::tm utc{};
    char when[32] = "?";
    if (gmtime_r(&secs, &utc) != nullptr) std::strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S UTC", &utc);
    out += (out.empty() ? "" : ", ") + w.name + " at " + when;
  }
  return out.empty() ? "no witness" : out;
}

}  // namespace lawtrail::policy

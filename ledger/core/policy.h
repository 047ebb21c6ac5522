// File: ledger/core/policy.h
// -----------------------------------------------------------------------------
// C2SP tlog-policy: which logs are trusted, which witnesses, and the quorum of
// cosignatures a checkpoint needs to be believed.
//
//   log <vkey> [<url>]
//   witness <name> <vkey> [<url>]
//   group <name> all|any|<k> <member>...
//   quorum <name>|none
//
// Whitespace is spaces and tabs; blank lines and lines starting with '#' are
// ignored; names are opaque octets; a group or the quorum may only name what
// earlier lines defined, each member once; duplicate keys are refused. Log
// vkeys are signed-note keys (type 0x01) named by the log's origin; witness
// vkeys are cosigner keys (type 0x04). At most 64 logs, 64 witnesses and 64
// groups (the spec recommends supporting 32).
#ifndef LAWTRAIL_LEDGER_CORE_POLICY_H_
#define LAWTRAIL_LEDGER_CORE_POLICY_H_

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/core/checkpoint.h"
#include "ledger/core/note.h"

namespace lawtrail::policy {

struct Log {
  note::Verifier key;
  std::string url;
};

struct Witness {
  std::string name;
  note::Verifier key;
  std::string url;
};

struct Group {
  std::string name;
  size_t threshold = 1;
  std::vector<std::string> members;
};

struct Policy {
  std::vector<Log> logs;
  std::vector<Witness> witnesses;
  std::vector<Group> groups;
  std::string quorum;  // "none", a witness or a group
};

// InvalidArgument naming the line and what is wrong with it.
Result<Policy> Parse(std::string_view text);

// The names of the policy's witnesses whose cosignature on `signed_note`
// verifies (lines by other keys are ignored).
std::set<std::string> CosignedBy(const Policy& p, std::string_view signed_note);

// OK iff `cosigners` meet the quorum; otherwise FailedPrecondition naming
// the group or witness that is short and by how much.
Status CheckQuorum(const Policy& p, const std::set<std::string>& cosigners);

// "w1 at 2026-12-07 01:02:03 UTC, w2 at …": the policy's witnesses whose
// cosignature on `signed_note` verifies, with the time each put in it;
// "no witness" when none.
std::string DescribeCosigners(const Policy& p, std::string_view signed_note);

// The checkpoint in `signed_note` iff one of the policy's logs signed it and
// its witnesses' cosignatures meet the quorum.
Result<Checkpoint> OpenCheckpoint(const Policy& p, std::string_view signed_note);

}  // namespace lawtrail::policy

#endif  // LAWTRAIL_LEDGER_CORE_POLICY_H_

// File: tools/demo_draws.h
// -----------------------------------------------------------------------------
// The demo year's 双随机 draws, run on the log once the year's cases are in:
// the 沿街商户 object pool and the inspector pool, three quarterly batches
// (April, July, October) whose seeds are the log's own checkpoints cosigned
// by two demo witnesses (the 区司法局 and the 区市场监管局, keys derived from
// the seed), the pool updated between announcement and result (the draw
// keeps its snapshot), one recusal re-drawn, and one attempt at each D-DRAW
// rule, which the log must refuse.
//
// A draw needs the checkpoint of a tree size named in advance, so unlike the
// rest of the year it cannot be signed beforehand: each step appends, then
// reads the log. A log that already holds draws is left as it is.
#ifndef LAWTRAIL_TOOLS_DEMO_DRAWS_H_
#define LAWTRAIL_TOOLS_DEMO_DRAWS_H_

#include <map>
#include <string>
#include <vector>

#include "ledger/log/log.h"
#include "tools/town_year.h"

namespace lawtrail::demo {

struct DrawTally {
  size_t draws = 0, recusals = 0, already = 0;
  std::map<std::string, uint64_t> refusals;  // rule → attempts refused by it
  std::map<std::string, uint64_t> flags;     // rule → flags raised by lawful acts
  std::vector<std::string> mismatches;       // an attempt accepted, or refused by another rule
};

// The demo witnesses' verifier keys (type 0x04), in the order draws name them.
std::vector<std::string> DemoWitnessKeys(uint64_t seed);

// `log_vkey`: the log's verifier key, which each announcement names.
Status RunDemoDraws(Log& log, const std::string& log_vkey, const YearPlan& plan, const Year& year, DrawTally& tally);

}  // namespace lawtrail::demo

#endif  // LAWTRAIL_TOOLS_DEMO_DRAWS_H_

// File: ledger/draw/draw.h
// -----------------------------------------------------------------------------
// The draw itself, algorithm "lawtrail-draw/v1": a pure function of the seed,
// the two pools and the announced ratios and team size, so that anyone
// holding the log gets the same objects and inspectors (docs/draws.md).
//
// Objects: each object is ranked by SHA-256("lawtrail-draw/v1 object\n" ‖
// seed ‖ id); in each credit class with a ratio r (per mille) the
// ceil(n·r/1000) lowest-ranked of its n objects are drawn. The drawn objects
// are listed in rank order.
// Inspectors: for each drawn object, every inspector is ranked by
// SHA-256("lawtrail-draw/v1 inspector\n" ‖ seed ‖ object id ‖ "\n" ‖
// certificate no); the team is the first `team_size`. A recusal (回避) is
// replaced by the first inspector in the same order who is neither on the
// team nor recused for that object: a re-draw anyone can re-run.
#ifndef LAWTRAIL_LEDGER_DRAW_DRAW_H_
#define LAWTRAIL_LEDGER_DRAW_DRAW_H_

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "ledger/draw/pool.h"
#include "ledger/draw/seed.h"

namespace lawtrail::draw {

// The events of case "@draws": neither registry nor case events.
bool IsDrawEvent(fb::Payload type);

inline constexpr std::string_view kAlgorithm = "lawtrail-draw/v1";
inline constexpr unsigned kMinTeamSize = 2;  // 食品办法 第23条; 处罚法 第42条

// What a DrawAnnounced commits to.
struct DrawTerms {
  std::string task_no;
  std::string item_code;
  std::string list_version;
  std::string object_pool_id;
  Hash object_pool_hash{};
  uint32_t object_count = 0;
  std::string inspector_pool_id;
  Hash inspector_pool_hash{};
  uint32_t inspector_count = 0;
  std::map<std::string, uint16_t> ratios;  // credit class → per mille
  unsigned team_size = 0;
  std::string algorithm;
  SeedTerms seed;
};
// The terms that commit to `objects` and `inspectors` as they are (ids,
// hashes, counts), with the algorithm this library runs.
DrawTerms CommitTo(std::string task_no, std::string item_code, std::string list_version, const Pool& objects,
                   const Pool& inspectors, std::map<std::string, uint16_t> ratios, unsigned team_size, SeedTerms seed);
// A team for people to read: certificate numbers joined by 、.
std::string JoinTeam(const std::vector<std::string>& inspectors);

// The terms of `a`; an error if a field is malformed (a hash not 32 bytes, a
// class given twice).
Result<DrawTerms> TermsOf(const fb::DrawAnnounced& a);

struct DrawnCheck {
  std::string object_id;
  std::vector<std::string> inspectors;
  bool operator==(const DrawnCheck&) const = default;
};
std::vector<DrawnCheck> ChecksOf(const fb::DrawRecorded& r);

// The draw. REQUIRES: the pools are the committed ones; team_size ≤ the
// inspector pool's size.
std::vector<DrawnCheck> RunDraw(const Hash& seed, const Pool& objects, const Pool& inspectors, unsigned team_size,
                                const std::map<std::string, uint16_t>& ratios);

// The inspector who replaces a recusal for `object_id`: the first in the
// object's order who is neither in `team` nor in `recused`; nullopt when the
// pool is exhausted.
std::optional<std::string> NextInspector(const Hash& seed, std::string_view object_id, const Pool& inspectors,
                                         const std::vector<std::string>& team, const std::set<std::string>& recused);

// A human-readable difference between what was recorded and what the draw
// gives ("" if none), naming the first place they part.
std::string DescribeDifference(const std::vector<DrawnCheck>& recorded, const std::vector<DrawnCheck>& rerun);

}  // namespace lawtrail::draw

#endif  // LAWTRAIL_LEDGER_DRAW_DRAW_H_

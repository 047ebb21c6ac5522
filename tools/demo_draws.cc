#include "tools/demo_draws.h"

#include <algorithm>

#include "ledger/client/draw_statements.h"
#include "ledger/client/registry_statements.h"
#include "ledger/core/checkpoint.h"
#include "ledger/core/cosignature.h"
#include "ledger/core/log_format.h"
#include "ledger/domain/calendar.h"
#include "ledger/domain/identifiers.h"

namespace lawtrail::demo {
namespace {

constexpr const char* kWitnessNames[] = {"sifaju.pingqiao.example/w1", "scjgj.pingqiao.example/w1"};
constexpr const char* kShops[] = {"便民超市", "小吃店", "五金店", "理发店", "烟酒店", "水果店", "服装店", "药店",
                                  "饭店",     "手机店", "粮油店", "早餐店", "茶叶店", "建材店", "农资店", "快递点"};
constexpr const char* kVillages[] = {"青山街社区", "王岗村", "李庄村", "河口村", "柳林村", "石桥村"};
constexpr const char* kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

KeyPair WitnessKey(uint64_t seed, size_t i) {
  const Hash h = Derive(seed, "demo-witness-key", i);
  Seed key_seed;
  std::copy(h.begin(), h.end(), key_seed.begin());
  return KeyPair::FromSeed(key_seed);
}

int64_t At(const char* date, int hour) {
  return domain::ChinaMidnightMs(*domain::ParseDate(date)) + int64_t{hour} * 3'600'000;
}

// The 沿街商户 pool as of `version`: `count` shops, the same ones first in every version.
draw::Pool Shops(uint64_t seed, const std::string& version, size_t count) {
  draw::Pool pool{fb::PoolKind::Objects, "沿街商户名录库-青山镇", version, {}};
  const char* classes = "ABBBCCCCCD";  // most shops are B or C (守信/一般)
  for (size_t i = 0; i < count; ++i) {
    const Hash h = Derive(seed, "demo-shop", i);
    std::string code = "92411503";  // 个体工商户, 信阳市平桥区
    for (size_t k = 0; code.size() < 17; ++k) code.push_back(kAlphabet[h[k] % 31]);
    code += *domain::CreditCodeCheckCharacter(code);
    const char* village = kVillages[h[20] % std::size(kVillages)];
    pool.entries.push_back({code, std::string("青山镇") + village + kShops[h[21] % std::size(kShops)],
                            std::string(1, classes[h[22] % 10]), village});
  }
  return pool;
}

struct DrawRun {
  Log& log;
  const YearPlan& plan;
  const Year& year;
  DrawTally& tally;
  uint64_t n = 0;  // statements made, for their derived event ids

  StatementHeader Header(const note::Signer& by, const std::string& case_id, int64_t at_ms) {
    StatementHeader h;
    const Hash id = Derive(plan.seed, "demo-draw-event", n++);
    std::copy_n(id.begin(), h.event_id.size(), h.event_id.begin());
    h.origin = plan.origin;
    h.case_id = case_id;
    h.certificate_no = by.name;
    h.key = by.key.public_key();
    h.occurred_at_ms = at_ms;
    StampEventId(h.event_id, h.occurred_at_ms);
    return h;
  }
  Status Append(Bytes signed_statement) {
    auto r = log.Append({std::move(signed_statement)})[0];
    if (!r.ok()) return r.status();
    for (const auto& f : r->flags) ++tally.flags[f.rule_id];
    return Status::Ok();
  }
  Status Root(int64_t at_ms, const std::function<Bytes(const StatementHeader&)>& build) {
    StatementHeader h = RegistryHeader(plan.origin, plan.root.key.public_key());
    h.occurred_at_ms = at_ms;
    const Hash id = Derive(plan.seed, "demo-draw-event", n++);
    std::copy_n(id.begin(), h.event_id.size(), h.event_id.begin());
    StampEventId(h.event_id, at_ms);
    return Append(SignStatement(build(h), plan.root.key));
  }
  Status Signed(const note::Signer& by, int64_t at_ms, const std::function<Bytes(const StatementHeader&)>& build) {
    return Append(SignStatement(build(Header(by, std::string(kDrawsCaseId), at_ms)), by.key));
  }
  // An attempt the log must refuse by `rule`.
  void Attempt(const std::string& rule, const note::Signer& by, int64_t at_ms,
               const std::function<Bytes(const StatementHeader&)>& build) {
    const Status s = Signed(by, at_ms, build);
    if (s.ok()) {
      tally.mismatches.push_back("a draw act breaking " + rule + " was accepted");
    } else if (s.rule() != rule) {
      tally.mismatches.push_back("a draw act breaking " + rule + " was refused by another rule: " + s.ToString());
    } else {
      ++tally.refusals[rule];
    }
  }

  draw::DrawTerms Terms(const std::string& task, const std::string& item, const draw::Pool& objects,
                        const draw::Pool& inspectors, const std::string& log_vkey) {
    // Ratios by credit class (上海 第70条 style): the riskier, the more often.
    return draw::CommitTo(task, item, "2025年版", objects, inspectors, {{"A", 30}, {"B", 50}, {"C", 100}, {"D", 300}},
                          2, {log_vkey, DemoWitnessKeys(plan.seed), log.size() + 2});
  }

  // The checkpoint of the seed's size with both demo witnesses' cosignatures.
  Result<std::string> Cosigned(uint64_t size, int64_t at_ms) {
    LAWTRAIL_ASSIGN_OR_RETURN(auto note, log.reader().CheckpointAt(size));
    if (!note) return Status::NotFound("the log signed no checkpoint of size " + std::to_string(size));
    LAWTRAIL_ASSIGN_OR_RETURN(const Checkpoint cp, ParseCheckpointNoteUnverified(*note));
    std::string cosigned = *note;
    for (size_t i = 0; i < std::size(kWitnessNames); ++i) {
      cosigned += cosig::Cosign(kWitnessNames[i], WitnessKey(plan.seed, i), cp.Body(),
                                static_cast<uint64_t>(at_ms / 1000) + 30 + i * 7);
    }
    return cosigned;
  }
};

}  // namespace

std::vector<std::string> DemoWitnessKeys(uint64_t seed) {
  std::vector<std::string> keys;
  for (size_t i = 0; i < std::size(kWitnessNames); ++i) {
    keys.push_back(cosig::EncodeVerifier(kWitnessNames[i], WitnessKey(seed, i).public_key()));
  }
  return keys;
}

namespace {

// One batch: announce, let the tree pass the seed's size (the pool's monthly
// update is the next record), then record what the draw gives.
Result<std::pair<draw::DrawTerms, std::vector<draw::DrawnCheck>>> Batch(
    DrawRun& run, const std::string& task, const std::string& item, const draw::Pool& objects,
    const draw::Pool& inspectors, const draw::Pool& next_objects, const std::string& log_vkey, int64_t at_ms) {
  const note::Signer& op = *run.year.draw_operator;
  const draw::DrawTerms t = run.Terms(task, item, objects, inspectors, log_vkey);
  LAWTRAIL_RETURN_IF_ERROR(
      run.Signed(op, at_ms, [&](const StatementHeader& h) { return DrawAnnouncedStatement(h, t); }));
  LAWTRAIL_RETURN_IF_ERROR(
      run.Root(at_ms + 600'000, [&](const StatementHeader& h) { return InspectionPoolStatement(h, next_objects); }));
  LAWTRAIL_ASSIGN_OR_RETURN(const std::string seed_note, run.Cosigned(t.seed.tree_size, at_ms + 1'800'000));
  LAWTRAIL_ASSIGN_OR_RETURN(const draw::Seed seed, draw::OpenSeed(seed_note, t.seed));
  auto checks = draw::RunDraw(seed.value, objects, inspectors, t.team_size, t.ratios);
  // D-DRAW-RESULT: a result with two inspectors swapped for the first object.
  auto steered = checks;
  std::swap(steered[0].inspectors[0], steered[0].inspectors[1]);
  run.Attempt("D-DRAW-RESULT", op, at_ms + 3'000'000,
              [&](const StatementHeader& h) { return DrawRecordedStatement(h, task, seed_note, steered); });
  LAWTRAIL_RETURN_IF_ERROR(run.Signed(op, at_ms + 3'600'000, [&](const StatementHeader& h) {
    return DrawRecordedStatement(h, task, seed_note, checks);
  }));
  ++run.tally.draws;
  return std::pair(t, std::move(checks));
}

const note::Signer& Inspector(const Year& year, const std::string& certificate_no) {
  for (const note::Signer& s : year.inspectors) {
    if (s.name == certificate_no) return s;
  }
  return year.inspectors.front();  // never: the pool is these officers
}

// The team scans the shop's code on entry (扫码入企, the plan requires it):
// the third check of each eleven is recorded two days later for want of a
// network, the fifth is never scanned (F-SCAN-MISSING when published), and
// once an officer not on the team tries to log the entry (D-DRAW-SCAN).
Status ScanEntry(DrawRun& run, const std::string& task, const draw::DrawnCheck& c, size_t i, int64_t entered) {
  const std::string gps = "32." + std::to_string(1200 + i * 37 % 700) + ",114." + std::to_string(1000 + i * 53 % 900);
  const note::Signer& by = Inspector(run.year, c.inspectors[0]);
  if (i == 1) {
    for (const std::string& other : run.year.inspector_certificates) {
      if (std::find(c.inspectors.begin(), c.inspectors.end(), other) != c.inspectors.end()) continue;
      run.Attempt("D-DRAW-SCAN", Inspector(run.year, other), entered, [&](const StatementHeader& h) {
        return EntryScannedStatement(h, task, c.object_id, {other}, entered, gps);
      });
      break;
    }
  }
  if (i % 11 == 4) return Status::Ok();
  const bool late = i % 11 == 2;
  return run.Signed(by, late ? entered + 2 * domain::kDayMs : entered, [&](const StatementHeader& h) {
    return EntryScannedStatement(h, task, c.object_id, c.inspectors, entered, gps,
                                 late ? "现场无网络信号，事后补录" : "");
  });
}

// Each drawn check carried out by its team and its result published: most
// within the 20 working days, every seventh a week late (F-DRAW-RESULT-20WD).
Status CheckAndPublish(DrawRun& run, const std::string& task, const std::vector<draw::DrawnCheck>& teams,
                       const char* ended_date, const char* on_time, const char* late) {
  const int64_t ended = At(ended_date, 15);
  for (size_t i = 0; i < teams.size(); ++i) {
    const draw::DrawnCheck& c = teams[i];
    LAWTRAIL_RETURN_IF_ERROR(ScanEntry(run, task, c, i, At(ended_date, 9) + int64_t(i % 6) * 1'200'000));
    const auto outcome = i % 5 == 3 ? fb::CheckOutcome::OrderedToCorrect : fb::CheckOutcome::NoProblem;
    const char* summary =
        outcome == fb::CheckOutcome::NoProblem ? "门前三包责任落实，未发现问题" : "店外堆放杂物，责令当日清理整改";
    const note::Signer& by = Inspector(run.year, c.inspectors[0]);
    if (i == 0) {  // D-DRAW-CHECK: one inspector alone
      run.Attempt("D-DRAW-CHECK", by, ended, [&](const StatementHeader& h) {
        return InspectionResultStatement(h, task, c.object_id, {c.inspectors[0]}, ended_date, outcome, summary,
                                         "现场检查笔录-0");
      });
    }
    LAWTRAIL_RETURN_IF_ERROR(run.Signed(by, ended, [&](const StatementHeader& h) {
      return InspectionResultStatement(h, task, c.object_id, c.inspectors, ended_date, outcome, summary,
                                       "现场检查笔录-" + std::to_string(i + 1));
    }));
    const char* on = i % 7 == 6 ? late : on_time;
    LAWTRAIL_RETURN_IF_ERROR(run.Signed(*run.year.discloser, At(on, 10), [&](const StatementHeader& h) {
      return InspectionResultPublishedStatement(h, task, c.object_id, on);
    }));
  }
  return Status::Ok();
}

// The head decides a recusal for the first object of the April batch.
Result<std::vector<draw::DrawnCheck>> Recuse(DrawRun& run, const draw::DrawTerms& t,
                                             const std::vector<draw::DrawnCheck>& checks, const draw::Pool& inspectors,
                                             const std::string& seed_note, int64_t at_ms) {
  LAWTRAIL_ASSIGN_OR_RETURN(const draw::Seed seed, draw::OpenSeed(seed_note, t.seed));
  const draw::DrawnCheck& first = checks.front();
  const auto next =
      draw::NextInspector(seed.value, first.object_id, inspectors, first.inspectors, {first.inspectors[0]});
  if (!next) return Status::Internal("the demo's inspector pool is exhausted");
  const std::string reason = "该执法人员与被检查商户经营者系近亲属，申请回避";
  const std::string wrong = first.inspectors[1];
  run.Attempt("D-DRAW-RECUSAL", *run.year.head, at_ms, [&](const StatementHeader& h) {
    return InspectorRecusedStatement(h, t.task_no, first.object_id, first.inspectors[0], reason, wrong);
  });
  LAWTRAIL_RETURN_IF_ERROR(run.Signed(*run.year.head, at_ms + 60'000, [&](const StatementHeader& h) {
    return InspectorRecusedStatement(h, t.task_no, first.object_id, first.inspectors[0], reason, *next);
  }));
  ++run.tally.recusals;
  std::vector<draw::DrawnCheck> teams = checks;
  teams.front().inspectors.front() = *next;
  return teams;
}

// Announcements the log must refuse: a stale pool, one inspector per check, a seed not after the announcement.
void AttemptBadAnnouncements(DrawRun& run, const draw::Pool& stale, const draw::Pool& current,
                             const draw::Pool& inspectors, const std::string& log_vkey, int64_t at_ms) {
  const note::Signer& op = *run.year.draw_operator;
  auto attempt = [&](const std::string& rule, draw::DrawTerms t) {
    run.Attempt(rule, op, at_ms, [&](const StatementHeader& h) { return DrawAnnouncedStatement(h, t); });
  };
  attempt("D-DRAW-ANNOUNCE", run.Terms("青综执抽〔2025〕第9号", "SJ-01", stale, inspectors, log_vkey));
  draw::DrawTerms alone = run.Terms("青综执抽〔2025〕第9号", "SJ-01", current, inspectors, log_vkey);
  alone.team_size = 1;
  attempt("D-DRAW-TEAM", alone);
  draw::DrawTerms now = run.Terms("青综执抽〔2025〕第9号", "SJ-01", current, inspectors, log_vkey);
  now.seed.tree_size = run.log.size();
  attempt("D-DRAW-SEED", now);
}

}  // namespace

Status RunDemoDraws(Log& log, const std::string& log_vkey, const YearPlan& plan, const Year& year, DrawTally& tally) {
  LAWTRAIL_ASSIGN_OR_RETURN(auto drawn, log.reader().CaseHeadOf(kDrawsCaseId));
  if (drawn) {
    tally.already = 1;
    return Status::Ok();
  }
  DrawRun run{log, plan, year, tally};
  draw::Pool inspectors{fb::PoolKind::Inspectors, "执法检查人员名录库-青山镇", "2025-03", {}};
  for (size_t i = 0; i < year.inspector_certificates.size(); ++i) {
    inspectors.entries.push_back({year.inspector_certificates[i], year.officer_names[i], "", ""});
  }
  const draw::Pool march = Shops(plan.seed, "2025-03", 120), april = Shops(plan.seed, "2025-04", 124),
                   july = Shops(plan.seed, "2025-07", 131), october = Shops(plan.seed, "2025-10", 137);
  // The year's plan (by 31 March): SJ-01 in two batches, SJ-02 in one; a shop is checked at most once a year under
  // SJ-01 (twice under SJ-02); entry scans required. The October draw does not know whom April checked, so a shop
  // drawn in both SJ-01 batches is checked beyond its cap (F-INSPECT-CAP): the supervisor sees it.
  LAWTRAIL_RETURN_IF_ERROR(run.Signed(*year.head, At("2025-03-20", 10), [&](const StatementHeader& h) {
    return InspectionPlanStatement(h, 2025, "青政抽计〔2025〕1号", {{"SJ-01", 2, {{"", 1}}}, {"SJ-02", 1, {{"", 2}}}},
                                   /*scan_on_entry=*/true);
  }));
  const int64_t published = At("2025-03-28", 9);
  LAWTRAIL_RETURN_IF_ERROR(
      run.Root(published, [&](const StatementHeader& h) { return InspectionPoolStatement(h, march); }));
  LAWTRAIL_RETURN_IF_ERROR(
      run.Root(published + 60'000, [&](const StatementHeader& h) { return InspectionPoolStatement(h, inspectors); }));
  LAWTRAIL_ASSIGN_OR_RETURN(
      auto q2, Batch(run, "青综执抽〔2025〕第1号", "SJ-01", march, inspectors, april, log_vkey, At("2025-04-15", 9)));
  LAWTRAIL_ASSIGN_OR_RETURN(const std::string q2_note,
                            run.Cosigned(q2.first.seed.tree_size, At("2025-04-15", 9) + 1'800'000));
  LAWTRAIL_ASSIGN_OR_RETURN(auto q2_teams, Recuse(run, q2.first, q2.second, inspectors, q2_note, At("2025-04-16", 10)));
  // Checks end 04-25: the 20 working days run to 2025-05-27 (劳动节 05-01…05 off, Sun 04-27 调休 works).
  LAWTRAIL_RETURN_IF_ERROR(CheckAndPublish(run, q2.first.task_no, q2_teams, "2025-04-25", "2025-05-20", "2025-05-30"));
  AttemptBadAnnouncements(run, march, april, inspectors, log_vkey, At("2025-07-14", 9));
  LAWTRAIL_ASSIGN_OR_RETURN(
      auto q3, Batch(run, "青综执抽〔2025〕第2号", "SJ-02", april, inspectors, july, log_vkey, At("2025-07-15", 9)));
  LAWTRAIL_RETURN_IF_ERROR(CheckAndPublish(run, q3.first.task_no, q3.second, "2025-07-25", "2025-08-15", "2025-08-29"));
  LAWTRAIL_ASSIGN_OR_RETURN(
      auto q4, Batch(run, "青综执抽〔2025〕第3号", "SJ-01", july, inspectors, october, log_vkey, At("2025-10-15", 9)));
  // Ended 10-24: due 2025-11-21; the late ones wait to 12-01.
  LAWTRAIL_RETURN_IF_ERROR(CheckAndPublish(run, q4.first.task_no, q4.second, "2025-10-24", "2025-11-14", "2025-12-01"));
  // D-DRAW-PLAN: a third SJ-01 batch, which the plan does not have.
  const draw::DrawTerms extra = run.Terms("青综执抽〔2025〕第4号", "SJ-01", october, inspectors, log_vkey);
  run.Attempt("D-DRAW-PLAN", *year.draw_operator, At("2025-11-20", 9),
              [&](const StatementHeader& h) { return DrawAnnouncedStatement(h, extra); });
  return Status::Ok();
}

}  // namespace lawtrail::demo

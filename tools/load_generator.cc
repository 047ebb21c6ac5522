#include "tools/load_generator.h"

#include <cstdio>

#include "ledger/client/registry_statements.h"
#include "ledger/core/sha256.h"

namespace lawtrail::demo {
namespace {

// 2026-01-05 09:00 China Standard Time: the demo's working year starts here.
constexpr int64_t kBaseMs = 1767574800000;
constexpr int64_t kDayMs = 86'400'000;

constexpr const char* kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "欧阳"};
constexpr const char* kGiven[] = {"伟", "芳", "娜", "敏", "静", "磊", "洋", "勇", "艳", "杰", "涛", "明", "超", "霞"};
constexpr const char* kPlaces[] = {"青山镇东街", "青山镇农贸市场", "青山村三组", "茶园路",     "青山镇中心小学周边",
                                   "河西工业园", "青山镇卫生院",   "龙潭村",     "镇区主干道", "南湾水库沿岸"};
constexpr const char* kActs[] = {"现场检查", "询问笔录", "调取证据",     "送达文书",   "抽样取证",
                                 "责令改正", "复查整改", "听取陈述申辩", "约谈当事人", "回访"};
constexpr const char* kFindings[] = {"未发现违法行为", "发现无证经营",          "发现占道经营",
                                     "发现违规搭建",   "发现食品超过保质期",    "发现消防通道堵塞",
                                     "已责令限期整改", "当事人拒绝签字，已录像"};

template <size_t N>
const char* Pick(const char* const (&list)[N], uint8_t byte) {
  return list[byte % N];
}

}  // namespace

Generator::Generator(Plan plan)
    : plan_(std::move(plan)), cases_(plan_.cases != 0 ? plan_.cases : std::max<uint64_t>(1, plan_.events / 20)) {
  for (uint32_t i = 0; i < plan_.officers; ++i) {
    const Hash h = Derive("officer-key", i);
    Seed seed;
    std::copy(h.begin(), h.end(), seed.begin());
    char cert[32];
    std::snprintf(cert, sizeof cert, "4115%02u%04u", static_cast<unsigned>(plan_.seed % 100), i + 1);
    officers_.push_back(
        {cert, std::string(Pick(kSurnames, h[0])) + Pick(kGiven, h[1]) + Pick(kGiven, h[2]), KeyPair::FromSeed(seed)});
  }
}

Hash Generator::Derive(std::string_view label, uint64_t i) const {
  std::string input =
      "lawtrail-demo/v1\n" + std::to_string(plan_.seed) + "\n" + std::string(label) + "\n" + std::to_string(i);
  return Sha256(AsBytes(input));
}

std::vector<Bytes> Generator::RegistryStatements() const {
  std::vector<Bytes> out;
  for (size_t i = 0; i < officers_.size(); ++i) {
    StatementHeader h = RegistryHeader(plan_.origin, plan_.root.key.public_key());
    const Hash id = Derive("officer-event", i);
    std::copy_n(id.begin(), h.event_id.size(), h.event_id.begin());
    h.occurred_at_ms = kBaseMs - kDayMs + static_cast<int64_t>(i) * 1000;
    StampEventId(h.event_id, h.occurred_at_ms);
    std::vector<fb::Role> roles = {fb::Role::Officer};
    if (i % 6 == 5) roles.push_back(fb::Role::Reviewer);
    const OfficerInfo info{officers_[i].certificate_no,
                           officers_[i].name,
                           i % 6 == 5 ? "法制审核员" : "执法队员",
                           officers_[i].key.public_key(),
                           roles,
                           kBaseMs - 365 * kDayMs,
                           0};
    out.push_back(SignStatement(OfficerRegisteredStatement(h, info), plan_.root.key));
  }
  return out;
}

Bytes Generator::Event(uint64_t i) const {
  const Hash h = Derive("event", i);
  const Officer& officer = officers_[h[16] % officers_.size()];
  char case_id[48];
  std::snprintf(case_id, sizeof case_id, "青山镇〔2026〕%06llu号",
                static_cast<unsigned long long>(ReadBigEndian64(h.data() + 20) % cases_));
  StatementHeader header;
  std::copy_n(h.begin(), header.event_id.size(), header.event_id.begin());
  header.origin = plan_.origin;
  header.case_id = case_id;
  header.certificate_no = officer.certificate_no;
  header.key = officer.key.public_key();
  header.occurred_at_ms = kBaseMs + static_cast<int64_t>(i) * 1000;
  StampEventId(header.event_id, header.occurred_at_ms);
  const std::string title = Pick(kActs, h[17]);
  const std::string text = title + "：" + Pick(kPlaces, h[18]) + "，" + Pick(kFindings, h[19]) + "。执法人员" +
                           officer.name + "（执法证号" + officer.certificate_no + "）";
  return SignStatement(CaseMemoStatement(header, title, text), officer.key);
}

}  // namespace lawtrail::demo

#include "tools/town_year.h"

#include <algorithm>
#include <cstdio>
#include <random>

#include "ledger/client/licence_acts.h"
#include "ledger/client/master_data_statements.h"
#include "ledger/client/registry_statements.h"
#include "ledger/client/taking_acts.h"
#include "ledger/core/log_format.h"
#include "ledger/core/sha256.h"
#include "ledger/domain/calendar.h"
#include "ledger/domain/identifiers.h"
#include "ledger/domain/procedure_tables.h"
#include "ledger/domain/reference_tables.h"
#include "ledger/domain/taking.h"
#include "ledger/log/thread_pool.h"

namespace lawtrail::demo {
namespace {

using domain::Act;
using domain::AvInfo;
using domain::Penalty;

constexpr const char* kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴",
                                     "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "欧阳"};
constexpr const char* kGiven[] = {"伟", "芳", "娜", "敏",   "静",   "磊",   "洋",   "勇",   "艳",   "杰",   "涛",
                                  "明", "超", "霞", "秀英", "建国", "桂兰", "志强", "海燕", "文博", "子涵", "浩然"};
constexpr const char* kVillages[] = {"幸福村",     "龙潭村", "茶园村", "河西村", "青山社区",
                                     "解放路社区", "南湾村", "柳林村", "毛尖村", "新街社区"};
constexpr const char* kStreets[] = {"解放路", "茶园路", "青山大道", "河西街", "新华路", "农贸市场"};
constexpr const char* kTrades[] = {"商贸", "餐饮", "建材", "农资", "食品", "物流", "装饰", "汽修", "茶叶", "超市"};
constexpr const char* kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

struct PowerDef {
  const char* code;
  const char* name;
  fb::PowerCategory category;
  const char* basis;
  const char* violation;
  int64_t min_fen, max_fen;  // discretion range (一般 level)
  bool catalogued;           // on the legal-review catalogue
  const char* field;         // 执法类别 the officers' certificates must cover
};

constexpr PowerDef kPowers[] = {
    {"330217001", "对擅自占用城市道路经营的处罚", fb::PowerCategory::Penalty, "《城市道路管理条例》第四十二条",
     "擅自占用城市道路经营", 5000, 200000, false, "城市管理"},
    {"330217002", "对违法建设的处罚", fb::PowerCategory::Penalty, "《中华人民共和国城乡规划法》第六十五条",
     "未取得乡村建设规划许可证进行建设", 100000, 8000000, true, "规划建设"},
    {"330217003", "对露天焚烧秸秆的处罚", fb::PowerCategory::Penalty, "《中华人民共和国大气污染防治法》第一百一十九条",
     "露天焚烧秸秆", 5000, 200000, false, "农业农村"},
    {"330217004", "对随意倾倒垃圾的处罚", fb::PowerCategory::Penalty, "《城市市容和环境卫生管理条例》第三十四条",
     "随意倾倒垃圾", 2000, 50000, false, "城市管理"},
    {"330217005", "对无照经营的处罚", fb::PowerCategory::Penalty, "《无证无照经营查处办法》第十三条", "无照经营",
     100000, 1000000, false, "城市管理"},
    {"330217006", "对擅自设置户外广告的处罚", fb::PowerCategory::Penalty, "《城市市容和环境卫生管理条例》第三十六条",
     "擅自设置户外广告", 10000, 500000, false, "城市管理"},
};
constexpr PowerDef kSeizurePower{"330217101",
                                 "对占道经营物品的扣押",
                                 fb::PowerCategory::Coercion,
                                 "《中华人民共和国行政强制法》第九条",
                                 "",
                                 0,
                                 0,
                                 false,
                                 "城市管理"};
// The licences a town grants (domain-acts.md §2): 宅基地 (土地管理法 第62条) and outdoor advertising.
constexpr PowerDef kHomesteadPower{"330217301",
                                   "农村村民宅基地审批",
                                   fb::PowerCategory::Licensing,
                                   "《中华人民共和国土地管理法》第六十二条",
                                   "",
                                   0,
                                   0,
                                   false,
                                   "城市管理"};
constexpr PowerDef kAdvertPower{"330217302",
                                "户外广告设施设置审批",
                                fb::PowerCategory::Licensing,
                                "《城市市容和环境卫生管理条例》第十一条",
                                "",
                                0,
                                0,
                                false,
                                "城市管理"};
constexpr PowerDef kInspectionPower{"330217201",
                                    "对市容环境卫生的监督检查",
                                    fb::PowerCategory::Inspection,
                                    "《城市市容和环境卫生管理条例》第四条",
                                    "",
                                    0,
                                    0,
                                    false,
                                    "城市管理"};

}  // namespace

Hash Derive(uint64_t seed, std::string_view label, uint64_t i) {
  const std::string input =
      "lawtrail-year/v1\n" + std::to_string(seed) + "\n" + std::string(label) + "\n" + std::to_string(i);
  return Sha256(AsBytes(input));
}

namespace {

std::string CreditCode(std::mt19937_64& rng, const char* prefix) {
  std::string code = prefix;
  while (code.size() < 17) code.push_back(kAlphabet[rng() % 31]);
  return code + *domain::CreditCodeCheckCharacter(code);  // the body is from the alphabet
}

std::string ResidentId(std::mt19937_64& rng, bool minor) {
  char body[18];
  // A minor party of 2025 is 14 to 17 all year (born 2008–2010): under 14 is never punished (第30条).
  const int year = minor ? 2008 + static_cast<int>(rng() % 3) : 1950 + static_cast<int>(rng() % 55);
  std::snprintf(body, sizeof body, "411503%04d%02d%02d%03d", year, static_cast<int>(1 + rng() % 12),
                static_cast<int>(1 + rng() % 28), static_cast<int>(rng() % 1000));
  return std::string(body, 17) + *domain::ResidentIdCheckCharacter(std::string_view(body, 17));
}

template <size_t N>
const char* Pick(const char* const (&list)[N], std::mt19937_64& rng) {
  return list[rng() % N];
}

int Between(std::mt19937_64& rng, int lo, int hi) { return lo + static_cast<int>(rng() % (hi - lo + 1)); }
bool Chance(std::mt19937_64& rng, unsigned percent) { return rng() % 100 < percent; }

struct Officer {
  std::string certificate_no;
  std::string name;
  KeyPair key;
  std::vector<fb::Role> roles;
  std::string qualification;
};

struct People {
  std::vector<Officer> officers;  // field officers first
  size_t field = 0;               // officers [0, field) handle cases
  const Officer* reviewer[2] = {nullptr, nullptr};
  const Officer* legal_officer = nullptr;  // officer and reviewer: never reviews own cases
  const Officer* discloser = nullptr;
  const Officer* supervisor = nullptr;
  const Officer* suspended = nullptr;
  const Officer* heads[2] = {nullptr, nullptr};  // 镇长 and 分管副镇长 (行政机关负责人)
};

People MakePeople(uint64_t seed) {
  People p;
  std::mt19937_64 rng(seed * 7919 + 17);
  auto add = [&](std::vector<fb::Role> roles, const std::string& qualification) {
    const size_t i = p.officers.size();
    const Hash h = Derive(seed, "officer-key", i);
    Seed key_seed;
    std::copy(h.begin(), h.end(), key_seed.begin());
    char cert[16];
    std::snprintf(cert, sizeof cert, "4115%04u", static_cast<unsigned>(1001 + i));
    p.officers.push_back({cert, std::string(Pick(kSurnames, rng)) + Pick(kGiven, rng), KeyPair::FromSeed(key_seed),
                          std::move(roles), qualification});
  };
  for (int i = 0; i < 26; ++i) add({fb::Role::Officer}, "");
  p.field = p.officers.size();
  add({fb::Role::Reviewer}, "A2019410100" + std::to_string(1000 + seed % 1000));
  add({fb::Role::Reviewer}, "A2021410100" + std::to_string(2000 + seed % 1000));
  add({fb::Role::Officer, fb::Role::Reviewer}, "A2022410100" + std::to_string(3000 + seed % 1000));
  add({fb::Role::Discloser}, "");
  add({fb::Role::Supervisor}, "");
  add({fb::Role::Officer}, "");
  add({fb::Role::Head}, "");
  add({fb::Role::Head}, "");
  p.reviewer[0] = &p.officers[p.field];
  p.reviewer[1] = &p.officers[p.field + 1];
  p.legal_officer = &p.officers[p.field + 2];
  p.discloser = &p.officers[p.field + 3];
  p.supervisor = &p.officers[p.field + 4];
  p.suspended = &p.officers[p.field + 5];
  p.heads[0] = &p.officers[p.field + 6];
  p.heads[1] = &p.officers[p.field + 7];
  return p;
}

// Registry statements carry fixed times and seed-derived event ids, so that
// they are byte-identical on every run.
struct RegistryWriter {
  const YearPlan& plan;
  std::vector<Bytes>& out;
  uint64_t n = 0;
  int64_t at_ms;
  void Add(const std::function<Bytes(const StatementHeader&)>& build) {
    StatementHeader h = RegistryHeader(plan.origin, plan.root.key.public_key());
    const Hash id = Derive(plan.seed, "registry-event", n++);
    std::copy_n(id.begin(), h.event_id.size(), h.event_id.begin());
    h.occurred_at_ms = at_ms + static_cast<int64_t>(n) * 60'000;
    StampEventId(h.event_id, h.occurred_at_ms);
    out.push_back(SignStatement(build(h), plan.root.key));
  }
};

// The published power list (权责清单), each penalty's discretion standard and
// the legal-review catalogue.
// Every item the town's list publishes: the penalties, then the other acts.
std::vector<PowerDef> AllPowers() {
  std::vector<PowerDef> all(std::begin(kPowers), std::end(kPowers));
  for (const PowerDef& p : {kSeizurePower, kInspectionPower, kHomesteadPower, kAdvertPower}) all.push_back(p);
  return all;
}

void WritePowerList(RegistryWriter& w) {
  for (const PowerDef& p : AllPowers()) {
    w.Add([&](const StatementHeader& h) {
      domain::PowerItem item;
      item.code = p.code;
      item.name = p.name;
      item.category = p.category;
      item.basis = p.basis;
      item.implementing_body = "青山镇人民政府";
      item.handling_unit = "青山镇综合行政执法大队";
      item.counterpart_kinds = "公民、法人或者其他组织";
      item.accountability = "不履行或不正确履行职责的，依法追究责任";
      item.time_limit = "立案之日起九十日内";
      item.field = p.field;
      return domain::PowerItemStatement(h, item);
    });
    if (p.category == fb::PowerCategory::Penalty) {
      w.Add([&](const StatementHeader& h) {
        return domain::DiscretionStandardStatement(h, std::string("CL-") + p.code, p.code, p.violation, p.basis,
                                                   {{"一般", "首次违法，及时改正", p.min_fen, p.max_fen},
                                                    {"较重", "多次违法或拒不改正", p.max_fen, p.max_fen * 2}});
      });
    }
    if (p.catalogued) {
      w.Add([&](const StatementHeader& h) {
        return domain::ReviewCatalogueItemStatement(h, std::string("FZSH-") + p.code, p.code,
                                                    "直接关系当事人重大财产权益");
      });
    }
  }
}

// The tables the year is judged by, adopted into the log before any case:
// a verifier built with later tables still judges the year by these.
void AdoptShippedTables(RegistryWriter& w) {
  using Kind = fb::ReferenceTableKind;
  const auto shipped = domain::ReferenceTables::Builtin();
  const struct {
    Kind kind;
    const char* from;
    const char* until;
    const char* source;
  } tables[] = {
      {Kind::HolidayCalendar, "2018-01-01", "2026-12-31", "国务院办公厅关于部分节假日安排的通知（2018—2026年度）"},
      {Kind::CaseStages, "2025-01-01", "9999-12-31", "《中华人民共和国行政处罚法》第五章；本机关执法程序规定"},
      {Kind::RequiredDocuments, "2025-01-01", "9999-12-31", "《河南省行政执法文书示范文本》"},
      {Kind::ProcedureThresholds, "2025-01-01", "9999-12-31", "《河南省行政处罚听证程序规定》；行政处罚法 第51条"},
      {Kind::HeadApprovals, "2025-01-01", "9999-12-31", "行政处罚法 第57条；行政强制法 第18条、第25条"},
  };
  for (const auto& t : tables) {
    w.Add([&](const StatementHeader& h) {
      return ReferenceTableAdoptedStatement(h, t.kind, shipped->text(t.kind), t.from, t.until, t.source);
    });
  }
}

void WriteRegistry(const YearPlan& plan, const People& people, std::vector<Bytes>& out) {
  const int64_t start = domain::ChinaMidnightMs(*domain::ParseDate("2025-01-01")) + 9 * 3'600'000;
  RegistryWriter w{plan, out, 0, start};
  w.Add([](const StatementHeader& h) {
    domain::AgencyProfile p;
    p.name = "青山镇人民政府";
    p.credit_code = "11411500MB1234567X";
    p.nature = fb::AgencyNature::TownshipAssigned;
    p.head = "镇长";
    p.address = "河南省信阳市平桥区青山镇政府路1号";
    p.phone = "0376-1234567";
    p.duties = "依法承接县级部门赋予的行政处罚权，负责辖区市容环境、规划建设、农业农村等领域综合行政执法";
    p.basis = "《中华人民共和国行政处罚法》第二十四条；《河南省乡镇综合行政执法事项目录》";
    p.complaint_channels = {"12345政务服务便民热线", "平桥区司法局行政执法监督科 0376-7654321",
                            "青山镇纪委 qsjw@example.gov.cn"};
    p.province = "河南";
    p.department = "综合行政执法";
    p.region = "河南省信阳市平桥区青山镇";
    return domain::AgencyProfileStatement(h, p);
  });
  AdoptShippedTables(w);
  const int64_t valid_from = domain::ChinaMidnightMs(*domain::ParseDate("2024-01-01"));
  const int64_t valid_until = domain::ChinaMidnightMs(*domain::ParseDate("2031-01-01"));
  for (const Officer& o : people.officers) {
    w.Add([&](const StatementHeader& h) {
      const bool head = o.roles == std::vector<fb::Role>{fb::Role::Head};
      const char* post = head                      ? (&o == people.heads[0] ? "镇长" : "分管副镇长")
                         : o.qualification.empty() ? "综合执法队员"
                                                   : "法制审核员";
      OfficerInfo info{o.certificate_no, o.name, post, o.key.public_key(), o.roles, valid_from, valid_until};
      info.categories = {"城市管理", "规划建设", "农业农村"};
      info.area = "青山镇";
      info.unit = "青山镇综合行政执法大队";
      info.issuer = "河南省人民政府";
      info.legal_qualification_no = o.qualification;
      return OfficerRegisteredStatement(h, info);
    });
  }
  w.Add([&](const StatementHeader& h) {
    return OfficerStatusStatement(h, fb::Payload::OfficerSuspended, people.suspended->certificate_no,
                                  "涉嫌违反执法纪律，暂扣执法证件");
  });
  WritePowerList(w);
  w.Add([](const StatementHeader& h) {
    return domain::RandomInspectionItemStatement(h, "SJ-01", "市容环境卫生责任区检查", "沿街商户",
                                                 "《城市市容和环境卫生管理条例》", "现场检查");
  });
  w.Add([](const StatementHeader& h) {
    return domain::RandomInspectionItemStatement(h, "SJ-02", "户外广告设置检查", "户外广告设置单位",
                                                 "《城市市容和环境卫生管理条例》", "现场检查");
  });
  w.Add([](const StatementHeader& h) { return domain::AvItemStatement(h, "YX-01", "强制措施", "查封扣押", true); });
  w.Add([](const StatementHeader& h) { return domain::AvItemStatement(h, "YX-02", "强制执行", "强制拆除", true); });
  w.Add([](const StatementHeader& h) { return domain::AvItemStatement(h, "YX-03", "调查取证", "现场检查", false); });
  w.Add([](const StatementHeader& h) {
    return domain::AvItemStatement(h, "YX-04", "送达", "留置送达、公告送达", false);
  });
  w.Add([](const StatementHeader& h) {
    return domain::GuidePublishedStatement(h, "ZN-01", fb::PublishedDocumentKind::ServiceGuide, "330217001",
                                           "擅自占用城市道路经营处罚服务指南", "服务指南正文 v1");
  });
  w.Add([](const StatementHeader& h) {
    return domain::GuidePublishedStatement(h, "LC-01", fb::PublishedDocumentKind::Flowchart, "",
                                           "青山镇行政处罚一般程序流程图", "流程图 v1");
  });
}

// A case's acts in order, each with its time; attempts are labelled.
struct Step {
  int64_t at_ms;
  uint32_t seq;
  YearItem item;
};

class CaseWriter {
 public:
  CaseWriter(const YearPlan& plan, const People& people, uint64_t index)
      : plan_(plan),
        people_(people),
        rng_(Derive(plan.seed, "case", index)[0] * 0x9E3779B97F4A7C15ull + index * 2654435761u + plan.seed),
        showcase_(index == plan.first_case + plan.cases / 2),
        licence_showcase_(!showcase_ && index == plan.first_case + plan.cases / 4),
        taking_showcase_(!showcase_ && !licence_showcase_ && index == plan.first_case + plan.cases * 5 / 8),
        requisition_showcase_(!showcase_ && !licence_showcase_ && !taking_showcase_ &&
                              index == plan.first_case + plan.cases * 7 / 8) {
    char id[32];
    std::snprintf(id, sizeof id, "2025-QS-%05llu", static_cast<unsigned long long>(index + 1));
    truth_.case_id = id;
    char no[64];
    std::snprintf(no, sizeof no, "青综执罚决字〔2025〕第%llu号", static_cast<unsigned long long>(index + 1));
    decision_no_ = no;
  }

  std::vector<Step> Write() {
    const int kind = showcase_                                     ? 50
                     : licence_showcase_                           ? 92
                     : (taking_showcase_ || requisition_showcase_) ? 99
                                                                   : Between(rng_, 0, 99);
    StartDay();
    if (kind < 40) {
      SimpleCase();
    } else if (kind < 85) {
      GeneralCase();
    } else if (kind < 90) {
      InspectionCase();
    } else if (kind < 95) {
      LicenceCase();
    } else if (kind < 99) {
      CoercionCase();
    } else if (taking_showcase_ || (!requisition_showcase_ && Chance(rng_, 67))) {
      TakingCase();  // one case in a hundred is a 征收 the town helps with, or a 征用
    } else {
      RequisitionCase();
    }
    return std::move(steps_);
  }
  CaseTruth truth() const { return truth_; }

 private:
  // --- time -------------------------------------------------------------
  void StartDay() {
    const auto& cal = domain::WorkdayCalendar::China();
    const domain::Date first = *domain::ParseDate("2025-01-02");
    domain::Date d = cal.AddWorkingDays(first, Between(rng_, 0, 200)).date;
    now_ = domain::ChinaMidnightMs(d) + int64_t{Between(rng_, 8, 15)} * 3'600'000 + Between(rng_, 0, 59) * 60'000;
  }
  void WorkingDays(int n) {
    const auto& cal = domain::WorkdayCalendar::China();
    const domain::Date d = cal.AddWorkingDays(domain::ChinaDateOf(now_), n).date;
    const int64_t next =
        domain::ChinaMidnightMs(d) + int64_t{Between(rng_, 8, 16)} * 3'600'000 + Between(rng_, 0, 59) * 60'000;
    // A case's acts are strictly ordered in time, even on the same day.
    now_ = next > now_ ? next : now_ + int64_t{Between(rng_, 10, 90)} * 60'000;
  }
  void Days(int n) { now_ += int64_t{n} * 86'400'000; }
  void Minutes(int n) { now_ += int64_t{n} * 60'000; }

  // --- acts -------------------------------------------------------------
  Act By(const Officer& o) {
    Act a;
    a.origin = plan_.origin;
    a.case_id = truth_.case_id;
    a.certificate_no = o.certificate_no;
    a.key = &o.key;
    a.at_ms = now_;
    for (auto& byte : a.event_id) byte = static_cast<uint8_t>(rng_());
    StampEventId(a.event_id, now_);
    a.salt_source = [this](Bytes& salt) {
      for (auto& byte : salt) byte = static_cast<uint8_t>(rng_());
    };
    return a;
  }
  void Lawful(Bytes submission) {
    steps_.push_back({now_, seq_++, {std::move(submission), "", truth_.case_id}});
    ++truth_.lawful_events;
  }
  void Attempt(Bytes submission, const char* rule) {
    steps_.push_back({now_, seq_++, {std::move(submission), rule, truth_.case_id}});
  }
  bool Breaks() { return !attempted_ && Chance(rng_, plan_.breaking_percent); }

  // An act by `o` resting on a head's approval of it (负责人审批), recorded first.
  Act ApprovedBy(const Officer& o, fb::Payload act, const std::string& subject = "") {
    Act approval = By(*people_.heads[rng_() % 2]);
    Lawful(domain::ApproveAsHead(approval, act, subject, true, "同意"));
    Minutes(Between(rng_, 5, 30));
    Act a = By(o);
    a.approval = approval.event_id;
    return a;
  }

  const Officer& FieldOfficer() { return people_.officers[rng_() % people_.field]; }
  AvInfo Av(int minutes) {
    AvInfo av;
    av.content = truth_.case_id + "/av/" + std::to_string(now_);
    av.started_at_ms = now_ - int64_t{minutes} * 60'000;
    av.ended_at_ms = now_;
    av.device_id = "ZFJLY-" + std::to_string(100 + rng_() % 20);
    if (Chance(rng_, 10)) {
      av.continuous = false;
      av.interruption_reasons = {"执法记录仪电量不足，更换备用设备后继续录制"};
    }
    return av;
  }

  // --- parties ----------------------------------------------------------
  void MakeParty(bool allow_person) {
    PartyTruth& p = truth_.party;
    p = PartyTruth{};  // drawn afresh: a redraw keeps nothing of the last
    const int k = Between(rng_, 0, 99);
    if (allow_person && k < 55) {
      p.kind = fb::PartyKind::NaturalPerson;
      p.name = std::string(Pick(kSurnames, rng_)) + Pick(kGiven, rng_) + (Chance(rng_, 50) ? Pick(kGiven, rng_) : "");
      p.minor = Chance(rng_, 2) && !showcase_;
      p.id_no = ResidentId(rng_, p.minor);
      p.phone = "13" + std::to_string(100000000 + rng_() % 900000000);
      p.address = std::string("青山镇") + Pick(kVillages, rng_) + std::to_string(Between(rng_, 1, 12)) + "组" +
                  std::to_string(Between(rng_, 1, 99)) + "号";
    } else if (k < 75) {
      p.kind = fb::PartyKind::IndividualBusiness;
      p.name = std::string("青山镇") + Pick(kSurnames, rng_) + "记" + Pick(kTrades, rng_) + "店";
      p.credit_code = CreditCode(rng_, "92411503");
      p.phone = "13" + std::to_string(100000000 + rng_() % 900000000);
    } else {
      p.kind = fb::PartyKind::Organisation;
      p.name = std::string("信阳市") + Pick(kVillages, rng_) + Pick(kTrades, rng_) + "有限公司";
      p.credit_code = CreditCode(rng_, "91411503");
    }
  }

  void Open(fb::CaseCategory category, fb::Procedure procedure, const PowerDef& power, bool allow_person) {
    truth_.category = category;
    truth_.procedure = procedure;
    truth_.power_item_code = power.code;
    truth_.village = Pick(kVillages, rng_);
    MakeParty(allow_person);
    domain::CaseOpening o;
    o.category = category;
    o.procedure = procedure;
    o.power_item_code = power.code;
    o.cause = truth_.party.name.substr(0, 3) + "某" + (power.violation[0] ? power.violation : power.name) + "案";
    o.party.kind = truth_.party.kind;
    o.party.name = truth_.party.name;
    o.party.credit_code = truth_.party.credit_code;
    o.party.id_no = truth_.party.id_no;
    o.party.phone = truth_.party.phone;
    o.party.address = truth_.party.address;  // 未成年人 follows from the ID (P-AGE)
    o.place = std::string("青山镇") + Pick(kStreets, rng_);
    o.village = truth_.village;
    o.summary = std::string("执法人员巡查发现当事人涉嫌") + (power.violation[0] ? power.violation : "违法行为");
    const Act act = procedure == fb::Procedure::General ? ApprovedBy(*lead_, fb::Payload::CaseOpened) : By(*lead_);
    truth_.opened_at_ms = now_;
    Lawful(domain::OpenCase(act, o));
  }

  void Close(fb::CloseReason reason, const char* summary) {
    WorkingDays(Between(rng_, 1, 5));
    Lawful(domain::CloseCase(By(*lead_), reason, summary));
  }

  void Pay(int64_t amount) { Lawful(domain::RecordPayment(By(*lead_), amount, "FS" + truth_.case_id.substr(8))); }

  // --- lifecycles -------------------------------------------------------
  void SimpleCase() {
    lead_ = &FieldOfficer();
    const PowerDef& power = kPowers[rng_() % 4 == 0 ? 3 : rng_() % 2 == 0 ? 0 : 2];
    Open(fb::CaseCategory::Penalty, fb::Procedure::Simple, power, true);
    Minutes(Between(rng_, 10, 40));
    const bool citizen = truth_.party.kind != fb::PartyKind::Organisation;
    const bool warning = Chance(rng_, 30);
    const int64_t fine = warning ? 0 : int64_t{Between(rng_, 1, citizen ? 4 : 30)} * 5000;
    const std::vector<Penalty> penalty{warning ? Penalty{fb::PenaltyType::Warning, 0, ""}
                                               : Penalty{fb::PenaltyType::Fine, fine, ""}};
    if (Breaks()) {
      attempted_ = true;
      Attempt(domain::IssueDecision(By(*lead_), fb::DecisionOutcome::Penalty, decision_no_,
                                    {{fb::PenaltyType::Fine, citizen ? 50000 : 500000, ""}}, power.violation,
                                    "当场查实", power.basis, true),
              "P-SIMPLE-LIMIT");
    }
    Lawful(domain::IssueDecision(By(*lead_), fb::DecisionOutcome::Penalty, decision_no_, penalty, power.violation,
                                 "当场查实", power.basis, true));
    Decided(fine);
    Minutes(5);
    Lawful(domain::ServeDocument(By(*lead_), decision_no_, "当场行政处罚决定书", fb::ServiceMethod::Direct, now_));
    if (fine > 0) {
      Days(Between(rng_, 0, 12));
      Pay(fine);
    }
    Close(fine > 0 ? fb::CloseReason::Performed : fb::CloseReason::Other, "当场处罚，履行完毕");
  }

  void Decided(int64_t fine) {
    truth_.decision_no = decision_no_;
    truth_.fine_fen = fine;
    truth_.decided_at_ms = now_;
  }

  void Investigate(const Officer& partner) {
    const std::vector<std::string> two{lead_->certificate_no, partner.certificate_no};
    WorkingDays(Between(rng_, 0, 1));
    if (Breaks()) {
      attempted_ = true;
      Attempt(domain::RecordInspection(By(*lead_), {lead_->certificate_no}, "现场", "单人检查"), "P-TWO-OFFICERS");
    }
    Lawful(domain::RecordInspection(By(*lead_), two, "现场", "当事人在现场，经检查违法事实存在"));
    WorkingDays(Between(rng_, 1, 2));
    if (Breaks()) {
      attempted_ = true;  // an inquiry dated an hour before the inspection it follows
      Act backdated = By(*lead_);
      backdated.at_ms = steps_.back().at_ms - 3'600'000;
      Attempt(domain::RecordInquiry(backdated, two, "当事人", "补记", "补作询问"), "P-TIME-ORDER");
    }
    const std::string witness = std::string(Pick(kSurnames, rng_)) + Pick(kGiven, rng_);
    Lawful(domain::RecordInquiry(By(*lead_), two, Chance(rng_, 60) ? "当事人" : "证人", witness, "对违法事实供认不讳"));
    for (int i = Between(rng_, 1, 3); i > 0; --i) {
      Minutes(Between(rng_, 20, 90));
      Lawful(domain::RecordEvidence(By(*lead_), two, static_cast<fb::EvidenceKind>(rng_() % 8), "现场照片及书证",
                                    truth_.case_id + "/evidence/" + std::to_string(i)));
    }
    if (Chance(rng_, 10)) {
      Minutes(30);
      Lawful(domain::PreserveEvidence(ApprovedBy(*lead_, fb::Payload::EvidencePreserved), two, "经营账册两本"));
      WorkingDays(Between(rng_, 2, 6));
      Lawful(domain::DisposePreserved(By(*lead_), "予以解除，退还当事人"));
    }
  }

  void Seize(const Officer& partner) {
    const std::vector<std::string> two{lead_->certificate_no, partner.certificate_no};
    const std::string measure = "青综执扣〔2025〕" + truth_.case_id.substr(8) + "号";
    WorkingDays(1);
    if (Breaks()) {
      attempted_ = true;
      Attempt(domain::TakeCoerciveMeasure(ApprovedBy(*lead_, fb::Payload::CoerciveMeasureTaken), measure, two,
                                          "三轮车一辆、货物若干", 30, {}),
              "P-AV-REQUIRED");
    }
    const Act seize = ApprovedBy(*lead_, fb::Payload::CoerciveMeasureTaken);
    Lawful(domain::TakeCoerciveMeasure(seize, measure, two, "三轮车一辆、货物若干", 30, {Av(40)}));
    truth_.seized = true;
    const int64_t taken_at = now_;
    const bool late = truth_.category == fb::CaseCategory::Coercion && PublishMeasure(measure);
    if (!late && Chance(rng_, 30)) {  // within the thirty days
      now_ = std::max(now_ + 3'600'000, taken_at + int64_t{Between(rng_, 15, 25)} * 86'400'000);
      Lawful(domain::ExtendCoerciveMeasure(ApprovedBy(*lead_, fb::Payload::CoerciveMeasureExtended), measure, 30,
                                           "需进一步检测鉴定"));
    }
    Days(Between(rng_, 3, 12));
    Lawful(domain::LiftCoerciveMeasure(By(*lead_), measure, "调查完毕，解除扣押"));
  }

  // A 行政强制 case's 扣押决定 is its decision, public within twenty working days (国办发〔2018〕118号); one in
  // twenty is late. Returns whether it was.
  bool PublishMeasure(const std::string& measure) {
    const auto& cal = domain::WorkdayCalendar::China();
    const domain::Date taken = domain::ChinaDateOf(now_);
    truth_.decision_no = measure;
    truth_.decided_at_ms = now_;
    if (truth_.party.minor) return false;
    const bool late = Chance(rng_, 5);
    WorkingDays(late ? Between(rng_, 21, 23) : Between(rng_, 2, 10));
    truth_.display_until = domain::FormatDate(domain::MonthsLater(taken, 36));
    Lawful(domain::PublishDecision(By(*people_.discloser), "PUB-" + truth_.case_id, measure,
                                   domain::FormatDate(cal.AddWorkingDays(taken, 20).date), truth_.display_until,
                                   "扣押涉案财物，期限三十日"));
    truth_.published = true;
    truth_.published_at_ms = now_;
    return late;
  }

  void ReviewRound() {
    WorkingDays(1);
    Lawful(domain::RequestLegalReview(By(*lead_), "报送法制审核"));
    const Officer& reviewer = *people_.reviewer[rng_() % 2];
    WorkingDays(Between(rng_, 2, 7));
    if (Chance(rng_, 10)) {
      Lawful(domain::GiveLegalReviewOpinion(By(reviewer), false, {"证据材料不完整，建议补充后重新送审"}));
      WorkingDays(Between(rng_, 1, 3));
      Lawful(domain::RequestLegalReview(By(*lead_), "补充材料后重新送审"));
      WorkingDays(Between(rng_, 1, 3));
    }
    Lawful(
        domain::GiveLegalReviewOpinion(By(reviewer), true, {"事实清楚，证据确凿，程序合法，适用法律正确，裁量适当"}));
  }

  void GeneralCase() {
    lead_ = &FieldOfficer();
    const Officer* partner = &FieldOfficer();
    while (partner == lead_) partner = &FieldOfficer();
    const PowerDef& power = kPowers[rng_() % std::size(kPowers)];
    if (Chance(rng_, 50)) {
      Lawful(domain::RegisterCaseSource(By(*lead_),
                                        Chance(rng_, 50) ? fb::CaseSource::Complaint : fb::CaseSource::Patrol,
                                        std::string("群众反映") + power.violation, Pick(kStreets, rng_),
                                        std::string(Pick(kSurnames, rng_)) + Pick(kGiven, rng_)));
      WorkingDays(Between(rng_, 1, 3));
    }
    Open(fb::CaseCategory::Penalty, fb::Procedure::General, power, true);
    Investigate(*partner);
    if (Chance(rng_, 8)) Seize(*partner);

    const bool citizen = truth_.party.kind != fb::PartyKind::Organisation;
    int64_t fine =
        (power.min_fen + static_cast<int64_t>(rng_() % static_cast<uint64_t>(power.max_fen - power.min_fen + 1))) /
        10000 * 10000;
    if (fine < power.min_fen) fine = power.min_fen;
    const bool complex = Chance(rng_, 5);
    WorkingDays(Between(rng_, 3, 10));
    const std::vector<Penalty> proposed{{fb::PenaltyType::Fine, fine, ""}};
    if (truth_.party.kind == fb::PartyKind::NaturalPerson && Breaks()) {
      attempted_ = true;  // the party's ID number written into the facts, in clear
      Attempt(domain::ConcludeInvestigation(By(*lead_), fb::Conclusion::Penalise, proposed,
                                            "当事人（身份证号" + truth_.party.id_no + "）" + power.violation,
                                            std::string("CL-") + power.code, "一般", complex, false),
              "P-PRIVATE-TEXT");
    } else if (truth_.party.kind == fb::PartyKind::NaturalPerson && Breaks()) {
      attempted_ = true;  // the party's sealed name written into the facts, in clear
      Attempt(domain::ConcludeInvestigation(By(*lead_), fb::Conclusion::Penalise, proposed,
                                            "当事人" + truth_.party.name + power.violation,
                                            std::string("CL-") + power.code, "一般", complex, false),
              "P-SEALED-TEXT");
    }
    Lawful(domain::ConcludeInvestigation(By(*lead_), fb::Conclusion::Penalise, proposed,
                                         std::string("当事人") + power.violation + "，事实清楚",
                                         std::string("CL-") + power.code, "一般", complex, false));
    const bool hearing_right = fine >= (citizen ? 500000 : 5000000);
    const bool reorder = Breaks();
    if (reorder) {
      // Notice first; a decision attempted before the legal review is refused.
      attempted_ = true;
      WorkingDays(1);
      Lawful(domain::ServePriorNotice(By(*lead_), proposed, hearing_right));
      WorkingDays(Between(rng_, 5, 6));
      Lawful(domain::ReceiveStatement(By(*lead_), fb::PartyResponse::Waiver, "当事人书面放弃陈述申辩及听证", false,
                                      /*hearing_waived=*/true));
      Minutes(30);
      Attempt(domain::IssueDecision(ApprovedBy(*lead_, fb::Payload::DecisionIssued), fb::DecisionOutcome::Penalty,
                                    decision_no_, proposed, power.violation, "事实清楚", power.basis),
              "P-LEGAL-REVIEW");
      ReviewRound();
    } else {
      ReviewRound();
    }
    if (complex || hearing_right) {  // 第57条第2款: complex, or major by its penalty
      WorkingDays(Between(rng_, 1, 3));
      Collective();
    }
    if (!reorder) {
      WorkingDays(1);
      Lawful(domain::ServePriorNotice(By(*lead_), proposed, hearing_right));
      if (hearing_right && Chance(rng_, 60)) {
        Hearing(*partner, proposed);
      } else {
        WorkingDays(Between(rng_, 1, 3));
        const bool waive = Chance(rng_, 40);
        Lawful(domain::ReceiveStatement(By(*lead_), waive ? fb::PartyResponse::Waiver : fb::PartyResponse::Defence,
                                        waive ? "当事人放弃陈述申辩" : "当事人提出家庭困难，请求从轻",
                                        !waive && Chance(rng_, 30)));
        if (hearing_right) WorkingDays(5);  // the request period runs out
      }
    }
    WorkingDays(Between(rng_, 1, 2));
    const std::string facts = std::string("当事人") + power.violation + "，事实清楚，证据确凿";
    if (Breaks()) {
      attempted_ = true;
      const int which = Between(rng_, 0, 2);
      if (which == 0) {  // the officer decides alone, without the head (第57条)
        Attempt(domain::IssueDecision(By(*lead_), fb::DecisionOutcome::Penalty, decision_no_, proposed, power.violation,
                                      facts, power.basis),
                "P-HEAD");
      } else if (which == 1) {  // silent on whether the 决定书 states the 复议 and suit routes (第59条)
        Attempt(domain::IssueDecision(ApprovedBy(*lead_, fb::Payload::DecisionIssued), fb::DecisionOutcome::Penalty,
                                      decision_no_, proposed, power.violation, facts, power.basis, false, 15,
                                      fb::RemedyNotice::Unrecorded),
                "P-DECISION-REMEDIES");
      } else {  // one 元 more than the notice named (第44条, 第45条第2款)
        Attempt(domain::IssueDecision(ApprovedBy(*lead_, fb::Payload::DecisionIssued), fb::DecisionOutcome::Penalty,
                                      decision_no_, {{fb::PenaltyType::Fine, fine + 100, ""}}, power.violation, facts,
                                      power.basis),
                "P-HEAVIER");
      }
    }
    // One decision in fifty forgets to state the remedies: the party then has a year (F-REMEDIES-NOT-STATED);
    // those cases are paid, so that no court window reaches past the demo's second year.
    const bool demolition = std::string_view(power.code) == "330217002" && Chance(rng_, 25) && !showcase_;
    // Rubbish dumped and never cleared (城市市容和环境卫生管理条例 第34条): now and then the town has it cleared.
    const bool substitute = std::string_view(power.code) == "330217004" && Chance(rng_, 20) && !showcase_;
    truth_.remedies_stated = showcase_ || demolition || !Chance(rng_, 2);
    Lawful(domain::IssueDecision(ApprovedBy(*lead_, fb::Payload::DecisionIssued), fb::DecisionOutcome::Penalty,
                                 decision_no_, proposed, power.violation, facts, power.basis, false, 15,
                                 truth_.remedies_stated ? fb::RemedyNotice::Stated : fb::RemedyNotice::NotStated));
    Decided(fine);
    ServeDecision();
    Publish();
    if (demolition) {
      Days(Between(rng_, 1, 14));
      Pay(fine);
      Demolish(*partner);  // the fine is paid, the building stands
      return;
    }
    if (substitute) {
      Days(Between(rng_, 1, 14));
      Pay(fine);
      Substitute(*partner);  // the fine is paid, the rubbish is still there
      return;
    }
    const fb::ChallengeKind* challenged = Challenge();
    if (truth_.revoked) return;
    Perform(fine, truth_.remedies_stated && (challenged == nullptr || *challenged == fb::ChallengeKind::Review));
  }

  // About one decision in twelve is taken to 复议 before the county government (a third of those are revoked, the
  // rest upheld) and one in thirty-three to court (the claim dismissed); the showcase case is revoked on 复议. The
  // agency records the 答复通知书 or 应诉通知书 a few days after the party filed, and the outcome when it arrives.
  const fb::ChallengeKind* Challenge() {
    static constexpr fb::ChallengeKind kReview = fb::ChallengeKind::Review, kSuit = fb::ChallengeKind::Suit;
    const int roll = Between(rng_, 0, 99);
    if (!showcase_ && roll >= 11) return nullptr;
    const bool review = showcase_ || roll < 8;
    const std::string num = std::to_string(Between(rng_, 1, 180));
    const std::string case_no =
        review ? "平政复〔" + Year() + "〕" + num + "号" : "（" + Year() + "）豫1503行初" + num + "号";
    const std::string body = review ? "信阳市平桥区人民政府" : "信阳市平桥区人民法院";
    Days(Between(rng_, 5, 30));
    const std::string filed =
        domain::FormatDate(domain::ChinaDateOf(std::max<int64_t>(served_at_ms_, now_ - 3 * domain::kDayMs)));
    truth_.challenge = ChallengeTruth{review ? kReview : kSuit, filed, "审理中", 0};
    if (review && Breaks()) {
      attempted_ = true;  // a suit recorded while the 复议 is pending (行政诉讼法 第44条)
      Lawful(domain::FileChallenge(By(*lead_), kReview, decision_no_, body, case_no, filed));
      Minutes(Between(rng_, 10, 60));
      Attempt(domain::FileChallenge(By(*lead_), kSuit, decision_no_, "信阳市平桥区人民法院",
                                    "（" + Year() + "）豫1503行初" + num + "号", filed),
              "P-CHALLENGE");
    } else {
      Lawful(domain::FileChallenge(By(*lead_), review ? kReview : kSuit, decision_no_, body, case_no, filed));
    }
    truth_.challenge->recorded_at_ms = now_;
    Days(review ? Between(rng_, 40, 60) : Between(rng_, 60, 120));
    if (!attempted_ && Chance(rng_, 20)) {
      attempted_ = true;  // 加处罚款 while the challenge is pending (行政处罚法 第73条第3款)
      Attempt(domain::ImposeLateFee(By(*lead_), truth_.fine_fen * 3 / 100, 1), "P-LATE-FEE-PAUSED");
      Minutes(Between(rng_, 10, 60));
    }
    const std::string received = domain::FormatDate(domain::ChinaDateOf(now_ - 2 * domain::kDayMs));
    if (review && (showcase_ || Chance(rng_, 33))) {
      Lawful(domain::ChangeDecision(By(*lead_), decision_no_, fb::DecisionChange::Revoked,
                                    fb::ChangeAuthority::ReviewBody, "平政复决〔" + Year() + "〕" + num + "号",
                                    "认定事实不清"));
      truth_.revoked = true;
      truth_.changed_at_ms = now_;
      truth_.challenge->state = "纠错";
      if (truth_.published) {
        WorkingDays(Between(rng_, 1, 3));
        Lawful(
            domain::WithdrawPublication(By(*people_.discloser), "PUB-" + truth_.case_id, "处罚决定已被复议机关撤销"));
        truth_.withdrawn_at_ms = now_;
      }
      Close(fb::CloseReason::Other, "处罚决定已被复议机关撤销");
      return &kReview;
    }
    const fb::ChallengeResult result = review ? fb::ChallengeResult::Upheld : fb::ChallengeResult::Dismissed;
    Lawful(domain::ConcludeChallenge(By(*lead_), review ? kReview : kSuit, case_no, result,
                                     review ? "平政复决〔" + Year() + "〕" + num + "号" : case_no, received));
    truth_.challenge->state = review ? "维持" : "驳回";
    return review ? &kReview : &kSuit;
  }
  std::string Year() const { return std::to_string(int(domain::ChinaDateOf(now_).year())); }

  // 集体讨论 (第57条第2款): each head signs an opinion, the 镇长 the conclusion.
  void Collective() {
    const std::string no = "青综集讨〔2025〕" + truth_.case_id.substr(8) + "号";
    Lawful(domain::GiveCollectiveOpinion(By(*people_.heads[1]), no, "同意按裁量基准作出处罚"));
    Minutes(Between(rng_, 5, 20));
    Lawful(domain::GiveCollectiveOpinion(By(*people_.heads[0]), no, "同意"));
    Minutes(Between(rng_, 5, 20));
    Lawful(domain::HoldCollectiveDiscussion(By(*people_.heads[0]),
                                            {people_.heads[0]->certificate_no, people_.heads[1]->certificate_no},
                                            "同意按裁量基准作出处罚", no));
  }

  void Hearing(const Officer& partner, const std::vector<Penalty>& proposed) {
    (void)proposed;
    WorkingDays(Between(rng_, 1, 4));
    Lawful(domain::RequestHearing(By(*lead_)));
    const Officer* presider = &FieldOfficer();
    while (presider == lead_ || presider == &partner) presider = &FieldOfficer();
    WorkingDays(1);
    const auto& cal = domain::WorkdayCalendar::China();
    const domain::Date day = cal.AddWorkingDays(domain::ChinaDateOf(now_), Between(rng_, 8, 12)).date;
    const int64_t hearing_at = domain::ChinaMidnightMs(day) + 9 * 3'600'000;
    if (Breaks()) {
      attempted_ = true;
      const domain::Date soon = cal.AddWorkingDays(domain::ChinaDateOf(now_), 3).date;
      Attempt(domain::NotifyHearing(By(*lead_), domain::ChinaMidnightMs(soon) + 9 * 3'600'000, presider->certificate_no,
                                    "镇政府三楼会议室"),
              "P-HEARING-7WD");
    }
    Lawful(domain::NotifyHearing(By(*lead_), hearing_at, presider->certificate_no, "镇政府三楼会议室"));
    now_ = hearing_at + 2 * 3'600'000;
    Lawful(domain::HoldHearing(By(*lead_), presider->certificate_no, Chance(rng_, 90), {Av(120)}));
    truth_.heard = true;
    ReviewRound();  // 第58条: reviewed again after the hearing
  }

  void ServeDecision() {
    const int how = Between(rng_, 0, 99);
    if (how < 70) {
      Minutes(Between(rng_, 30, 120));
      Lawful(domain::ServeDocument(By(*lead_), decision_no_, "行政处罚决定书", fb::ServiceMethod::Direct, now_));
    } else if (how < 90) {
      WorkingDays(1);
      const int64_t received = now_ + 2 * 86'400'000;
      Lawful(domain::ServeDocument(By(*lead_), decision_no_, "行政处罚决定书", fb::ServiceMethod::Post, received));
      now_ = received;
    } else {
      WorkingDays(1);
      Lawful(domain::ServeDocument(By(*lead_), decision_no_, "行政处罚决定书", fb::ServiceMethod::LeftAtDomicile, now_,
                                   false, {Av(15)}));
    }
    served_at_ms_ = now_;
  }

  // The morning of the first working day after the party's six months to sue
  // (行政诉讼法 第46条, moved past rest days) have run from the service.
  void AfterSuitPeriod() {
    const auto& cal = domain::WorkdayCalendar::China();
    const domain::Date lapse = cal.AddMonths(domain::ChinaDateOf(served_at_ms_), 6).date;
    now_ = std::max(now_, domain::ChinaMidnightMs(lapse));
    WorkingDays(Between(rng_, 1, 10));
  }
  std::string DateIn(int days) { return domain::FormatDate(domain::ChinaDateOf(now_ + days * 86'400'000ll)); }

  // 城乡规划法 第65条 lets the town demolish what the party does not: 公告, 催告,
  // 强制执行决定 and demolition on a working day, after the suit period (行政强制法 第35–44条).
  void Demolish(const Officer& partner) {
    WorkingDays(Between(rng_, 3, 10));
    Lawful(domain::AnnounceDemolition(ApprovedBy(*lead_, fb::Payload::DemolitionAnnounced), DateIn(30)));
    if (!attempted_ && Chance(rng_, 30)) {
      attempted_ = true;  // the agency decides to enforce without a 催告 (第35条)
      WorkingDays(1);
      Attempt(domain::DecideEnforcement(ApprovedBy(*lead_, fb::Payload::EnforcementDecided), "强制拆除", DateIn(10)),
              "P-ENFORCE-DEMAND");
    }
    AfterSuitPeriod();
    Lawful(domain::ServeDemandNotice(By(*lead_), 0, DateIn(10)));
    Days(Between(rng_, 11, 15));
    WorkingDays(1);
    Lawful(domain::DecideEnforcement(ApprovedBy(*lead_, fb::Payload::EnforcementDecided), "强制拆除", DateIn(3)));
    WorkingDays(Between(rng_, 3, 6));
    Lawful(domain::ExecuteEnforcement(By(*lead_), fb::ExecutionKind::Demolition,
                                      {lead_->certificate_no, partner.certificate_no}, "依法强制拆除违法建筑",
                                      {Av(90)}));
    truth_.demolished = true;
    Close(fb::CloseReason::Enforced, "违法建筑已依法强制拆除");
  }

  // 代履行 (行政强制法 第50–51条): a 催告 to clear the rubbish; when it lapses, the head decides that the town's
  // sanitation station clears it on a day five working days on; the party is reminded the next working day, and
  // on the day it is cleared under the partner's supervision, the record signed by the station and a witness.
  void Substitute(const Officer& partner) {
    WorkingDays(Between(rng_, 1, 3));
    Lawful(domain::ServeDemandNotice(By(*lead_), 0, DateIn(5)));
    Days(Between(rng_, 6, 9));
    WorkingDays(1);
    const auto& cal = domain::WorkdayCalendar::China();
    domain::SubstituteExecution d;
    d.decision_no = "青综执代〔2025〕" + truth_.case_id.substr(8) + "号";
    d.reason = "当事人逾期未清除倾倒的垃圾，经催告仍不履行，污染环境（行政强制法第五十条）";
    d.manner = "清运";
    d.target =
        std::string("青山镇") + truth_.village + "倾倒的生活垃圾约" + std::to_string(Between(rng_, 3, 20)) + "立方米";
    d.execute_date = domain::FormatDate(cal.AddWorkingDays(domain::ChinaDateOf(now_), 5).date);
    d.performer = "青山镇环境卫生管理所";
    d.cost_estimate_fen = int64_t{Between(rng_, 5, 30)} * 10'000;
    Lawful(domain::DecideSubstituteExecution(By(*people_.heads[0]), d));
    WorkingDays(1);
    Lawful(domain::ServeDemandNotice(By(*lead_), 0, DateIn(2)));
    domain::SubstituteDone done;
    done.officers = {lead_->certificate_no, partner.certificate_no};
    done.supervisor = partner.certificate_no;
    done.description = "清运倾倒的垃圾并清扫现场";
    done.cost_fen = d.cost_estimate_fen - int64_t{Between(rng_, 0, 4)} * 1'000;
    if (Breaks()) {  // the station arrives the next working day, before the reminder's three days are out
      attempted_ = true;
      WorkingDays(1);
      Attempt(domain::CarryOutSubstitute(By(*lead_), done), "P-SUBSTITUTE");
    }
    now_ = std::max(now_, domain::ChinaMidnightMs(*domain::ParseDate(d.execute_date)));
    WorkingDays(0);
    Lawful(domain::CarryOutSubstitute(By(*lead_), done));
    truth_.substituted = true;
    Close(fb::CloseReason::Enforced, "已代履行，费用由当事人承担");
  }

  // Published within 7 working days; shown three months when the fine is low (≤ 500 元, the town's
  // standard for 较低数额罚款), three years otherwise (domain.md §7.3), counted from the decision.
  // One in ten is corrected a few days later.
  void Publish() {
    if (truth_.party.minor) return;
    const auto& cal = domain::WorkdayCalendar::China();
    const domain::Date decided = domain::ChinaDateOf(truth_.decided_at_ms);
    const std::string due = domain::FormatDate(cal.AddWorkingDays(decided, 7).date);
    const bool low = truth_.fine_fen <= 50000 && !showcase_;
    const std::string until = domain::FormatDate(domain::MonthsLater(decided, low ? 3 : 36));
    WorkingDays(Chance(rng_, 5) ? Between(rng_, 8, 12) : Between(rng_, 1, 4));
    const std::string publication = "PUB-" + truth_.case_id;
    Lawful(domain::PublishDecision(By(*people_.discloser), publication, decision_no_, due, until,
                                   std::string("罚款") + std::to_string(truth_.fine_fen / 100) + "元"));
    truth_.published = true;
    truth_.published_at_ms = now_;
    truth_.display_until = until;
    if (Chance(rng_, 10)) {
      WorkingDays(Between(rng_, 1, 3));
      Lawful(domain::CorrectPublication(By(*people_.discloser), publication, "违法行为类型表述有误，予以更正",
                                        std::string("罚款") + std::to_string(truth_.fine_fen / 100) + "元（已更正）"));
      truth_.corrected = true;
    }
  }

  // Paid, paid in instalments, or (only when `may_go_to_court`: the remedies were stated and no court has
  // judged the decision) late fees, a 催告 and the court.
  void Perform(int64_t fine, bool may_go_to_court) {
    const int path = Between(rng_, 0, may_go_to_court ? 99 : 89);
    if (path < 85) {
      Days(Between(rng_, 1, 14));
      Pay(fine);
      Close(fb::CloseReason::Performed, "当事人已缴纳罚款，履行完毕");
    } else if (path < 90) {
      WorkingDays(Between(rng_, 1, 5));
      Lawful(domain::DeferPayment(ApprovedBy(*lead_, fb::Payload::PaymentDeferred),
                                  domain::FormatDate(domain::ChinaDateOf(now_ + 60 * 86'400'000ll)), 2,
                                  "经济困难，申请分期缴纳"));
      Days(Between(rng_, 20, 50));
      Pay(fine);
      Close(fb::CloseReason::Performed, "分期缴纳完毕");
    } else {
      Days(Between(rng_, 20, 30));
      const int days_late = Between(rng_, 5, 15);
      Lawful(domain::ImposeLateFee(By(*lead_), std::min(fine, fine * 3 / 100 * days_late), days_late));
      if (Breaks()) {
        attempted_ = true;
        Attempt(domain::ApplyToCourt(ApprovedBy(*lead_, fb::Payload::CourtEnforcementApplied), "信阳市平桥区人民法院"),
                "P-COURT-DEMAND");
      }
      // The 催告 about five months after service; the court only once the party can no longer sue
      // (行政强制法 第53条, 第54条: ten working days after the 催告, 第69条).
      now_ =
          std::max(now_, domain::ChinaMidnightMs(
                             domain::WorkdayCalendar::China().AddMonths(domain::ChinaDateOf(served_at_ms_), 5).date));
      WorkingDays(Between(rng_, 1, 5));
      Lawful(domain::ServeDemandNotice(By(*lead_), fine, DateIn(10)));
      WorkingDays(Between(rng_, 11, 14));
      // Still inside the party's six months to sue — unless a 复议 was upheld, after which the party had only 15
      // days (行政诉讼法 第45条) and the window may already be open.
      if (!truth_.challenge && Breaks()) {
        attempted_ = true;
        Attempt(domain::ApplyToCourt(ApprovedBy(*lead_, fb::Payload::CourtEnforcementApplied), "信阳市平桥区人民法院"),
                "P-COURT-PERIOD");
      }
      AfterSuitPeriod();
      Lawful(domain::ApplyToCourt(ApprovedBy(*lead_, fb::Payload::CourtEnforcementApplied), "信阳市平桥区人民法院"));
      truth_.court = true;
      Close(fb::CloseReason::Enforced, "申请人民法院强制执行");
    }
  }

  void InspectionCase() {
    lead_ = &FieldOfficer();
    const Officer* partner = &FieldOfficer();
    while (partner == lead_) partner = &FieldOfficer();
    Open(fb::CaseCategory::Inspection, fb::Procedure::General, kInspectionPower, false);
    WorkingDays(Between(rng_, 0, 2));
    if (Breaks()) {
      attempted_ = true;
      Attempt(
          domain::RecordInspection(By(*people_.suspended), {people_.suspended->certificate_no, partner->certificate_no},
                                   "沿街商户", "检查"),
          "P-SIGNER");
    }
    Lawful(domain::RecordInspection(By(*lead_), {lead_->certificate_no, partner->certificate_no}, "沿街商户",
                                    "门前三包责任落实情况检查"));
    if (Chance(rng_, 50)) {
      Lawful(domain::OrderCorrection(By(*lead_), "清理门前堆放杂物",
                                     domain::FormatDate(domain::ChinaDateOf(now_ + 7 * 86'400'000ll))));
    }
    Close(fb::CloseReason::Other, "检查完毕");
  }

  // --- 行政许可 -------------------------------------------------------
  // A 宅基地 approval or an outdoor-advertising permit: received at the window; 补正 asked once in some; accepted
  // in writing, or (rarely) never answered and so accepted as of receipt (第32条), or not accepted; checked on site
  // by two; now and then a hearing or the head's extension; decided by the head within the period; for a grant
  // the certificate and its publication, and an advertising permit sometimes revoked later.
  void LicenceCase() {
    lead_ = &FieldOfficer();
    const bool homestead = !licence_showcase_ && Chance(rng_, 60);
    const PowerDef& power = homestead ? kHomesteadPower : kAdvertPower;
    truth_.category = fb::CaseCategory::Licensing;
    truth_.power_item_code = power.code;
    truth_.village = Pick(kVillages, rng_);
    do MakeParty(homestead || Chance(rng_, 30));
    while (truth_.party.minor || (homestead && truth_.party.kind != fb::PartyKind::NaturalPerson));
    LicenceTruth& l = truth_.licence.emplace();
    l.matter = power.name;
    domain::LicenceApplication app;
    app.item_code = power.code;
    app.matter = power.name;
    app.applicant = {truth_.party.kind,  truth_.party.name,  truth_.party.credit_code,
                     truth_.party.id_no, truth_.party.phone, truth_.party.address,
                     std::nullopt,       std::nullopt};
    app.place = std::string("青山镇") + truth_.village + (homestead ? "宅基地" : Pick(kStreets, rng_));
    licence_place_ = app.place;
    app.village = truth_.village;
    app.received_date = domain::FormatDate(domain::ChinaDateOf(now_));
    app.materials = homestead
                        ? std::vector<std::string>{"农村宅基地和建房(规划许可)申请表", "户口簿", "村民小组会议记录"}
                        : std::vector<std::string>{"户外广告设置申请表", "设计效果图", "场地使用证明"};
    truth_.opened_at_ms = now_;
    Lawful(domain::ApplyForLicence(By(*lead_), app));
    if (!LicenceIntake(l)) return Close(fb::CloseReason::Other, "不予受理");
    const Officer& partner = LicenceCheck(homestead);
    // An advertising sign affects the neighbours' significant interests (第47条): they are told of the hearing.
    if (!homestead && l.accepted_in_writing && (licence_showcase_ || Chance(rng_, 25))) LicenceHearing(partner, l);
    LicenceDecide(homestead, l);
    if (!homestead && l.granted && (licence_showcase_ || Chance(rng_, 20))) WithdrawLicence(l);
    Close(fb::CloseReason::Other, l.granted ? "许可已办结" : "不予许可");
  }

  // 第32条: false when the application was not accepted.
  bool LicenceIntake(LicenceTruth& l) {
    const int k = licence_showcase_ ? 99 : Between(rng_, 0, 99);
    const std::string no = "青政许受〔2025〕" + truth_.case_id.substr(8) + "号";
    if (k < 5) {  // never answered: accepted as of receipt once five working days pass
      l.accepted_by_silence = true;
      WorkingDays(6);
      return true;
    }
    if (k < 15) {
      WorkingDays(Between(rng_, 0, 3));
      domain::LicenceIntakeAnswer a;
      a.reason = "申请事项依法不需要取得行政许可";
      Lawful(domain::AnswerLicenceIntake(By(*lead_), fb::LicenceIntakeOutcome::NotAccepted, no, a));
      l.not_accepted = true;
      return false;
    }
    if (k < 40) {
      WorkingDays(Between(rng_, 0, 4));
      domain::LicenceIntakeAnswer a;
      a.missing = {"四至示意图", "相邻权利人意见"};
      Lawful(domain::AnswerLicenceIntake(By(*lead_), fb::LicenceIntakeOutcome::Incomplete,
                                         "青政许补〔2025〕" + truth_.case_id.substr(8) + "号", a));
      l.told_to_supplement = true;
      if (Breaks()) {
        attempted_ = true;
        Attempt(domain::AnswerLicenceIntake(By(*lead_), fb::LicenceIntakeOutcome::Incomplete,
                                            "青政许补〔2025〕" + truth_.case_id.substr(8) + "-2号", a),
                "P-LICENCE-INTAKE");
      }
      Days(Between(rng_, 2, 10));
      Lawful(domain::SupplementLicenceMaterials(By(*lead_), domain::FormatDate(domain::ChinaDateOf(now_)), a.missing));
    }
    WorkingDays(Between(rng_, 0, 3));
    Lawful(domain::AnswerLicenceIntake(By(*lead_), fb::LicenceIntakeOutcome::Accepted, no));
    l.accepted_in_writing = true;
    return true;
  }

  // 第34条: the on-site check by two; returns the second.
  const Officer& LicenceCheck(bool homestead) {
    const Officer* partner = &FieldOfficer();
    while (partner == lead_) partner = &FieldOfficer();
    WorkingDays(Between(rng_, 1, 5));
    Lawful(domain::RecordInspection(
        By(*lead_), {lead_->certificate_no, partner->certificate_no}, licence_place_,
        homestead ? "实地踏勘：选址不占用永久基本农田，四至清楚" : "现场核查：设置位置及规格符合规划"));
    return *partner;
  }

  // 第47–48条: told of the right; waived, or asked within five working days, notified eight working days ahead
  // by a presider who took no part in the review, the day excluded (第45条), held and the record signed. The
  // head extends first, so that the decision after the hearing still falls within thirty working days.
  void LicenceHearing(const Officer& partner, LicenceTruth& l) {
    WorkingDays(1);
    Lawful(domain::RecordLicenceHearing(By(*lead_), fb::LicenceHearingStep::Offered));
    WorkingDays(Between(rng_, 1, 4));
    if (!licence_showcase_ && Chance(rng_, 30)) {
      Lawful(domain::RecordLicenceHearing(By(*lead_), fb::LicenceHearingStep::Waived));
      return;
    }
    Lawful(domain::RecordLicenceHearing(By(*lead_), fb::LicenceHearingStep::Requested));
    Lawful(domain::ExtendLicencePeriod(By(*people_.heads[0]), "利害关系人申请听证"));
    l.extended = true;
    if (Breaks()) {  // deciding while the hearing is pending
      attempted_ = true;
      domain::LicenceDecision early;
      early.decision_no = "青政许决〔2025〕" + truth_.case_id.substr(8) + "号";
      early.content = "准予设置户外广告牌一块";
      early.certificate = "户外广告设置许可证";
      early.valid_from = domain::FormatDate(domain::ChinaDateOf(now_));
      Attempt(domain::DecideLicence(By(*people_.heads[0]), early), "P-LICENCE-DECISION");
    }
    WorkingDays(1);
    const Officer* presider = &FieldOfficer();
    while (presider == lead_ || presider == &partner) presider = &FieldOfficer();
    domain::LicenceHearingInfo info;
    info.hearing_date =
        domain::FormatDate(domain::WorkdayCalendar::China().AddWorkingDays(domain::ChinaDateOf(now_), 8).date);
    info.place = "青山镇人民政府会议室";
    info.presider = presider->certificate_no;
    Lawful(domain::RecordLicenceHearing(By(*lead_), fb::LicenceHearingStep::Notified, info));
    Minutes(Between(rng_, 10, 60));
    Lawful(domain::ExcludeLicenceTime(By(*lead_), fb::LicenceExcludedTime::Hearing, info.hearing_date,
                                      info.hearing_date, "组织听证"));
    WorkingDays(8);
    info.record_no = "青政许听〔2025〕" + truth_.case_id.substr(8) + "号";
    Lawful(domain::RecordLicenceHearing(By(*lead_), fb::LicenceHearingStep::Held, info));
    l.heard = true;
  }

  // 第8条: the permit withdrawn for the public interest (the road widened), the loss compensated; a second
  // ending of the same licence is refused.
  void WithdrawLicence(LicenceTruth& l) {
    Days(Between(rng_, 30, 120));
    WorkingDays(0);
    domain::LicenceEnd e;
    e.kind = fb::LicenceEnding::Withdrawn;
    e.decision_no = "青政许撤〔2025〕" + truth_.case_id.substr(8) + "号";
    e.ground = "道路拓宽，原设置位置纳入规划红线，依法撤回";
    e.compensation_fen = int64_t{Between(rng_, 20, 80)} * 10'000;
    Lawful(domain::EndLicence(By(*people_.heads[0]), e));
    l.revoked = true;
    if (Breaks()) {
      attempted_ = true;
      e.kind = fb::LicenceEnding::Deregistered;
      e.compensation_fen = 0;
      Attempt(domain::EndLicence(By(*people_.heads[0]), e), "P-LICENCE-END");
    }
  }

  // The head decides; a grant gets its certificate and is published within seven working days.
  void LicenceDecide(bool homestead, LicenceTruth& l) {
    if (l.accepted_in_writing && !l.extended && Chance(rng_, 8)) {  // within the twenty: 10 + 8 at most
      WorkingDays(Between(rng_, 3, 8));
      Lawful(domain::ExtendLicencePeriod(By(*people_.heads[0]), "需征求相邻权利人及村民小组意见"));
      l.extended = true;
    }
    WorkingDays(Between(rng_, 2, 8));
    const bool granted = licence_showcase_ || Chance(rng_, 85);
    domain::LicenceDecision d;
    d.granted = granted;
    d.decision_no = "青政许决〔2025〕" + truth_.case_id.substr(8) + "号";
    d.content = homestead ? "准予使用宅基地" + std::to_string(Between(rng_, 100, 150)) + "平方米建设住宅"
                          : "准予设置户外广告牌一块";
    d.certificate = homestead ? "农村宅基地批准书" : "户外广告设置许可证";
    d.valid_from = domain::FormatDate(domain::ChinaDateOf(now_));
    d.valid_until = homestead ? "" : domain::FormatDate(domain::MonthsLater(domain::ChinaDateOf(now_), 36));
    d.reasons = granted ? "" : "选址不符合村庄规划";
    if (!granted) d.content = d.certificate = d.valid_from = d.valid_until = "";
    truth_.decision_no = d.decision_no;
    truth_.decided_at_ms = now_;
    d.on_hearing_record = l.heard;  // 第48条第2款
    Lawful(domain::DecideLicence(By(*people_.heads[0]), d));
    l.granted = granted;
    l.refused = !granted;
    if (!granted) return;
    WorkingDays(Between(rng_, 1, 5));
    l.certificate_no = (homestead ? "青宅批〔2025〕" : "青广许〔2025〕") + truth_.case_id.substr(8) + "号";
    Lawful(domain::IssueLicenceCertificate(By(*lead_), l.certificate_no, d.certificate));
    WorkingDays(1);
    const std::string due = domain::FormatDate(
        domain::WorkdayCalendar::China().AddWorkingDays(domain::ChinaDateOf(truth_.decided_at_ms), 7).date);
    truth_.display_until = domain::FormatDate(domain::MonthsLater(domain::ChinaDateOf(now_), 36));
    Lawful(domain::PublishDecision(By(*people_.discloser), "pub-" + truth_.case_id, d.decision_no, due,
                                   truth_.display_until, d.content));
    truth_.published = true;
    truth_.published_at_ms = now_;
  }

  void CoercionCase() {
    lead_ = &FieldOfficer();
    const Officer* partner = &FieldOfficer();
    while (partner == lead_) partner = &FieldOfficer();
    Open(fb::CaseCategory::Coercion, fb::Procedure::General, kSeizurePower, true);
    Seize(*partner);
    Close(fb::CloseReason::Other, "强制措施已解除");
  }

  // --- 行政征收 / 征用 -----------------------------------------------------
  // A 土地征收 the county carries out with the town: the notices posted in the village for their periods, the
  // survey, the approval, each owner's agreement (or, for a holdout, the county's decision), payment before
  // hand-over, then the case closes.
  void TakingCase() {
    lead_ = &FieldOfficer();
    const Officer* partner = &FieldOfficer();
    while (partner == lead_) partner = &FieldOfficer();
    truth_.category = fb::CaseCategory::Expropriation;
    truth_.village = Pick(kVillages, rng_);
    TakingTruth& t = truth_.taking.emplace();
    t.project = "青山县2025年度第" + std::to_string(Between(rng_, 1, 9)) + "批次城镇建设用地（" + truth_.village + "）";
    const auto& cal = domain::WorkdayCalendar::China();
    auto notice = [&](fb::TakingNoticeKind kind, domain::Date until) {
      domain::TakingNotice n;
      n.kind = kind;
      n.notice_no = "青县征告〔2025〕" + truth_.case_id.substr(8) + "-" + std::to_string(static_cast<int>(kind) + 1);
      n.issuer = "青山县人民政府";
      n.project = t.project;
      n.village = truth_.village;
      n.places = {"青山镇人民政府公告栏", truth_.village + "村务公开栏"};
      n.posted_from = domain::FormatDate(domain::ChinaDateOf(now_));
      n.posted_until = domain::FormatDate(until);
      return domain::PostTakingNotice(By(*lead_), n);
    };
    const domain::Date today = domain::ChinaDateOf(now_);
    truth_.opened_at_ms = now_;
    const domain::Date pre_until =
        cal.AddWorkingDays(today, domain::kLandPreNoticeWorkingDays + Between(rng_, 0, 3)).date;
    Lawful(notice(fb::TakingNoticeKind::LandPreNotice, pre_until));
    WorkingDays(Between(rng_, 2, 6));
    Lawful(domain::RecordInspection(By(*lead_), {lead_->certificate_no, partner->certificate_no}, t.project,
                                    "现状调查：土地权属、地类、面积及地上附着物已登记，权利人签字确认"));
    now_ = std::max(now_, domain::ChinaMidnightMs(pre_until) + 9 * 3'600'000);
    WorkingDays(Between(rng_, 1, 5));
    const domain::Date plan_on = domain::ChinaDateOf(now_);
    const domain::Date plan_until = cal.AddCalendarDays(plan_on, domain::kPlanNoticeDays).date;
    if (taking_showcase_ || Breaks()) {  // the plan shown for twenty days only
      attempted_ = true;
      Attempt(notice(fb::TakingNoticeKind::LandPlan, cal.AddCalendarDays(plan_on, 20).date), "P-TAKING-NOTICE");
    }
    Lawful(notice(fb::TakingNoticeKind::LandPlan, plan_until));
    now_ = domain::ChinaMidnightMs(plan_until) + 9 * 3'600'000;
    WorkingDays(Between(rng_, 10, 30));
    Lawful(domain::RecordTakingApproval(By(*lead_), "豫政土〔2025〕" + std::to_string(Between(rng_, 100, 400)) + "号",
                                        "河南省人民政府", domain::FormatDate(domain::ChinaDateOf(now_))));
    t.late_notice = Chance(rng_, 10);
    WorkingDays(t.late_notice ? Between(rng_, 16, 20) : Between(rng_, 3, 15));
    Lawful(notice(fb::TakingNoticeKind::LandTaking, cal.AddWorkingDays(domain::ChinaDateOf(now_), 10).date));
    TakingHouseholds(t);
    Close(fb::CloseReason::Other, "征收土地补偿安置完毕，土地已交付");
    t.completed_at_ms = now_;
  }

  void TakingHouseholds(TakingTruth& t) {
    const int households = Between(rng_, 2, 6);
    std::vector<std::pair<std::string, int64_t>> owed;
    for (int h = 1; h <= households; ++h) {
      WorkingDays(Between(rng_, 0, 2));
      const std::string household = std::to_string(Between(rng_, 1, 9)) + "-" + std::to_string(10 + h);
      const int64_t fen = int64_t{Between(rng_, 50, 400)} * 100'000;
      MakeParty(true);
      const bool holdout = h == households && (taking_showcase_ || Chance(rng_, 20));
      if (!holdout) {
        domain::TakingAgreement a;
        a.household = household;
        a.owner = {truth_.party.kind,  truth_.party.name,  truth_.party.credit_code,
                   truth_.party.id_no, truth_.party.phone, truth_.party.address,
                   std::nullopt,       std::nullopt};
        a.agreement_no = "青征协〔2025〕" + truth_.case_id.substr(8) + "-" + household;
        a.compensation_fen = fen;
        a.resettlement = Chance(rng_, 50) ? "货币补偿" : "货币补偿并纳入被征地农民社会保障";
        Lawful(domain::SignTakingAgreement(By(*lead_), a));
      } else {
        domain::CompensationDecision d;
        d.household = household;
        d.decision_no = "青县征补决〔2025〕" + truth_.case_id.substr(8) + "-" + household;
        d.issuer = "青山县人民政府";
        d.basis = "征地补偿安置方案所定区片综合地价及地上附着物补偿标准";
        d.compensation_fen = fen;
        Lawful(domain::DecideCompensation(By(*lead_), d));
        ++t.decisions;
      }
      ++t.households;
      owed.emplace_back(household, fen);
    }
    for (const auto& [household, fen] : owed) {
      WorkingDays(Between(rng_, 1, 5));
      if (taking_showcase_ && household == owed.front().first) {  // moved out before being paid
        Attempt(domain::RecordVacated(By(*lead_), household, domain::FormatDate(domain::ChinaDateOf(now_))),
                "P-TAKING-VACATE");
      }
      const std::string paid_on = domain::FormatDate(domain::ChinaDateOf(now_));
      Lawful(domain::PayCompensation(By(*lead_), household, fen, paid_on, "青财付" + std::to_string(now_ % 100000)));
      t.payments.emplace_back(now_, fen);
      WorkingDays(Between(rng_, 1, 5));
      Lawful(domain::RecordVacated(By(*lead_), household, domain::FormatDate(domain::ChinaDateOf(now_))));
    }
  }

  // A 征用 in an emergency: the leading government's notice and the 财产清单 the owner signs, the use, what came
  // back and in what condition, the compensation decided and paid, then the case closes.
  void RequisitionCase() {
    lead_ = &FieldOfficer();
    truth_.category = fb::CaseCategory::Expropriation;
    truth_.village = Pick(kVillages, rng_);
    TakingTruth& t = truth_.taking.emplace();
    t.requisition = true;
    static constexpr const char* kEmergencies[] = {"青山河汛情", "龙潭水库渗漏险情", "山林火灾", "暴雪灾害"};
    static constexpr std::pair<const char*, const char*> kProperty[] = {
        {"挖掘机", "1台"}, {"编织袋", "3000条"}, {"厢式货车", "1辆"}, {"抽水泵", "2台"}, {"仓库", "1间"}};
    t.project = std::string("2025年") + Pick(kEmergencies, rng_);
    do MakeParty(true);
    while (truth_.party.minor);
    domain::Requisition r;
    r.notice_no = "青县应急征〔2025〕" + truth_.case_id.substr(8) + "号";
    r.ordered_by = "青山县人民政府（县应急管理局）";
    r.emergency = t.project;
    r.purpose = "抢险救援";
    r.owner = {truth_.party.kind,  truth_.party.name,  truth_.party.credit_code,
               truth_.party.id_no, truth_.party.phone, truth_.party.address,
               std::nullopt,       std::nullopt};
    r.village = truth_.village;
    const int first = Between(rng_, 0, 4), count = Between(rng_, 1, 3);
    for (int i = 0; i < count; ++i) {
      const auto& [name, quantity] = kProperty[(first + i) % 5];
      r.items.push_back({name, quantity, fb::RequisitionCondition::Intact, ""});
    }
    r.taken_on = domain::FormatDate(domain::ChinaDateOf(now_));
    truth_.opened_at_ms = now_;
    Lawful(domain::OrderRequisition(By(*lead_), r));
    Days(Between(rng_, 3, 20));
    if (requisition_showcase_ || Breaks()) {  // closed before anything came back
      attempted_ = true;
      Attempt(domain::CloseCase(By(*lead_), fb::CloseReason::Other, "征用完毕"), "P-REQUISITION");
    }
    std::vector<domain::RequisitionLine> back = r.items;
    for (auto& line : back) {
      const int k = Between(rng_, 0, 99);
      if (k < 10) line.condition = fb::RequisitionCondition::Damaged, line.note = "使用中部件损坏";
      if (line.name == std::string("编织袋")) line.condition = fb::RequisitionCondition::Lost, line.note = "用于抢险";
    }
    Lawful(domain::ReturnRequisitioned(By(*lead_), back, domain::FormatDate(domain::ChinaDateOf(now_))));
    WorkingDays(Between(rng_, 5, 15));
    domain::CompensationDecision d;
    d.decision_no = "青县征用补决〔2025〕" + truth_.case_id.substr(8) + "号";
    d.issuer = "青山县人民政府";
    d.basis = "征用期间使用费及毁损、灭失财产按市场价格补偿";
    d.compensation_fen = int64_t{Between(rng_, 5, 80)} * 100'000;
    Lawful(domain::DecideCompensation(By(*lead_), d, "征用补偿决定书"));
    WorkingDays(Between(rng_, 1, 10));
    Lawful(domain::PayCompensation(By(*lead_), "", d.compensation_fen, domain::FormatDate(domain::ChinaDateOf(now_)),
                                   "青财付" + std::to_string(now_ % 100000)));
    t.payments.emplace_back(now_, d.compensation_fen);
    Close(fb::CloseReason::Other, "征用财产已返还，补偿已支付");
    t.completed_at_ms = now_;
  }

  const YearPlan& plan_;
  const People& people_;
  std::mt19937_64 rng_;
  CaseTruth truth_;
  std::string decision_no_;
  const Officer* lead_ = nullptr;
  std::string licence_place_;  // where a licence applies (the plot, the street)
  int64_t now_ = 0;
  int64_t served_at_ms_ = 0;  // the decision's service
  uint32_t seq_ = 0;
  bool attempted_ = false;
  // The year's example of a decision published, revoked on 复议 and withdrawn (shown three years, so that the
  // withdrawal stays on the portal): one case in the middle of the year's numbers, whatever its size. And a
  // licence's, a quarter in: an advertising permit accepted, heard, granted, published and later withdrawn.
  const bool showcase_;
  const bool licence_showcase_;
  // And a 征收 with a holdout decided for and an early hand-over refused, and a 征用, near the year's end.
  const bool taking_showcase_;
  const bool requisition_showcase_;
  std::vector<Step> steps_;
};

// The generated year is history recorded after the fact: the 镇长 declares
// it as such before it is appended, so that its acts are exempt from the
// recorded-time rules and shown as 补录.
Bytes DeclareBackfill(const YearPlan& plan, const People& people, int64_t from_ms, int64_t until_ms) {
  const Officer& head = *people.heads[0];
  StatementHeader h;
  const Hash id = Derive(plan.seed, "backfill", plan.first_case);
  std::copy_n(id.begin(), h.event_id.size(), h.event_id.begin());
  StampEventId(h.event_id, until_ms);
  h.origin = plan.origin;
  h.case_id = std::string(kRegistryCaseId);
  h.certificate_no = head.certificate_no;
  h.key = head.key.public_key();
  h.occurred_at_ms = until_ms;
  return SignStatement(
      BackfillDeclaredStatement(h, from_ms, until_ms, "演示年度案件由纸质案卷补录入账", "青山镇纸质执法案卷"),
      head.key);
}

}  // namespace

Year GenerateYear(const YearPlan& plan) {
  Year year;
  const People people = MakePeople(plan.seed);
  year.officers = people.officers.size();
  for (const Officer& o : people.officers) {
    year.officer_names.push_back(o.name);
    year.officer_certificates.push_back(o.certificate_no);
  }
  year.suspended_certificate = people.suspended->certificate_no;
  year.supervisor.emplace(note::Signer{people.supervisor->certificate_no, people.supervisor->key});
  year.head.emplace(note::Signer{people.heads[0]->certificate_no, people.heads[0]->key});
  year.discloser.emplace(note::Signer{people.discloser->certificate_no, people.discloser->key});
  const Officer& operator_ = people.officers[people.field - 1];
  year.draw_operator.emplace(note::Signer{operator_.certificate_no, operator_.key});
  for (size_t i = 0; i + 1 < people.field; ++i) {
    year.inspector_certificates.push_back(people.officers[i].certificate_no);
    year.inspectors.push_back({people.officers[i].certificate_no, people.officers[i].key});
  }
  for (const PowerDef& p : AllPowers()) year.power_item_codes.push_back(p.code);
  WriteRegistry(plan, people, year.registry);

  std::vector<std::vector<Step>> per_case(plan.cases);
  year.cases.resize(plan.cases);
  ThreadPool pool;
  pool.ParallelFor(plan.cases, [&](size_t i) {
    CaseWriter writer(plan, people, plan.first_case + i);
    per_case[i] = writer.Write();
    year.cases[i] = writer.truth();
  });
  struct Key {
    int64_t at;
    size_t c;
    uint32_t seq;
  };
  std::vector<std::pair<Key, YearItem*>> order;
  for (size_t c = 0; c < per_case.size(); ++c) {
    for (Step& s : per_case[c]) order.push_back({{s.at_ms, c, s.seq}, &s.item});
  }
  std::sort(order.begin(), order.end(), [](const auto& x, const auto& y) {
    return std::tie(x.first.at, x.first.c, x.first.seq) < std::tie(y.first.at, y.first.c, y.first.seq);
  });
  year.items.reserve(order.size());
  for (auto& [key, item] : order) year.items.push_back(std::move(*item));
  if (!order.empty()) {
    year.registry.push_back(DeclareBackfill(plan, people, order.front().first.at, order.back().first.at + 60'000));
  }
  return year;
}

}  // namespace lawtrail::demo

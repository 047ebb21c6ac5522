// File: ledger/domain/master_data.h
// -----------------------------------------------------------------------------
// The agency's published master data (事前公开, D1): its profile and the lists
// of power items, random-inspection items, AV items, the legal-review
// catalogue, guides and flowcharts, and discretion standards — folded from the
// root-signed events in "@registry". Admission consults it (a case needs a
// published power item; a catalogue item makes legal review mandatory).
// Not thread-safe; owned by a Registry.
#ifndef LAWTRAIL_LEDGER_DOMAIN_MASTER_DATA_H_
#define LAWTRAIL_LEDGER_DOMAIN_MASTER_DATA_H_

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ledger/core/status.h"
#include "schemas/statement_generated.h"

namespace lawtrail::domain {

bool IsMasterDataEvent(fb::Payload type);

// The list item an event publishes (or changes): its kind, its code and the
// power item it refers to, if any. nullopt for events that publish no item.
struct PublishedItem {
  fb::MasterItemKind kind;
  std::string code;
  std::string power_item_code;
};
std::optional<PublishedItem> PublishedItemOf(const fb::Statement& st);

class MasterData {
 public:
  struct Item {
    fb::MasterItemKind kind{};
    std::string code;
    std::string power_item_code;   // what it refers to (catalogue, guide, discretion)
    fb::PowerCategory category{};  // power items only
    bool retired = false;
    uint32_t versions = 0;                                 // 1 = first published; more = changed
    std::vector<std::pair<int64_t, int64_t>> fine_ranges;  // discretion levels (fen)
    std::vector<std::string> levels;
    std::string field;  // power items: 执法类别 ("" = not stated)
  };

  // OK iff master-data event `st` makes sense against the current lists.
  Status Check(const fb::Statement& st) const;
  void Apply(const fb::Statement& st);

  const Item* Find(fb::MasterItemKind kind, std::string_view code) const;
  // True iff the legal-review catalogue lists power item `code` (active).
  bool InReviewCatalogue(std::string_view power_item_code) const;
  const std::string& province() const { return province_; }
  const std::string& department() const { return department_; }
  // 行政区划 of the agency (e.g. 河南省信阳市平桥区青山镇): where its cases lie.
  const std::string& region() const { return region_; }

 private:
  std::map<std::pair<fb::MasterItemKind, std::string>, Item> items_;
  std::string province_;
  std::string department_;
  std::string region_;
};

}  // namespace lawtrail::domain

#endif  // LAWTRAIL_LEDGER_DOMAIN_MASTER_DATA_H_

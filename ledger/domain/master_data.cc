#include "ledger/domain/master_data.h"

#include "ledger/core/fb_string.h"
#include "ledger/domain/identifiers.h"

namespace lawtrail::domain {

std::optional<PublishedItem> PublishedItemOf(const fb::Statement& st) {
  using K = fb::MasterItemKind;
  switch (st.payload_type()) {
    case fb::Payload::PowerItemPublished:
      return PublishedItem{K::PowerItem, Str(st.payload_as_PowerItemPublished()->code()), {}};
    case fb::Payload::RandomInspectionItemPublished:
      return PublishedItem{K::RandomInspectionItem, Str(st.payload_as_RandomInspectionItemPublished()->code()), {}};
    case fb::Payload::AvItemPublished:
      return PublishedItem{K::AvItem, Str(st.payload_as_AvItemPublished()->code()), {}};
    case fb::Payload::LegalReviewCatalogueItemPublished: {
      const auto* p = st.payload_as_LegalReviewCatalogueItemPublished();
      return PublishedItem{K::LegalReviewCatalogueItem, Str(p->code()), Str(p->power_item_code())};
    }
    case fb::Payload::DocumentPublished: {
      const auto* p = st.payload_as_DocumentPublished();
      return PublishedItem{K::Document, Str(p->code()), Str(p->power_item_code())};
    }
    case fb::Payload::DiscretionStandardPublished: {
      const auto* p = st.payload_as_DiscretionStandardPublished();
      return PublishedItem{K::DiscretionStandard, Str(p->code()), Str(p->power_item_code())};
    }
    default: return std::nullopt;
  }
}

namespace {

std::string KindName(fb::MasterItemKind kind) {
  const char* n = fb::EnumNameMasterItemKind(kind);
  return n == nullptr ? "item" : n;
}

}  // namespace

bool IsMasterDataEvent(fb::Payload type) {
  switch (type) {
    case fb::Payload::AgencyProfileUpdated:
    case fb::Payload::OfficerProfileChanged:
    case fb::Payload::PowerItemPublished:
    case fb::Payload::RandomInspectionItemPublished:
    case fb::Payload::AvItemPublished:
    case fb::Payload::LegalReviewCatalogueItemPublished:
    case fb::Payload::DocumentPublished:
    case fb::Payload::DiscretionStandardPublished:
    case fb::Payload::MasterItemRetired: return true;
    default: return false;
  }
}

const MasterData::Item* MasterData::Find(fb::MasterItemKind kind, std::string_view code) const {
  auto it = items_.find({kind, std::string(code)});
  return it == items_.end() ? nullptr : &it->second;
}

bool MasterData::InReviewCatalogue(std::string_view power_item_code) const {
  for (const auto& [key, item] : items_) {
    if (key.first == fb::MasterItemKind::LegalReviewCatalogueItem && !item.retired &&
        item.power_item_code == power_item_code) {
      return true;
    }
  }
  return false;
}

Status MasterData::Check(const fb::Statement& st) const {
  if (st.payload_type() == fb::Payload::AgencyProfileUpdated) {
    const auto* p = st.payload_as_AgencyProfileUpdated();
    if (Str(p->name()).empty()) return Status::InvalidArgument("agency profile needs the agency's name");
    return ValidateCreditCode(Str(p->credit_code())).WithContext("agency 统一社会信用代码");
  }
  if (st.payload_type() == fb::Payload::MasterItemRetired) {
    const auto* r = st.payload_as_MasterItemRetired();
    const Item* item = Find(r->kind(), Str(r->code()));
    if (item == nullptr || item->retired) {
      return Status::FailedPrecondition(KindName(r->kind()) + " '" + Str(r->code()) +
                                        "' is not published, so it cannot be retired");
    }
    if (Str(r->reason()).empty()) return Status::InvalidArgument("retiring an item needs a reason");
    return Status::Ok();
  }
  auto published = PublishedItemOf(st);
  if (!published) return Status::Ok();
  if (published->code.empty()) {
    return Status::InvalidArgument(KindName(published->kind) + " needs a code");
  }
  if (published->kind == fb::MasterItemKind::PowerItem) {
    if (Str(st.payload_as_PowerItemPublished()->name()).empty() ||
        Str(st.payload_as_PowerItemPublished()->basis()).empty()) {
      return Status::InvalidArgument("power item '" + published->code + "' needs its name and 设定依据");
    }
  }
  if (!published->power_item_code.empty()) {
    const Item* power = Find(fb::MasterItemKind::PowerItem, published->power_item_code);
    if (power == nullptr || power->retired) {
      return Status::FailedPrecondition(KindName(published->kind) + " '" + published->code +
                                        "' refers to power item '" + published->power_item_code +
                                        "', which is not published");
    }
  }
  if (published->kind == fb::MasterItemKind::DiscretionStandard) {
    const auto* levels = st.payload_as_DiscretionStandardPublished()->levels();
    if (levels == nullptr || levels->size() == 0) {
      return Status::InvalidArgument("discretion standard needs at least one level");
    }
    for (const auto* l : *levels) {
      if (l->min_fine_fen() < 0 || l->max_fine_fen() < l->min_fine_fen()) {
        return Status::InvalidArgument("discretion level '" + Str(l->level()) + "' has an empty fine range");
      }
    }
  }
  return Status::Ok();
}

void MasterData::Apply(const fb::Statement& st) {
  if (st.payload_type() == fb::Payload::AgencyProfileUpdated) {
    const auto* p = st.payload_as_AgencyProfileUpdated();
    province_ = Str(p->province());
    department_ = Str(p->department());
    region_ = Str(p->region());
    return;
  }
  if (st.payload_type() == fb::Payload::MasterItemRetired) {
    const auto* r = st.payload_as_MasterItemRetired();
    items_[{r->kind(), Str(r->code())}].retired = true;
    return;
  }
  auto published = PublishedItemOf(st);
  if (!published) return;
  Item& item = items_[{published->kind, published->code}];
  item.kind = published->kind;
  item.code = published->code;
  item.power_item_code = published->power_item_code;
  item.retired = false;
  ++item.versions;
  if (published->kind == fb::MasterItemKind::PowerItem) {
    item.category = st.payload_as_PowerItemPublished()->category();
    item.field = Str(st.payload_as_PowerItemPublished()->field());
  }
  if (published->kind == fb::MasterItemKind::DiscretionStandard) {
    item.fine_ranges.clear();
    item.levels.clear();
    for (const auto* l : *st.payload_as_DiscretionStandardPublished()->levels()) {
      item.fine_ranges.emplace_back(l->min_fine_fen(), l->max_fine_fen());
      item.levels.push_back(Str(l->level()));
    }
  }
}

}  // namespace lawtrail::domain

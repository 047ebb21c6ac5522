#include "projectors/view_txn.h"

#include <algorithm>

#include "ledger/log/store.h"
#include "projectors/internal/json_view.h"

namespace lawtrail::projectors {
namespace {

// A cache bigger than this is let go whole after a commit (≈ a few GiB of
// parsed documents at worst); the working set of a county's open cases is a
// small fraction of it.
constexpr size_t kMaxCachedSlots = 1 << 21;
// How many commit windows an unread entry survives: a case runs for weeks and
// a rebuild's window covers days of records.
constexpr uint64_t kKeptWindows = 4;

}  // namespace

ViewTxn::Slot& ViewTxn::MarkDirty(Entry& entry) {
  if (!entry.value.dirty) {
    entry.value.dirty = true;
    dirty_.push_back(&entry);
  }
  return entry.value;
}

ViewTxn::Slot& ViewTxn::Touch(std::string_view key) { return MarkDirty(*slots_.FindOrAdd(key)); }

Result<ViewTxn::Entry*> ViewTxn::Load(std::string_view key) {
  Entry* e = slots_.Find(key);
  if (e == nullptr) {
    Slot slot;
    if (!holds_all_) {
      rocksdb::PinnableSlice value;
      rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), cf_, key, &value);
      if (!s.IsNotFound()) {
        LAWTRAIL_RETURN_IF_ERROR(FromRocks(s, "reading a view"));
        slot.exists = true;
        slot.text = value.ToString();
      }
    }
    e = slots_.FindOrAdd(key);
    e->value = std::move(slot);
  }
  e->value.used = generation_;
  return e;
}

void ViewTxn::Put(std::string_view key, std::string value) {
  if (!Allowed(key)) return;
  Slot& s = Touch(key);
  s.exists = true;
  s.doc = nullptr;
  s.text = std::move(value);
}

void ViewTxn::Append(std::string_view key, std::string_view value) {
  if (!Allowed(key)) return;
  appended_.emplace_back(text_.Add(key), text_.Add(value));
}

void ViewTxn::Append(std::string_view key, const ViewDoc& doc) {
  if (!Allowed(key)) return;
  scratch_text_.clear();
  doc.Print(scratch_text_);
  appended_.emplace_back(text_.Add(key), text_.Add(scratch_text_));
}

void ViewTxn::Delete(std::string_view key) {
  if (!Allowed(key)) return;
  Slot& s = Touch(key);
  s.exists = false;
  s.doc = nullptr;
  s.text.clear();
}

void ViewTxn::Settle(std::string_view key) {
  Entry* e = slots_.Find(key);
  if (e == nullptr) return;
  Slot& s = e->value;
  if (s.doc == nullptr || !s.exists || s.doc->Empty()) return;
  scratch_text_.clear();
  s.doc->Print(scratch_text_);
  s.text.assign(scratch_text_);  // only as long as the text
  s.doc = nullptr;
}

Result<const std::string*> ViewTxn::Find(std::string_view key) {
  LAWTRAIL_ASSIGN_OR_RETURN(Entry * e, Load(key));
  if (e->value.doc != nullptr) {
    return Status::Internal("view key '" + std::string(key) + "' holds a document, not a value");
  }
  return e->value.exists ? &e->value.text : nullptr;
}

Result<std::optional<std::string>> ViewTxn::Get(std::string_view key) {
  LAWTRAIL_ASSIGN_OR_RETURN(const std::string* v, Find(key));
  return v == nullptr ? std::optional<std::string>() : std::optional<std::string>(*v);
}

Result<JsonDoc> JsonDoc::Parse(std::string_view text, std::string_view key) {
  JsonDoc doc;
  LAWTRAIL_ASSIGN_OR_RETURN(doc.value, ParseViewValue(text, key));
  return doc;
}

Result<nlohmann::json*> ViewTxn::EditDoc(std::string_view key) {
  if (!Allowed(key)) {
    scratch_json_ = nullptr;
    return &scratch_json_;
  }
  LAWTRAIL_ASSIGN_OR_RETURN(Entry * e, LoadAs<JsonDoc>(key));
  Slot& s = MarkDirty(*e);
  // Absent: an empty document, which becomes the key's value once given one.
  if (s.doc == nullptr) s.doc = std::make_unique<JsonDoc>();
  s.exists = true;
  return &static_cast<JsonDoc&>(*s.doc).value;
}

Result<const nlohmann::json*> ViewTxn::PeekDoc(std::string_view key) {
  static const nlohmann::json kAbsent;
  LAWTRAIL_ASSIGN_OR_RETURN(const JsonDoc* doc, Peek<JsonDoc>(key));
  return doc != nullptr ? &doc->value : &kAbsent;
}

Result<nlohmann::json> ViewTxn::LoadDoc(std::string_view key) {
  LAWTRAIL_ASSIGN_OR_RETURN(const nlohmann::json* doc, PeekDoc(key));
  return *doc;
}

void ViewTxn::StoreDoc(std::string_view key, nlohmann::json doc) {
  JsonDoc stored;
  stored.value = std::move(doc);
  Store(key, std::move(stored));
}

std::string_view ViewWrite::Value(std::string& scratch) const {
  if (doc == nullptr) return value;
  scratch.clear();
  doc->Print(scratch);
  return scratch;
}

namespace {

// A write's place in key order: the key's first 24 bytes as big-endian words
// (zero-padded), then, where those tie, the whole key, then the order written.
struct SortItem {
  uint64_t words[3];
  uint32_t position;
};

uint64_t BigEndianWord(std::string_view key, size_t at) {
  uint64_t w = 0;
  for (size_t i = 0; i < 8; ++i) w = (w << 8) | (at + i < key.size() ? static_cast<uint8_t>(key[at + i]) : 0);
  return w;
}

void Add(std::vector<ViewWrite>& writes, std::vector<SortItem>& items, ViewWrite w) {
  items.push_back({{BigEndianWord(w.key, 0), BigEndianWord(w.key, 8), BigEndianWord(w.key, 16)},
                   static_cast<uint32_t>(writes.size())});
  writes.push_back(w);
}

// The writes in key order, the last of several to one key only. The keys lie
// scattered over the cache's entries, and comparing them where they lie cost
// a cache miss or two per comparison; the sort compares copies of their
// first bytes instead, which settle almost every comparison (zero-padded
// prefixes that differ order the keys as the keys themselves do).
std::vector<ViewWrite> SortedUnique(const std::vector<ViewWrite>& writes, std::vector<SortItem>& items) {
  auto order = [&](const SortItem& a, const SortItem& b) {
    for (int w = 0; w < 3; ++w) {
      if (a.words[w] != b.words[w]) return a.words[w] < b.words[w] ? -1 : 1;
    }
    return writes[a.position].key.compare(writes[b.position].key);
  };
  std::sort(items.begin(), items.end(), [&](const SortItem& a, const SortItem& b) {
    const int c = order(a, b);
    return c != 0 ? c < 0 : a.position < b.position;
  });
  std::vector<ViewWrite> sorted;
  sorted.reserve(items.size());
  for (size_t i = 0; i < items.size(); ++i) {
    if (i + 1 < items.size() && order(items[i], items[i + 1]) == 0) continue;  // a later write of the same key
    sorted.push_back(writes[items[i].position]);
  }
  return sorted;
}

}  // namespace

std::vector<ViewWrite> ViewTxn::PendingWrites() {
  std::vector<ViewWrite> out;
  std::vector<SortItem> items;
  out.reserve(dirty_.size() + appended_.size());
  items.reserve(out.capacity());
  for (auto* entry : dirty_) {
    const Slot& s = entry->value;
    if (s.doc != nullptr && s.exists) {
      Add(out, items, {entry->key(), {}, false, s.doc.get()});
    } else {
      Add(out, items, {entry->key(), s.text, !s.exists});
    }
  }
  // Appended values come last so that, where a key was also cleared (a case
  // being rebuilt), the value wins.
  for (const auto& [key, value] : appended_) Add(out, items, {key, value});
  return SortedUnique(out, items);
}

void ViewTxn::MarkCommitted() {
  for (auto* entry : dirty_) entry->value.dirty = false;
  dirty_.clear();
  appended_.clear();
  text_.Clear();
  ++generation_;
  // Keep what was read in the last few commit windows: the cases still open.
  if (slots_.size() > kMaxCachedSlots) {
    slots_.Clear();
    holds_all_ = false;
    return;
  }
  if (slots_.EraseIf([&](const Entry& entry) { return entry.value.used + kKeptWindows < generation_; }) > 0) {
    holds_all_ = false;
  }
}

}  // namespace lawtrail::projectors

// File: projectors/view_txn.h
// -----------------------------------------------------------------------------
// A projector's window onto its view: reads see the view as the records folded
// so far have left it, writes wait in memory until the runner commits them
// with the cursor. The window also caches what it read across commits — a
// case's documents are touched again and again over the weeks the case runs,
// and re-reading and re-parsing them per record is what made folding slow.
//
// Keys are either plain text values (Put/Get) or documents, never both: a
// document is parsed once when first touched and printed once per commit in
// which it changed. A view's busy documents are typed structs (ViewDoc); the
// rest can be generic JSON (EditDoc and friends, a JsonDoc underneath).
#ifndef LAWTRAIL_PROJECTORS_VIEW_TXN_H_
#define LAWTRAIL_PROJECTORS_VIEW_TXN_H_

#include <concepts>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <typeinfo>
#include <vector>

#include <nlohmann/json.hpp>
#include <rocksdb/db.h>

#include "ledger/core/status.h"
#include "projectors/internal/keyed_slots.h"
#include "projectors/internal/text_arena.h"

namespace lawtrail::projectors {

// A document a view keeps at one key, as the projector that owns the key
// shapes it. A type T of document also has
//   static Result<T> Parse(std::string_view text, std::string_view key);
// reading back what Print wrote.
class ViewDoc {
 public:
  virtual ~ViewDoc() = default;
  // Appends the document as canonical JSON (json_writer.h).
  virtual void Print(std::string& out) const = 0;
  // A document touched but never given a value: not written at commit.
  virtual bool Empty() const { return false; }
};

template <typename T>
concept ViewDocument = std::derived_from<T, ViewDoc> && std::is_final_v<T> && std::copy_constructible<T> &&
    requires(std::string_view text) {
  { T::Parse(text, text) } -> std::same_as<Result<T>>;
};

// A generic JSON document, for the views' few and rarely touched keys.
struct JsonDoc final : ViewDoc {
  nlohmann::json value;
  static Result<JsonDoc> Parse(std::string_view text, std::string_view key);
  void Print(std::string& out) const override { out += value.dump(); }
  bool Empty() const override { return value.is_null(); }
};

// One write of a commit: a value, a document to print as the value, or a
// deletion. Documents are printed as they are written, so a commit never
// holds them all printed at once; a document never given a value is no write.
struct ViewWrite {
  std::string_view key;
  std::string_view value;
  bool erase = false;
  const ViewDoc* doc = nullptr;
  bool Skipped() const { return doc != nullptr && doc->Empty(); }
  // The value to write: `value`, or `doc` printed into `scratch`.
  std::string_view Value(std::string& scratch) const;
};

class ViewTxn {
 public:
  ViewTxn(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf) : db_(db), cf_(cf) {}

  void Put(std::string_view key, std::string value);
  // A write-only value: a key this projector writes once and never reads or
  // writes again (a version kept for history). It skips the cache.
  void Append(std::string_view key, std::string_view value);
  void Append(std::string_view key, const ViewDoc& doc);
  void Delete(std::string_view key);
  // The value at `key`, or null if there is none. Valid until the next write
  // to `key` or the next commit.
  Result<const std::string*> Find(std::string_view key);
  Result<std::optional<std::string>> Get(std::string_view key);

  // The typed document at `key` to change in place, or null if there is none.
  // Valid until the next commit.
  template <ViewDocument T>
  Result<T*> Edit(std::string_view key);
  // The typed document at `key` for reading, or null if there is none.
  template <ViewDocument T>
  Result<const T*> Peek(std::string_view key);
  // Sets the document at `key`; returns it, to change further until the next commit.
  template <ViewDocument T>
  T& Store(std::string_view key, T doc);
  // The typed document at `key` to change in place, a new default one if
  // there is none.
  template <ViewDocument T>
  Result<T*> EditOrCreate(std::string_view key);

  // The document at `key` will seldom change again (its case is closed): it
  // is kept as its printed text from now on, the memory of its struct going
  // to the documents still changing, and parsed back if touched again. A
  // rebuild holds every case's documents until it commits; held as structs,
  // most of its time went to the kernel handing it fresh memory.
  void Settle(std::string_view key);

  // The JSON document at `key` to change in place (null if absent; assigning
  // to it creates the key). Valid until the next commit.
  Result<nlohmann::json*> EditDoc(std::string_view key);
  // The document at `key` for reading; a null document if absent.
  Result<const nlohmann::json*> PeekDoc(std::string_view key);
  Result<nlohmann::json> LoadDoc(std::string_view key);
  void StoreDoc(std::string_view key, nlohmann::json doc);

  // The view is empty (nothing committed yet): until the cache lets an entry
  // go, a key it does not hold is known to be absent, and is not looked up.
  void StartEmpty() { holds_all_ = true; }

  // While set, writes to keys it refuses are dropped (rebuilding one case
  // must not add that case to the aggregates a second time).
  void RestrictWrites(std::function<bool(std::string_view)> allowed) { allowed_ = std::move(allowed); }

  // For the runner. The pending writes in key order; valid until MarkCommitted.
  std::vector<ViewWrite> PendingWrites();
  // The pending writes are durable in the view: they become the cached state,
  // and cached entries not read in the last few windows are let go.
  void MarkCommitted();

 private:
  struct Slot {
    bool exists = false;
    bool dirty = false;
    uint64_t used = 0;             // the commit generation that last read it
    std::string text;              // the value, or the text of a document not yet parsed
    std::unique_ptr<ViewDoc> doc;  // set once the key is used as a document
  };
  using Entry = KeyedSlots<Slot>::Entry;
  Result<Entry*> Load(std::string_view key);
  // Loads `key` as a document of type T (parsing its text the first time).
  template <ViewDocument T>
  Result<Entry*> LoadAs(std::string_view key);
  Slot& Touch(std::string_view key);
  Slot& MarkDirty(Entry& entry);
  bool Allowed(std::string_view key) const { return !allowed_ || allowed_(key); }

  rocksdb::DB* db_;
  rocksdb::ColumnFamilyHandle* cf_;
  KeyedSlots<Slot> slots_;
  std::vector<Entry*> dirty_;  // entries of slots_ (they stay put)
  TextArena text_;             // appended keys and values
  std::vector<std::pair<std::string_view, std::string_view>> appended_;
  std::string scratch_text_;  // where a document is printed before its text is copied
  uint64_t generation_ = 1;
  bool holds_all_ = false;  // every key of the view is in slots_
  std::function<bool(std::string_view)> allowed_;
  nlohmann::json scratch_json_;       // where refused JSON edits go
  std::unique_ptr<ViewDoc> scratch_;  // where refused typed edits go
};

template <ViewDocument T>
Result<ViewTxn::Entry*> ViewTxn::LoadAs(std::string_view key) {
  LAWTRAIL_ASSIGN_OR_RETURN(Entry * e, Load(key));
  Slot& s = e->value;
  if (s.doc != nullptr) {
    const ViewDoc& held = *s.doc;
    if (typeid(held) != typeid(T)) {
      return Status::Internal("view key '" + std::string(key) + "' holds another kind of document");
    }
  } else if (s.exists) {
    LAWTRAIL_ASSIGN_OR_RETURN(T parsed, T::Parse(s.text, key));
    s.doc = std::make_unique<T>(std::move(parsed));
    std::string().swap(s.text);
  }
  return e;
}

template <ViewDocument T>
Result<const T*> ViewTxn::Peek(std::string_view key) {
  LAWTRAIL_ASSIGN_OR_RETURN(Entry * e, LoadAs<T>(key));
  return e->value.exists ? static_cast<const T*>(e->value.doc.get()) : nullptr;
}

template <ViewDocument T>
Result<T*> ViewTxn::Edit(std::string_view key) {
  LAWTRAIL_ASSIGN_OR_RETURN(Entry * e, LoadAs<T>(key));
  if (!e->value.exists) return nullptr;
  T* doc = static_cast<T*>(e->value.doc.get());
  if (!Allowed(key)) {
    scratch_ = std::make_unique<T>(*doc);
    return static_cast<T*>(scratch_.get());
  }
  MarkDirty(*e);
  return doc;
}

template <ViewDocument T>
Result<T*> ViewTxn::EditOrCreate(std::string_view key) {
  LAWTRAIL_ASSIGN_OR_RETURN(T * doc, Edit<T>(key));
  return doc != nullptr ? doc : &Store(key, T());
}

template <ViewDocument T>
T& ViewTxn::Store(std::string_view key, T doc) {
  if (!Allowed(key)) {
    scratch_ = std::make_unique<T>(std::move(doc));
    return static_cast<T&>(*scratch_);
  }
  Slot& s = Touch(key);
  s.exists = true;
  s.text.clear();
  s.doc = std::make_unique<T>(std::move(doc));
  return static_cast<T&>(*s.doc);
}

}  // namespace lawtrail::projectors

#endif  // LAWTRAIL_PROJECTORS_VIEW_TXN_H_

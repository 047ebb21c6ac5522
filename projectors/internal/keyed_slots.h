// File: projectors/internal/keyed_slots.h
// -----------------------------------------------------------------------------
// The cache behind a view's window: values of type V by text key, with each
// entry's key stored inside the entry and a flat open-addressing index
// (tsl::robin_set) of entry pointers that keeps part of each key's hash.
//
// A rebuild looks a case's documents up several times per record among
// hundreds of thousands of keys, so each lookup is a cache miss or several.
// std::unordered_map chained a bucket to a node and the node to its key's
// heap copy; here the index rejects other keys by their stored hash, and the
// one entry it reaches holds both the key and the value the caller wants next.
// Entries never move (the window keeps pointers to the ones it changed).
#ifndef LAWTRAIL_PROJECTORS_INTERNAL_KEYED_SLOTS_H_
#define LAWTRAIL_PROJECTORS_INTERNAL_KEYED_SLOTS_H_

#include <cstdint>
#include <cstring>
#include <functional>
#include <new>
#include <string_view>
#include <vector>

#include <tsl/robin_set.h>

namespace lawtrail::projectors {

template <typename V>
class KeyedSlots {
 public:
  class Entry {
   public:
    V value;
    std::string_view key() const { return {reinterpret_cast<const char*>(this + 1), key_size_}; }

   private:
    friend class KeyedSlots;
    explicit Entry(uint32_t key_size) : key_size_(key_size) {}
    uint32_t key_size_;
  };

  KeyedSlots() = default;
  KeyedSlots(const KeyedSlots&) = delete;
  KeyedSlots& operator=(const KeyedSlots&) = delete;
  ~KeyedSlots() { Clear(); }

  // The entry at `key`, or null.
  Entry* Find(std::string_view key) const {
    auto it = index_.find(key, Hash{}(key));
    return it == index_.end() ? nullptr : *it;
  }
  // The entry at `key`, a new one holding V() if there was none.
  Entry* FindOrAdd(std::string_view key) {
    const size_t hash = Hash{}(key);
    auto it = index_.find(key, hash);
    if (it != index_.end()) return *it;
    Entry* e = NewEntry(key);
    index_.insert(e);
    return e;
  }
  // Drops every entry `drop` is true of; returns how many.
  template <typename Pred>
  size_t EraseIf(Pred drop) {
    size_t erased = 0;
    for (auto it = index_.begin(); it != index_.end();) {
      Entry* e = *it;
      if (drop(*e)) {
        it = index_.erase(it);
        FreeEntry(e);
        ++erased;
      } else {
        ++it;
      }
    }
    return erased;
  }
  void Clear() {
    for (Entry* e : index_) FreeEntry(e);
    index_.clear();
  }
  size_t size() const { return index_.size(); }

 private:
  // Hashes a key, and an entry by its key, so the index can be asked by text.
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view key) const { return std::hash<std::string_view>()(key); }
    size_t operator()(const Entry* e) const { return (*this)(e->key()); }
  };
  struct Equal {
    using is_transparent = void;
    static std::string_view Key(std::string_view key) { return key; }
    static std::string_view Key(const Entry* e) { return e->key(); }
    template <typename A, typename B>
    bool operator()(const A& a, const B& b) const {
      return Key(a) == Key(b);
    }
  };

  static Entry* NewEntry(std::string_view key) {
    void* memory = ::operator new(sizeof(Entry) + key.size());
    Entry* e = new (memory) Entry(static_cast<uint32_t>(key.size()));
    std::memcpy(reinterpret_cast<char*>(e + 1), key.data(), key.size());
    return e;
  }
  static void FreeEntry(Entry* e) {
    e->~Entry();
    ::operator delete(static_cast<void*>(e));
  }

  // StoreHash: a probe compares stored hashes before it touches an entry.
  tsl::robin_set<Entry*, Hash, Equal, std::allocator<Entry*>, true> index_;
};

}  // namespace lawtrail::projectors

#endif  // LAWTRAIL_PROJECTORS_INTERNAL_KEYED_SLOTS_H_

// File: projectors/internal/text_arena.h
// -----------------------------------------------------------------------------
// Where a commit window's printed values wait for the commit: copied one after
// another into large chunks that never move, so the views handed out stay
// valid until Clear. A rebuild prints hundreds of megabytes per window; one
// growing string copied all of it at every doubling and touched twice the
// memory, and one string per value cost an allocation each.
#ifndef LAWTRAIL_PROJECTORS_INTERNAL_TEXT_ARENA_H_
#define LAWTRAIL_PROJECTORS_INTERNAL_TEXT_ARENA_H_

#include <memory>
#include <string_view>
#include <vector>

namespace lawtrail::projectors {

class TextArena {
 public:
  // A copy of `text`, valid until Clear.
  std::string_view Add(std::string_view text);
  // Lets every chunk go but the first.
  void Clear();

 private:
  static constexpr size_t kChunk = 4 << 20;
  struct Chunk {
    std::unique_ptr<char[]> data;
    size_t size = 0, used = 0;
  };
  std::vector<Chunk> chunks_;
};

}  // namespace lawtrail::projectors

#endif  // LAWTRAIL_PROJECTORS_INTERNAL_TEXT_ARENA_H_

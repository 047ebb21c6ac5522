#include "projectors/internal/text_arena.h"

#include <algorithm>
#include <cstring>

namespace lawtrail::projectors {

std::string_view TextArena::Add(std::string_view text) {
  if (chunks_.empty() || chunks_.back().size - chunks_.back().used < text.size()) {
    const size_t size = std::max(kChunk, text.size());
    chunks_.push_back({std::make_unique_for_overwrite<char[]>(size), size, 0});
  }
  Chunk& c = chunks_.back();
  char* at = c.data.get() + c.used;
  if (!text.empty()) std::memcpy(at, text.data(), text.size());
  c.used += text.size();
  return {at, text.size()};
}

void TextArena::Clear() {
  if (chunks_.size() > 1) chunks_.resize(1);
  if (!chunks_.empty()) chunks_.front().used = 0;
}

}  // namespace lawtrail::projectors

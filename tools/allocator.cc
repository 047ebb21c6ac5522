// The memory allocator of lawtrail's programs: jemalloc, asked to back its
// memory with transparent huge pages and to keep what is freed for reuse
// rather than hand it back to the system (as glibc's allocator does).
//
// Folding the log into views builds millions of small documents and strings
// and frees them in bulk; with glibc's allocator a rebuild spent a third of its
// time in malloc, free and page faults, and memory handed back mid-rebuild was
// faulted in and zeroed again (docs/performance.md, run K). jemalloc
// reads this variable when the program starts; the environment's MALLOC_CONF
// still overrides it.
extern "C" {
// NOLINTNEXTLINE: the name and type are jemalloc's interface.
const char* malloc_conf = "thp:always,metadata_thp:always,dirty_decay_ms:-1,muzzy_decay_ms:-1";
}

#include "tools/allocator.h"

#include <cstdio>

#include <jemalloc/jemalloc.h>

namespace lawtrail {

void ReleaseFreeMemory() {
  // Every arena's unused pages, dirty and muzzy, back to the system.
  char name[64];
  std::snprintf(name, sizeof name, "arena.%u.purge", static_cast<unsigned>(MALLCTL_ARENAS_ALL));
  mallctl(name, nullptr, nullptr, nullptr, 0);
}

}  // namespace lawtrail

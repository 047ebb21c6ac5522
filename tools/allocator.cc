// The memory allocator of lawtrail's programs: jemalloc, asked to back its
// memory with transparent huge pages.
//
// Folding the log into views builds millions of small documents and strings
// and frees them in bulk; with glibc's allocator a rebuild spent a third of its
// time in malloc, free and page faults (docs/performance.md, run K). jemalloc
// reads this variable when the program starts; the environment's MALLOC_CONF
// still overrides it.
extern "C" {
// NOLINTNEXTLINE: the name and type are jemalloc's interface.
const char* malloc_conf = "thp:always,metadata_thp:always";
}

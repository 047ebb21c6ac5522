// File: tools/allocator.h
// -----------------------------------------------------------------------------
// The programs' allocator (allocator.cc says which and why), and the one call
// the server makes on it.
#ifndef LAWTRAIL_TOOLS_ALLOCATOR_H_
#define LAWTRAIL_TOOLS_ALLOCATOR_H_

namespace lawtrail {

// Hands the memory the allocator holds free back to the system now. The
// allocator otherwise keeps it for reuse (folding views frees and allocates
// in bulk), so a server that took one 16 MiB body would keep 16 MiB for good.
void ReleaseFreeMemory();

}  // namespace lawtrail

#endif  // LAWTRAIL_TOOLS_ALLOCATOR_H_

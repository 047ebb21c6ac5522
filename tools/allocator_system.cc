// The system allocator, for sanitizer builds (the sanitizer owns malloc).
#include <malloc.h>

#include "tools/allocator.h"

namespace lawtrail {

void ReleaseFreeMemory() { malloc_trim(0); }

}  // namespace lawtrail

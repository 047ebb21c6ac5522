// Must NOT compile under clang's -Wthread-safety -Werror (tests/ledger/CMakeLists.txt):
// the proof that the lock annotations of ledger/core/mutex.h are checked, not
// just written. The same file with the MutexLock line kept must compile
// (LAWTRAIL_LOCK_HELD defined), so the failure is the missing lock alone.
#include "ledger/core/mutex.h"

namespace {

class Counter {
 public:
  int Read() {
#ifdef LAWTRAIL_LOCK_HELD
    lawtrail::MutexLock lock(mu_);
#endif
    return value_;
  }

 private:
  lawtrail::Mutex mu_;
  int value_ LAWTRAIL_GUARDED_BY(mu_) = 0;
};

}  // namespace

int main() { return Counter().Read(); }

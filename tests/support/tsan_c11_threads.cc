// ThreadSanitizer and C11 threads, for tools/tsan.sh (LD_PRELOAD).
//
// Debian's librdkafka uses C11 threads: thrd_create, mtx_lock, cnd_wait...
// glibc 2.36 implements each by calling its internal pthread function
// directly, past the exported symbol that TSan intercepts, and GCC 12's TSan
// has no C11 interceptors. So TSan never sets librdkafka's threads up (the
// first malloc on one crashes the process), never sees them joined (a new
// thread reusing a joined one's id is "dup thread"), and never sees the locks
// that order librdkafka's threads with ours (a message it hands over is
// "raced"). Preloaded, these functions do the same through the exported
// pthread functions, which TSan sees. glibc's C11 types are laid out as the
// pthread ones they wrap (threads.h: "union { char __size[__SIZEOF_PTHREAD_
// MUTEX_T]; ...}"), which is what glibc itself relies on.
//
// Built without sanitizers: it is also loaded into the uninstrumented
// programs the tests run (ctest, sh, kcat), where it changes nothing.
#include <cerrno>
#include <cstdint>
#include <ctime>
#include <new>

#include <pthread.h>

namespace {

// glibc's C11 thread types and results (threads.h is C-only).
using thrd_start_t = int (*)(void*);
enum : int { kSuccess = 0, kBusy = 1, kError = 2, kNomem = 3, kTimedout = 4 };
enum : int { kMutexRecursive = 1 };  // mtx_recursive

int Result(int pthread_error) {
  switch (pthread_error) {
    case 0: return kSuccess;
    case EBUSY: return kBusy;
    case ETIMEDOUT: return kTimedout;
    case ENOMEM:
    case EAGAIN: return kNomem;
    default: return kError;
  }
}

struct Start {
  thrd_start_t function;
  void* argument;
};

void* Trampoline(void* raw) {
  const Start start = *static_cast<Start*>(raw);
  delete static_cast<Start*>(raw);
  return reinterpret_cast<void*>(static_cast<intptr_t>(start.function(start.argument)));
}

}  // namespace

extern "C" {

int thrd_create(pthread_t* thread, thrd_start_t function, void* argument) {
  auto* start = new (std::nothrow) Start{function, argument};
  if (start == nullptr) return kNomem;
  const int error = pthread_create(thread, nullptr, Trampoline, start);
  if (error != 0) delete start;
  return Result(error);
}

int thrd_join(pthread_t thread, int* result) {
  void* value = nullptr;
  const int error = pthread_join(thread, &value);
  if (error == 0 && result != nullptr) *result = static_cast<int>(reinterpret_cast<intptr_t>(value));
  return Result(error);
}

int thrd_detach(pthread_t thread) { return Result(pthread_detach(thread)); }

int mtx_init(pthread_mutex_t* mutex, int type) {
  pthread_mutexattr_t attributes;
  pthread_mutexattr_init(&attributes);
  if (type & kMutexRecursive) pthread_mutexattr_settype(&attributes, PTHREAD_MUTEX_RECURSIVE);
  const int error = pthread_mutex_init(mutex, &attributes);
  pthread_mutexattr_destroy(&attributes);
  return Result(error);
}
int mtx_lock(pthread_mutex_t* mutex) { return Result(pthread_mutex_lock(mutex)); }
int mtx_trylock(pthread_mutex_t* mutex) { return Result(pthread_mutex_trylock(mutex)); }
int mtx_timedlock(pthread_mutex_t* mutex, const timespec* until) {
  return Result(pthread_mutex_timedlock(mutex, until));
}
int mtx_unlock(pthread_mutex_t* mutex) { return Result(pthread_mutex_unlock(mutex)); }
void mtx_destroy(pthread_mutex_t* mutex) { pthread_mutex_destroy(mutex); }

int cnd_init(pthread_cond_t* cond) { return Result(pthread_cond_init(cond, nullptr)); }
int cnd_signal(pthread_cond_t* cond) { return Result(pthread_cond_signal(cond)); }
int cnd_broadcast(pthread_cond_t* cond) { return Result(pthread_cond_broadcast(cond)); }
int cnd_wait(pthread_cond_t* cond, pthread_mutex_t* mutex) { return Result(pthread_cond_wait(cond, mutex)); }
int cnd_timedwait(pthread_cond_t* cond, pthread_mutex_t* mutex, const timespec* until) {
  return Result(pthread_cond_timedwait(cond, mutex, until));
}
void cnd_destroy(pthread_cond_t* cond) { pthread_cond_destroy(cond); }

void call_once(pthread_once_t* flag, void (*function)()) { pthread_once(flag, function); }

}  // extern "C"

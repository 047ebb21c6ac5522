// File: ledger/core/internal/thread_annotations.h
// -----------------------------------------------------------------------------
// Clang's thread-safety annotations, so that the compiler checks which lock
// guards which state (clang -Wthread-safety; the sanitizer build in
// tools/test.sh makes every finding an error). Other compilers ignore them.
// Used with the annotated locks of ledger/core/mutex.h: libstdc++'s own carry none.
//
// Example:
//   Mutex mu_;
//   std::deque<Task> tasks_ LAWTRAIL_GUARDED_BY(mu_);
//   void Drain() LAWTRAIL_REQUIRES(mu_);
#ifndef LAWTRAIL_LEDGER_CORE_INTERNAL_THREAD_ANNOTATIONS_H_
#define LAWTRAIL_LEDGER_CORE_INTERNAL_THREAD_ANNOTATIONS_H_

#if defined(__clang__)
#define LAWTRAIL_THREAD_ANNOTATION(x) __attribute__((x))
#else
#define LAWTRAIL_THREAD_ANNOTATION(x)
#endif

#define LAWTRAIL_CAPABILITY(x) LAWTRAIL_THREAD_ANNOTATION(capability(x))
#define LAWTRAIL_SCOPED_CAPABILITY LAWTRAIL_THREAD_ANNOTATION(scoped_lockable)
#define LAWTRAIL_GUARDED_BY(x) LAWTRAIL_THREAD_ANNOTATION(guarded_by(x))
#define LAWTRAIL_PT_GUARDED_BY(x) LAWTRAIL_THREAD_ANNOTATION(pt_guarded_by(x))
#define LAWTRAIL_REQUIRES(...) LAWTRAIL_THREAD_ANNOTATION(requires_capability(__VA_ARGS__))
#define LAWTRAIL_REQUIRES_SHARED(...) LAWTRAIL_THREAD_ANNOTATION(requires_shared_capability(__VA_ARGS__))
#define LAWTRAIL_ACQUIRE(...) LAWTRAIL_THREAD_ANNOTATION(acquire_capability(__VA_ARGS__))
#define LAWTRAIL_ACQUIRE_SHARED(...) LAWTRAIL_THREAD_ANNOTATION(acquire_shared_capability(__VA_ARGS__))
#define LAWTRAIL_RELEASE(...) LAWTRAIL_THREAD_ANNOTATION(release_capability(__VA_ARGS__))
#define LAWTRAIL_RELEASE_SHARED(...) LAWTRAIL_THREAD_ANNOTATION(release_shared_capability(__VA_ARGS__))
#define LAWTRAIL_RELEASE_GENERIC(...) LAWTRAIL_THREAD_ANNOTATION(release_generic_capability(__VA_ARGS__))
#define LAWTRAIL_EXCLUDES(...) LAWTRAIL_THREAD_ANNOTATION(locks_excluded(__VA_ARGS__))
#define LAWTRAIL_NO_THREAD_SAFETY_ANALYSIS LAWTRAIL_THREAD_ANNOTATION(no_thread_safety_analysis)

#endif  // LAWTRAIL_LEDGER_CORE_INTERNAL_THREAD_ANNOTATIONS_H_

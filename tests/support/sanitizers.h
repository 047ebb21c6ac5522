#ifndef LAWTRAIL_TESTS_SUPPORT_SANITIZERS_H_
#define LAWTRAIL_TESTS_SUPPORT_SANITIZERS_H_

// GCC defines __SANITIZE_ADDRESS__ and __SANITIZE_THREAD__; clang says the
// same through __has_feature.
#if defined(__SANITIZE_ADDRESS__)
#define LAWTRAIL_TESTS_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define LAWTRAIL_TESTS_ASAN 1
#endif
#endif
#if defined(__SANITIZE_THREAD__)
#define LAWTRAIL_TESTS_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define LAWTRAIL_TESTS_TSAN 1
#endif
#endif

namespace lawtrail::testing {

// True when this build runs under AddressSanitizer or ThreadSanitizer. They own
// the heap and keep freed memory in quarantine, so a process's resident set
// says nothing about what lawtrail keeps: memory-bound checks run in the
// normal build only (the sanitized build still runs everything else in them).
inline constexpr bool kHeapIsSanitized =
#if defined(LAWTRAIL_TESTS_ASAN) || defined(LAWTRAIL_TESTS_TSAN)
    true;
#else
    false;
#endif

// How many times slower than the normal build this one runs, roughly. Tests
// that pit a reader against a writer's pace scale the pace by it, so that
// the two keep the proportion the test means.
inline constexpr int kSanitizerSlowdown =
#if defined(LAWTRAIL_TESTS_TSAN)
    10;
#elif defined(LAWTRAIL_TESTS_ASAN)
    3;
#else
        1;
#endif

}  // namespace lawtrail::testing

#endif  // LAWTRAIL_TESTS_SUPPORT_SANITIZERS_H_

#!/usr/bin/env bash
# The test command (README, .ci/run): installs the packages, then
#   1. the normal build (RelWithDebInfo, warnings as errors, benchmarks
#      included) and the whole suite, fuzz corpora replays included;
#   2. the same suite built by clang with AddressSanitizer and
#      UndefinedBehaviorSanitizer (build-asan/, -O1, no benchmarks), where any
#      report fails the test. Clang also checks every lock annotation
#      (-Wthread-safety, ledger/core/mutex.h): reading state a lock guards
#      without holding it fails this build. Warnings are errors in both.
# Before building, every C++ file is checked against .clang-format.
# Prints ctest's summary of each and how long each part took.
#
#   tools/test.sh            both
#   tools/test.sh --no-asan  the normal build and suite only
set -euo pipefail
cd "$(dirname "$0")/.."
asan=1
[[ "${1:-}" == "--no-asan" ]] && asan=0

timings=()
part() {  # part NAME COMMAND...: runs it and remembers how long it took
  local name="$1" start=$SECONDS
  shift
  "$@"
  timings+=("$(printf '%-34s %5d s' "$name" $((SECONDS - start)))")
}

part "packages" tools/install-deps.sh
part "format check" tools/format.sh --check
part "configure" cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLAWTRAIL_WARNINGS_AS_ERRORS=ON
part "build" cmake --build build
part "tests" ctest --test-dir build --output-on-failure -j2

if (( asan )); then
  # A build folder configured by another compiler keeps it: start it again.
  if [[ -f build-asan/CMakeCache.txt ]] && ! grep -q '^CMAKE_CXX_COMPILER:.*clang' build-asan/CMakeCache.txt; then
    rm -rf build-asan
  fi
  part "configure (clang, ASan+UBSan)" env CXX=clang++-14 CC=clang-14 \
    cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -g1" \
    -DLAWTRAIL_SANITIZE=address,undefined -DLAWTRAIL_BUILD_BENCH=OFF -DLAWTRAIL_WARNINGS_AS_ERRORS=ON
  part "build (clang, ASan+UBSan)" cmake --build build-asan
  # Leaks are reported too; what Debian's uninstrumented libraries keep until
  # exit is listed in tools/lsan.supp.
  # No detect_stack_use_after_return: clang's fake stacks made the suite
  # several times slower (the GCC build never honoured the option).
  export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:strict_string_checks=1:check_initialization_order=1"
  export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
  export LSAN_OPTIONS="suppressions=$PWD/tools/lsan.supp:print_suppressions=0"
  part "tests (clang, ASan+UBSan)" ctest --test-dir build-asan --output-on-failure -j2
fi

echo
echo "time taken:"
printf '  %s\n' "${timings[@]}"

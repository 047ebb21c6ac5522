#!/usr/bin/env bash
# The concurrent tests under ThreadSanitizer (docs/reliability.md): the
# sequencer and log (appends from many threads, group commit, crash and
# reopen), the HTTP server, the projection runner, the follower and the relay.
#
#   tools/tsan.sh [ctest -R regex]
#
# Builds with g++ -fsanitize=thread in build-tsan/ and runs those tests there.
# Debian's RocksDB and librdkafka are not built with TSan, so what happens
# inside them is suppressed (tools/tsan.supp); everything in lawtrail is
# checked. Prints ctest's summary; exits non-zero on any report.
set -euo pipefail
cd "$(dirname "$0")/.."
tests="${1:-^(ledger\..*(append|concurren|reopen|read-only|replica|disk|SIGKILL)|api\.|projectors\..*(view|resume|rebuilt|fold)|kafka\.)}"
cmake -S . -B build-tsan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLAWTRAIL_SANITIZE=thread \
  -DLAWTRAIL_BUILD_BENCH=OFF > /dev/null
cmake --build build-tsan --target test_ledger test_api test_projectors test_kafka lawtrail lawtrail-verify-export \
  lawtrail_tsan_c11_threads
export TSAN_OPTIONS="suppressions=$PWD/tools/tsan.supp halt_on_error=1 second_deadlock_stack=1 history_size=4"
# librdkafka's C11 threads, started where TSan sees them (tests/support/tsan_c11_threads.cc).
export LD_PRELOAD="$PWD/build-tsan/tests/liblawtrail_tsan_c11_threads.so"
ctest --test-dir build-tsan -R "$tests" -E "browser|portal" --output-on-failure -j2

#!/usr/bin/env bash
# A fuzzing campaign over the harnesses of tests/fuzz (docs/reliability.md).
#
#   tools/fuzz.sh [--seconds N] [--merge] [--seeds] [HARNESS ...]
#
# Builds every harness with clang's libFuzzer, AddressSanitizer and
# UndefinedBehaviorSanitizer in build-fuzz/, then runs each (all of them when
# none is named) for N seconds (default 60) on a copy of its committed corpus,
# one after the other, and prints per harness: executions, executions per
# second, coverage (libFuzzer's cov: edges and ft: features) and corpus size.
# A crash or broken property stops that harness; its input is kept in
# build-fuzz/findings/<harness>/ and the script exits non-zero.
#   --merge   adds the inputs that reached new coverage to tests/fuzz/corpus
#             (minimised with -merge=1), for committing
#   --seeds   first writes the seed corpora again from a demo year
#             (fuzz_make_seeds), replacing tests/fuzz/corpus
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=60
merge=0
seeds=0
harnesses=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --merge) merge=1; shift ;;
    --seeds) seeds=1; shift ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) harnesses+=("$1"); shift ;;
  esac
done

# clang and its sanitizer and libFuzzer runtimes (Debian puts these in
# libclang-rt-14-dev, which clang only recommends).
missing=()
for p in clang-14 libclang-rt-14-dev; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

all=$(sed -n 's/^set(LAWTRAIL_FUZZ_HARNESSES \(.*\))$/\1/p' tests/fuzz/CMakeLists.txt)
[ "${#harnesses[@]}" -gt 0 ] || read -r -a harnesses <<< "$all"

if [ "$seeds" = 1 ]; then
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo > /dev/null
  cmake --build build --target fuzz_make_seeds
  rm -rf tests/fuzz/corpus
  build/tests/fuzz/fuzz_make_seeds tests/fuzz/corpus
fi

cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++-14 \
  -DLAWTRAIL_FUZZ=ON -DLAWTRAIL_SANITIZE=address,undefined -DLAWTRAIL_BUILD_BENCH=OFF > /dev/null
cmake --build build-fuzz --target $(printf 'fuzz_%s ' "${harnesses[@]}")

printf '| harness | seconds | executions | per second | cov | ft | corpus | result |\n|---|---:|---:|---:|---:|---:|---:|---|\n'
status=0
for h in "${harnesses[@]}"; do
  work="build-fuzz/campaign/$h"
  findings="build-fuzz/findings/$h"
  rm -rf "$work"
  mkdir -p "$work" "$findings"
  cp tests/fuzz/corpus/"$h"/* "$work"/ 2>/dev/null || true
  log="build-fuzz/campaign/$h.log"
  result=ok
  if ! ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
      build-fuzz/tests/fuzz/fuzz_"$h" -max_total_time="$seconds" -print_final_stats=1 -max_len=262144 \
      -artifact_prefix="$findings/" -timeout=20 -rss_limit_mb=4096 "$work" > "$log" 2>&1; then
    result="FAILED (build-fuzz/findings/$h, $log)"
    status=1
  fi
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  if [ "$merge" = 1 ] && [ "$result" = ok ]; then
    build-fuzz/tests/fuzz/fuzz_"$h" -merge=1 -max_len=262144 tests/fuzz/corpus/"$h" "$work" >> "$log" 2>&1
  fi
  printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$h" "$seconds" "${execs:-?}" "${rate:-?}" "${cov:-?}" \
    "${ft:-?}" "$(ls "$work" | wc -l)" "$result"
done
exit $status

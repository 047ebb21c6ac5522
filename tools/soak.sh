#!/usr/bin/env bash
# The fault-injection soak (docs/reliability.md), bounded in time.
#
#   tools/soak.sh [--rounds N] [--writers W] [--seed S]   kills (default 40 rounds)
#   tools/soak.sh --disk [--rounds N]                      a failing disk (default 10 rounds per fault)
#
# Kills: `lawtrail serve` (API, portal, projectors), `lawtrail relay` to
# librdkafka's mock cluster (or LAWTRAIL_KAFKA_BROKERS) and `lawtrail follow`
# run while writers post signed statements over HTTP and a reader reads; each
# round one of the three is killed with SIGKILL at a random moment and started
# again. At the end every acknowledged statement must be in the log exactly
# once, the mirror equal the primary, the views equal a rebuild and `verify`
# pass on both (tests/soak/soak_main.cc).
# Disk: RocksDB's file system fails every write, or every sync, while two
# writers append; the log must refuse work, acknowledge nothing unpersisted,
# and reopen with every acknowledged statement once (tests/ledger/disk_fault_test.cc).
# Uses the normal build in build/ (building what it needs). Prints the table
# of figures; exits non-zero when a check fails.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=kill
rounds=""
writers=2
seed=$RANDOM
while [ $# -gt 0 ]; do
  case "$1" in
    --disk) mode=disk; shift ;;
    --rounds) rounds="$2"; shift 2 ;;
    --writers) writers="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "soak.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done

[ -f build/build.ninja ] || cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo > /dev/null
if [ "$mode" = kill ]; then
  cmake --build build --target lawtrail lawtrail_soak
  build/tests/soak/lawtrail_soak --lawtrail build/tools/lawtrail --work build/soak-work \
    --rounds "${rounds:-40}" --writers "$writers" --seed "$seed"
else
  cmake --build build --target test_ledger
  echo "| fault | rounds | statements acknowledged | refused | I/O calls failed | outcome |"
  echo "|---|---:|---:|---:|---:|---|"
  LAWTRAIL_DISK_ROUNDS="${rounds:-10}" build/tests/ledger/test_ledger "[disk]" | grep '^|'
  exit "${PIPESTATUS[0]}"
fi

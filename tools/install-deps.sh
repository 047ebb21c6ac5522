#!/usr/bin/env bash
# Installs the Debian packages lawtrail needs to build, test and run.
# Idempotent and non-interactive; run as root on Debian 12 (bookworm).
set -euo pipefail

packages=(
  cmake ninja-build g++ pkg-config
  clang-14 libclang-rt-14-dev clang-format-14
  librocksdb-dev rocksdb-tools
  libflatbuffers-dev flatbuffers-compiler
  libsodium-dev libssl-dev openssl libjemalloc-dev robin-map-dev
  libboost-dev
  librdkafka-dev kcat
  nlohmann-json3-dev libcli11-dev
  catch2
  chromium fonts-wqy-zenhei wrk
  golang-go golang-golang-x-mod-dev
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages are installed"
  exit 0
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"

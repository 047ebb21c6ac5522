#!/usr/bin/env bash
# Formats every C++ file of the project with .clang-format (clang-format-14).
#   tools/format.sh           rewrite the files in place
#   tools/format.sh --check   change nothing; name each file that differs and fail
# tools/test.sh runs the check before it builds anything.
set -euo pipefail
cd "$(dirname "$0")/.."
files=()
while IFS= read -r f; do files+=("$f"); done < <(
  find api bench ledger projectors schemas tests tools -name '*.cc' -o -name '*.h' | grep -v '^tests/fuzz/corpus/' | sort)
if [[ "${1:-}" == "--check" ]]; then
  clang-format-14 --dry-run -Werror "${files[@]}"
  echo "format: ${#files[@]} files as .clang-format writes them"
else
  clang-format-14 -i "${files[@]}"
fi

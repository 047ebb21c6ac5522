#!/usr/bin/env python3
"""No function outside tests and generated code is longer than 80 lines.

Scans the C++ of ledger/, projectors/, api/, tools/ and bench/ (run by ctest
from tests/tools/CMakeLists.txt with the source root as its argument): every
brace block opened at namespace level that is not a class, struct, enum,
union or an initialiser is a function; its length runs from the first line of
its declaration to its closing brace. Prints each one over the limit and
exits 1. Functions defined inside class bodies and lambdas are not measured."""
import os
import re
import sys

LIMIT = 80
ROOT = sys.argv[1] if len(sys.argv) > 1 else "."
FOLDERS = ("ledger", "projectors", "api", "tools", "bench")
NOT_A_FUNCTION = re.compile(r"\b(class|struct|enum|union)\b|=\s*$|=\s*\{|\[\]\s*=")


def strip(line):
    line = re.sub(r'"(\\.|[^"\\])*"', '""', line)
    line = re.sub(r"'(\\.|[^'\\])*'", "''", line)
    return line.split("//")[0]


def long_functions(path):
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    found, stack, start, head = [], [], None, ""
    for i, raw in enumerate(lines):
        line = strip(raw)
        for ch in line:
            if ch == "{":
                if start is None and all(kind == "ns" for kind in stack):
                    if re.match(r'\s*(namespace\b|extern "C")', line):
                        stack.append("ns")
                        continue
                    j = i
                    while j > 0 and lines[j - 1].strip() and not lines[j - 1].rstrip().endswith((";", "}", "{")) \
                            and not lines[j - 1].lstrip().startswith(("//", "#")):
                        j -= 1
                    start, head = j, " ".join(strip(x) for x in lines[j:i + 1])
                    stack.append("fn")
                    continue
                stack.append("block")
            elif ch == "}" and stack:
                if stack.pop() == "fn":
                    length = i - start + 1
                    declaration = head.split("{")[0]
                    if length > LIMIT and not NOT_A_FUNCTION.search(declaration):
                        found.append((length, start + 1, lines[start].strip()[:90]))
                    start = None
    return found


def main():
    problems = 0
    for folder in FOLDERS:
        for dirpath, _, names in os.walk(os.path.join(ROOT, folder)):
            for name in sorted(names):
                if not name.endswith((".cc", ".h")):
                    continue
                path = os.path.join(dirpath, name)
                for length, line, text in long_functions(path):
                    problems += 1
                    print(f"{os.path.relpath(path, ROOT)}:{line}: {length} lines: {text}")
    print(f"{problems} functions over {LIMIT} lines")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Every Catch2 test name can be run by ctest as it is written.

catch_discover_tests hands each TEST_CASE name to CMake, where ';' separates
list items: a name holding one is cut at it, ctest then runs a filter that
matches no test, and Catch reports success for running nothing — a test that
can never fail. (Commas are escaped by the discovery script; ';' is not.)
Scans tests/ (the source root is the argument); prints each such name and
exits 1."""
import os
import re
import sys

ROOT = sys.argv[1] if len(sys.argv) > 1 else "."
TEST_CASE = re.compile(r'TEST_CASE\(\s*((?:"(?:[^"\\]|\\.)*"\s*)+)')


def names(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    for m in TEST_CASE.finditer(text):
        yield "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(1))), text.count("\n", 0, m.start()) + 1


def main():
    bad = []
    for folder, _, files in os.walk(os.path.join(ROOT, "tests")):
        for name in sorted(files):
            if not name.endswith(".cc"):
                continue
            path = os.path.join(folder, name)
            for test, line in names(path):
                if ";" in test:
                    bad.append(f"{os.path.relpath(path, ROOT)}:{line}: {test}")
    for b in bad:
        print(b)
    if bad:
        print(f"{len(bad)} test names hold ';', which cuts them in two for ctest: the test would never run")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""The folders' include graph has no cycle, and the libraries the court's
verifier and a signing client link stay free of the log's database.

Run by ctest (tests/tools/CMakeLists.txt) from the source root; prints each
offending include and exits 1."""
import collections
import os
import re
import sys

ROOT = sys.argv[1] if len(sys.argv) > 1 else "."
TOP = ("ledger", "projectors", "api", "tools")

# What each library may include besides itself (everything else is refused).
ALLOWED = {
    "ledger/core": set(),
    "ledger/sha256_openssl": {"ledger/core"},
    "ledger/sha256_sodium": {"ledger/core"},
    "ledger/draw": {"ledger/core"},
    "ledger/domain": {"ledger/core", "ledger/draw"},
    "ledger/replay": {"ledger/core", "ledger/draw", "ledger/domain"},
    "ledger/casefile": {"ledger/core", "ledger/draw", "ledger/domain", "ledger/replay"},
    "ledger/bundle": {"ledger/core", "ledger/draw", "ledger/domain", "ledger/replay", "ledger/casefile"},
    "ledger/client": {"ledger/core", "ledger/draw", "ledger/domain"},
    "ledger/evidence": {"ledger/core"},
}


def folder(path):
    parts = path.split("/")
    return "/".join(parts[:2]) if parts[0] == "ledger" else parts[0]


def main():
    graph = collections.defaultdict(set)
    problems = []
    for top in TOP:
        for dirpath, _, names in os.walk(os.path.join(ROOT, top)):
            for name in names:
                if not name.endswith((".h", ".cc")):
                    continue
                path = os.path.relpath(os.path.join(dirpath, name), ROOT)
                with open(os.path.join(ROOT, path), encoding="utf-8") as f:
                    includes = re.findall(r'^#include "([^"]+)"', f.read(), re.M)
                for inc in includes:
                    if not inc.startswith(tuple(t + "/" for t in TOP)):
                        continue
                    a, b = folder(path), folder(inc)
                    if a == b:
                        continue
                    graph[a].add(b)
                    if a in ALLOWED and b not in ALLOWED[a]:
                        problems.append(f"{path} includes {inc}: {a} may include only {sorted(ALLOWED[a])}")
    state = {}

    def visit(node, trail):
        state[node] = "open"
        for nxt in sorted(graph[node]):
            if state.get(nxt) == "open":
                problems.append("include cycle: " + " -> ".join(trail + [nxt]))
            elif nxt not in state:
                visit(nxt, trail + [nxt])
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    for p in problems:
        print(p)
    print(f"{len(graph)} folders, {sum(len(v) for v in graph.values())} edges, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

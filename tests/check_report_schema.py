#!/usr/bin/env python3
"""Scans real corpora with the parallax binary and validates every report.json
against the contract's JSON Schema (../shared/schema/report.schema.json).

usage: check_report_schema.py PARALLAX SOURCE_DIR SHARED_DIR WORK_DIR
"""
import json
import os
import shutil
import subprocess
import sys

import jsonschema


def scan(parallax, inputs, out, cwd):
    proc = subprocess.run([parallax, "scan", *inputs, "--out", out, "--quiet"], cwd=cwd,
                          capture_output=True, text=True, timeout=300)
    if proc.returncode not in (0, 1):
        sys.exit(f"parallax scan {inputs} exited {proc.returncode}: {proc.stderr}")
    with open(os.path.join(out, "report.json"), encoding="utf-8") as f:
        return json.load(f), proc.returncode


def main():
    parallax, source_dir, shared_dir, work = sys.argv[1:5]
    with open(os.path.join(shared_dir, "schema", "report.schema.json"), encoding="utf-8") as f:
        schema = json.load(f)
    validator = jsonschema.Draft202012Validator(schema)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)

    # A corpus of bad files next to a good one, to put problems in the report.
    bad = os.path.join(work, "bad")
    os.makedirs(bad)
    files = {"good.txt": b"date 2023-01-27\nsource Test\n\nA good article.\n",
             "utf8.txt": b"bad \xff byte", "empty.txt": b"",
             "date.txt": b"date 2024-02-30\n\nBody.", "feed.jsonl": b"[1]\n{\"id\": \"x\"}\n"}
    for name, data in files.items():
        with open(os.path.join(bad, name), "wb") as f:
            f.write(data)

    corpora = [("bad", [bad], 1)]
    seeds = os.path.join(shared_dir, "corpus", "seeds")
    if os.path.isdir(seeds):
        corpora.append(("seeds", [seeds], 0))
    demo = os.path.join(source_dir, "corpus", "demo")
    if os.path.isdir(demo):
        corpora.append(("demo", [demo], 0))

    failures = 0
    for name, inputs, want_exit in corpora:
        report, code = scan(parallax, inputs, os.path.join(work, name), source_dir)
        errors = sorted(validator.iter_errors(report), key=lambda e: list(e.path))
        for error in errors:
            print(f"{name}: {'/'.join(map(str, error.path))}: {error.message}")
        if code != want_exit:
            print(f"{name}: exit status {code}, expected {want_exit}")
            failures += 1
        failures += len(errors)
        print(f"{name}: {len(report['articles'])} articles, {len(report['problems'])} problems, "
              f"{len(errors)} schema errors")
    if failures:
        sys.exit(f"{failures} failures")


if __name__ == "__main__":
    main()

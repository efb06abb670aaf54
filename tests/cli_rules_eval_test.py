#!/usr/bin/env python3
"""`kangfu rules eval` end to end: every conformance case through the real binary.

Usage: cli_rules_eval_test.py KANGFU_BINARY SHARED_DIR
Golden cases must print an answer document (exit 0) matching `expect` and `forms`; cases under
invalid/ must exit 2 with the offending field on stderr and nothing on stdout.
"""
import json
import pathlib
import subprocess
import sys

INVALID_FIELDS = {
    "bad-date": "measures[0].effective",
    "bad-term": "measures[0].term_months",
    "outcome-on-warning": "measures[0].outcome",
    "period-too-long": "measures[0].period_months",
    "unknown-action": "queries[0].action",
    "unknown-kind": "measures[0].kind",
}


def main():
    binary, shared = sys.argv[1], pathlib.Path(sys.argv[2]) / "conformance"
    failures, checked = [], 0
    for path in sorted(shared.glob("*.json")):
        case = json.loads(path.read_text(encoding="utf-8"))
        run = subprocess.run([binary, "rules", "eval", str(path)], capture_output=True, text=True)
        checked += 1
        if run.returncode != 0:
            failures.append(f"{path.name}: exit {run.returncode}: {run.stderr.strip()}")
            continue
        answer = json.loads(run.stdout)
        if answer["id"] != case["id"]:
            failures.append(f"{path.name}: id {answer['id']!r}")
        if "forms" in case and answer["forms"] != case["forms"]:
            failures.append(f"{path.name}: forms {answer['forms']} != {case['forms']}")
        for i, (query, got) in enumerate(zip(case["queries"], answer["answers"])):
            for key in ("verdict", "allowed_from", "because"):
                if got[key] != query["expect"][key]:
                    failures.append(f"{path.name} queries[{i}].{key}: {got[key]!r} != "
                                    f"{query['expect'][key]!r}")
        if len(answer["answers"]) != len(case["queries"]):
            failures.append(f"{path.name}: {len(answer['answers'])} answers")
    for path in sorted((shared / "invalid").glob("*.json")):
        run = subprocess.run([binary, "rules", "eval", str(path)], capture_output=True, text=True)
        checked += 1
        field = INVALID_FIELDS.get(path.stem, "")
        if run.returncode != 2:
            failures.append(f"invalid/{path.name}: exit {run.returncode}, expected 2")
        elif run.stdout:
            failures.append(f"invalid/{path.name}: printed an answer")
        elif field and field not in run.stderr:
            failures.append(f"invalid/{path.name}: stderr does not name {field}: {run.stderr}")
        elif not any("\u4e00" <= ch <= "\u9fff" for ch in run.stderr):
            failures.append(f"invalid/{path.name}: message is not in Chinese: {run.stderr}")
    missing = subprocess.run([binary, "rules", "eval", "/nonexistent/case.json"],
                             capture_output=True, text=True)
    checked += 1
    if missing.returncode != 2 or "无法读取文件" not in missing.stderr:
        failures.append(f"missing file: exit {missing.returncode}: {missing.stderr}")
    for failure in failures:
        print("FAIL", failure)
    print(f"{checked - len(failures)} passed, {len(failures)} failed")
    return 1 if failures or checked < 36 else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Turn the VM runs of `make check` into TAP and a verdict.

report.py RUNDIR...   each RUNDIR holds one kernel's run: name, plan,
                      build.rc, build.log, vm.rc, results.log,
                      console.log, kmsg.log (any may be missing when an
                      earlier step failed).
Prints one TAP line per test case, per test group and per check of the
run (build, load, unload, kernel log, taint), the logs of any failed
run, the failed lines again, and a closing "N passed, N failed,
N skipped" line.  Exit status 1 when anything failed.
"""
import os
import re
import sys

BAD_LOG = re.compile(
    r"Oops|BUG:|WARNING:|general protection|refcount_t|list_del corruption|"
    r"blocked for more than|Kernel panic|UBSAN:|KASAN:|"
    # The debug kernel's checkers: kmemleak, lockdep, DEBUG_OBJECTS, RCU.
    r"unreferenced object|INFO: possible .*locking|DEBUG_LOCKS_WARN_ON|"
    r"INFO: trying to register non-static key|INFO: rcu_|ODEBUG:|"
    r"suspected memory leak|"
    # A leak detector that switched itself off checked nothing.
    r"kmemleak: Kernel memory leak detector disabled|kmemleak: Memory pool empty")
# Where a checker's report ends: a blank line, the next report, a trace end.
REPORT_END = re.compile(r"^\s*$|---\[ end trace|^(\[[ 0-9.]+\] )?=+$")
REPORT_MAX = 60
FAILURES_MAX = 12
# Out-of-tree (O) and unsigned (E) modules are expected; nothing else.
ALLOWED_TAINT = (1 << 12) | (1 << 13)
CASE = re.compile(r"^(ok|not ok) \d+(?: -)? ?(.*?)(?: # (SKIP|TODO)\b ?(.*))?$")
PLAN = re.compile(r"^1\.\.(\d+)(?:\s*#\s*SKIP\b ?(.*))?")


class Tap:
    def __init__(self):
        self.n = self.passed = self.failed = self.skipped = 0
        self.failures = []

    def emit(self, ok, name, skip=None, diag=None):
        self.n += 1
        line = "%s %d - %s" % ("ok" if ok else "not ok", self.n, name)
        if skip is not None:
            line += " # SKIP " + skip
            self.skipped += 1
        elif ok:
            self.passed += 1
        else:
            self.failed += 1
            self.failures.append(line)
        print(line)
        for d in diag or []:
            print("#   " + d)
        return ok


def read(path):
    try:
        with open(path, errors="replace") as f:
            return f.read().replace("\r", "")
    except OSError:
        return None


def plan_groups(path):
    groups = []
    for line in (read(path) or "").splitlines():
        words = line.split()
        if words and not words[0].startswith("#"):
            groups.append(words[0])
    return groups


def parse_results(text):
    """Split the results channel into harness records and groups."""
    records, groups, cur = [], {}, None
    for line in text.splitlines():
        if line.startswith("@@ group "):
            cur = line[9:].strip()
            groups[cur] = {"lines": [], "records": [], "ended": False}
        elif line.startswith("@@ endgroup "):
            if cur is not None:
                groups[cur]["ended"] = True
            cur = None
        elif line.startswith("@@ "):
            (groups[cur]["records"] if cur else records).append(line[3:])
        elif cur is not None:
            groups[cur]["lines"].append(line)
    return records, groups


def report_group(tap, kname, name, g, secs=None):
    planned, skip_all, cases = None, None, []
    for line in g["lines"]:
        m = PLAN.match(line)
        if m and planned is None:
            planned, skip_all = int(m.group(1)), m.group(2)
            continue
        m = CASE.match(line)
        if m:
            cases.append(m)
    problems = []
    exits = [r for r in g["records"] if r.startswith("exit ")]
    rc = int(exits[-1].split()[1]) if exits else None
    problems += [r for r in g["records"] if not r.startswith("exit ")]
    if not g["ended"]:
        problems.append("did not finish (VM crashed or timed out)")
    if skip_all is not None and planned == 0:
        if rc not in (4, 0):
            problems.append("skipped, but exit status %s" % rc)
        if problems:
            return tap.emit(False, "%s: %s" % (kname, name), diag=problems)
        return tap.emit(True, "%s: %s" % (kname, name), skip=skip_all)
    for m in cases:
        verdict, cname, directive, reason = m.groups()
        label = "%s: %s: %s" % (kname, name, cname)
        if directive == "SKIP":
            tap.emit(True, label, skip=reason or "skipped")
        else:
            tap.emit(verdict == "ok", label)
    failed = sum(1 for m in cases if m.group(1) == "not ok")
    if planned is None:
        problems.append("no KTAP plan line")
    elif planned != len(cases):
        problems.append("planned %d cases, reported %d" % (planned, len(cases)))
    if rc is None:
        problems.append("no exit status")
    elif rc == 0 and failed:
        problems.append("exit status 0 with %d failed cases" % failed)
    elif rc not in (0, 4) and not failed:
        problems.append("exit status %d with no failed case" % rc)
    # A failed case is counted on its own line; the run's logs are
    # still dumped for it.
    return tap.emit(not problems, "%s: %s (%d cases%s)" % (
        kname, name, len(cases), "" if secs is None else ", %s s" % secs),
        diag=problems) and not failed


def report_run(tap, rundir):
    kname = (read(os.path.join(rundir, "name")) or rundir).strip()
    ok = True
    build_rc = (read(os.path.join(rundir, "build.rc")) or "").strip()
    build_log = read(os.path.join(rundir, "build.log")) or ""
    if build_rc:
        warns = [l for l in build_log.splitlines()
                 if re.search(r"\bwarning:|\berror:", l)]
        label = (read(os.path.join(rundir, "build.label")) or
                 "build with W=1, no warnings").strip()
        ok &= tap.emit(build_rc == "0" and not warns, "%s: %s" % (kname, label),
                       diag=warns[:40] + ([] if build_rc == "0" else
                                          build_log.splitlines()[-40:]))
    vm_rc = read(os.path.join(rundir, "vm.rc"))
    if vm_rc is None:
        return ok
    vm_rc = vm_rc.strip()
    results = read(os.path.join(rundir, "results.log")) or ""
    records, groups = parse_results(results)
    ended = "end" in records
    ok &= tap.emit(vm_rc == "0" and ended, "%s: VM booted, ran the plan, powered off" % kname,
                   diag=[] if vm_rc == "0" and ended else
                   ["qemu exit status %s%s" % (vm_rc, " (timed out)" if vm_rc == "124" else ""),
                    "results channel %s" % ("complete" if ended else "incomplete")])
    loads = [r for r in records if r.startswith("load ")]
    bad = [r for r in loads if not r.startswith("load ok ")]
    ok &= tap.emit(bool(loads) and not bad, "%s: modules load (%s)" % (
        kname, " ".join(r.split()[2] for r in loads if r.startswith("load ok "))),
        diag=bad or ([] if loads else ["no module was loaded"]))
    elapsed = dict(r.split()[1:3] for r in records
                   if r.startswith("elapsed ") and len(r.split()) == 3)
    for name in plan_groups(os.path.join(rundir, "plan")):
        if name in groups:
            ok &= report_group(tap, kname, name, groups[name],
                               elapsed.get(name))
        else:
            ok &= tap.emit(False, "%s: %s" % (kname, name), diag=["did not run"])
    unloads = [r for r in records if r.startswith("unload ")]
    bad = [r for r in unloads if not r.startswith("unload ok ")]
    ok &= tap.emit(ended and not bad, "%s: every module unloads" % kname,
                   diag=bad or ([] if ended else ["the VM never got there"]))
    taint = [r for r in records if r.startswith("tainted ")]
    tval = int(taint[-1].split()[1]) if taint else None
    ok &= tap.emit(tval is not None and not (tval & ~ALLOWED_TAINT),
                   "%s: kernel taint only out-of-tree/unsigned" % kname,
                   diag=[] if tval is not None else ["no taint record"])
    logs = (read(os.path.join(rundir, "console.log")) or "") + \
        (read(os.path.join(rundir, "kmsg.log")) or "")
    badlines = sorted(set(l for l in logs.splitlines() if BAD_LOG.search(l)))
    ok &= tap.emit(not badlines and logs != "",
                   "%s: kernel log free of oops/BUG/WARNING/hung tasks%s" % (
                       kname, "/KASAN/lockdep/UBSAN/kmemleak/ODEBUG reports"
                       if "kmemleak" in logs else ""),
                   diag=(badlines[:40] + reports(logs)) if badlines else
                   ([] if logs else ["no kernel log"]))
    return ok


def reports(logs, limit=4):
    """The first few checker reports, each from its first line on."""
    lines, out, seen, i = logs.splitlines(), [], set(), 0
    while i < len(lines) and len(seen) < limit:
        m = BAD_LOG.search(lines[i])
        key = re.sub(r"^\[[ 0-9.]+\] |0x[0-9a-f]+", "", lines[i])
        if not m or key in seen:
            i += 1
            continue
        seen.add(key)
        out.append("---- report ----")
        j = i
        while j < len(lines) and j < i + REPORT_MAX:
            out.append(lines[j])
            j += 1
            if j < len(lines) and REPORT_END.search(lines[j]):
                break
        i = j
    return out


def dump_logs(rundir):
    for f in ("qemu.log", "console.log", "kmsg.log", "results.log"):
        text = read(os.path.join(rundir, f))
        if not text:
            continue
        lines = text.splitlines()
        print("# ---- %s/%s (last %d of %d lines) ----" %
              (rundir, f, min(len(lines), 400), len(lines)))
        for l in lines[-400:]:
            print("# " + l)


def main(argv):
    tap = Tap()
    print("TAP version 13")
    failed_runs = []
    for rundir in argv[1:]:
        if not report_run(tap, rundir):
            failed_runs.append(rundir)
    print("1..%d" % tap.n)
    for rundir in failed_runs:
        dump_logs(rundir)
    # Last, where a truncated CI log still shows them.
    for line in tap.failures[:FAILURES_MAX]:
        print("# failed: " + line)
    if len(tap.failures) > FAILURES_MAX:
        print("# failed: ... and %d more" % (len(tap.failures) - FAILURES_MAX))
    print("check: %d passed, %d failed, %d skipped" %
          (tap.passed, tap.failed, tap.skipped))
    return 1 if tap.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

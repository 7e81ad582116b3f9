#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Turn one benchmark VM run into results-<kernel>.md, .json and .png.

report-bench.py --results results.log --kernel KVER --short 6.12
                --out bench/results-6.12 [--kmsg kmsg.log]
                [--console console.log] [--command CMD]

Reads the "BENCH {json}" lines ocf_bench and cryptobench wrote to the
results channel, computes the issue's target ratios from this one run,
and writes the report.  Exit status 1 when a measurement failed its
verification or the kernel log shows a problem.
"""
import argparse
import datetime
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

BAD_LOG = re.compile(
    r"Oops|BUG:|WARNING:|general protection|refcount_t|list_del corruption|"
    r"blocked for more than|Kernel panic|UBSAN:|KASAN:")
BENCH = re.compile(r"BENCH (\{.*\})\s*$")


def read(path):
    try:
        with open(path, errors="replace") as f:
            return f.read().replace("\r", "")
    except (OSError, TypeError):
        return ""


def records(text):
    out = []
    for line in text.splitlines():
        m = BENCH.search(line)
        if m:
            try:
                out.append(json.loads(m.group(1)))
            except ValueError:
                pass
    return out


def groups(text):
    """Group name -> (status line, exit code) from the harness records."""
    res, cur = {}, None
    for line in text.splitlines():
        if line.startswith("@@ group "):
            cur = line[9:].strip()
            res[cur] = ["", None]
        elif cur and re.match(r"^(not )?ok 1 ", line):
            res[cur][0] = line
        elif cur and line.startswith("@@ exit "):
            res[cur][1] = line[8:].strip()
    return res


class Data:
    def __init__(self, recs):
        self.user = [r for r in recs if r.get("layer") == "user"]
        self.kern = [r for r in recs if r.get("layer") == "kernel"]
        # ocf_bench prints each OCF record before its Linux twin: tag
        # both with the OCF driver of that measurement.
        drv = None
        for r in self.kern:
            if r["path"] == "ocf":
                drv = r["driver"]
            r["run_driver"] = drv

    def u(self, path, alg, size, procs=1):
        for r in self.user:
            if (r["path"], r["alg"], r["size"], r["procs"]) == \
                    (path, alg, size, procs) and r["status"] == "ok" and \
                    r["ops_per_s"] > 0:
                return r
        return None

    def k(self, path, alg, size, inflight=1, driver="cryptosoft"):
        for r in self.kern:
            if (r["path"], r["alg"], r["size"], r["inflight"]) == \
                    (path, alg, size, inflight) and \
                    r["run_driver"] == driver and \
                    not r["errors"] and r["ops_per_s"] > 0:
                return r
        return None


def _kbest(self, path, alg, size):
    """The fastest clean measurement of a kernel path in this boot: the
    conservative reference when comparing across plan groups."""
    rs = [r for r in self.kern if (r["path"], r["alg"], r["size"]) ==
          (path, alg, size) and not r["errors"] and r["ops_per_s"] > 0]
    return max(rs, key=lambda r: r["mb_per_s"]) if rs else None


Data.kbest = _kbest


def ratio(a, b, key="ops_per_s"):
    if a is None or b is None or not b[key]:
        return None
    return a[key] / b[key]


def fmt(x):
    return "n/a" if x is None else "%.2fx" % x


def soft_only(r):
    """Did cryptosoft serve (nearly) all of @r's requests?  The bound is
    computed from the Linux API's software transform."""
    share = served_share(r) if r else None
    return share is None or share.get("cryptosoft", 0) >= 0.95


def secs(r):
    """Seconds per request of a measurement, or None."""
    return 1.0 / r["ops_per_s"] if r and r["ops_per_s"] else None


def bound(d, alg, size, peer_secs, calls=1):
    """The best ratio a userland path could reach against a peer taking
    @peer_secs per request if OCF and /dev/crypto cost nothing: one
    no-op ioctl per @calls requests plus the transform's own time in the
    kernel (the fastest Linux API measurement of this boot, taken in a
    kernel thread, so without the user FPU state save: a true upper
    bound)."""
    sys_t, x_t = secs(d.u("noop", "none", 0)), secs(d.kbest("linux", alg,
                                                             size))
    if sys_t is None or x_t is None or not peer_secs:
        return None
    return peer_secs / (sys_t / calls + x_t)


def pair_bound(d, alg, size, one):
    """When one process already ran mostly on a device, two can do no
    better than the device kept full (the multi-request run's rate, one
    process) or one process on the device and one on cryptosoft: the
    best of the two against one process.  None when cryptosoft served
    the single process (two CPUs then bound the ratio at 2)."""
    if one is None or soft_only(one) or not one["ops_per_s"]:
        return None
    full = d.u("cdev-multi", alg, size)
    soft = d.u("cdev@cryptosoft", alg, size)
    best = max(full["ops_per_s"] if full else 0,
               one["ops_per_s"] + (soft["ops_per_s"] if soft else 0))
    return best / one["ops_per_s"]


def targets(d):
    """The issue's targets, each as (name, measured, goal, met) plus the
    bound zero framework cost would reach where one applies."""
    t = []

    def add(name, value, goal, higher=True, limit=None):
        met = None if value is None else \
            (value >= goal if higher else value <= goal)
        t.append({"target": name, "measured": value, "goal": goal,
                  "higher_is_better": higher, "met": met, "bound": limit})

    noop = d.u("noop", "none", 0)
    for s in (16, 64, 256):
        add("null %d B: /dev/crypto vs no-op ioctl" % s,
            ratio(d.u("cdev", "null", s), noop), 0.7,
            limit=bound(d, "null", s, secs(noop)))
        afalg = d.u("afalg", "null", s)
        add("null %d B: /dev/crypto vs AF_ALG" % s,
            ratio(d.u("cdev", "null", s), afalg), 4.5,
            limit=bound(d, "null", s, secs(afalg)))
    for cdev in ("cdev", "cdev@cryptosoft"):
        if not any(r["path"] == cdev for r in d.user):
            continue
        for s in (16, 64, 256, 65536):
            afalg = d.u("afalg", "aes-128-cbc", s)
            mine = d.u(cdev, "aes-128-cbc", s)
            add("aes-128-cbc %s: %s vs AF_ALG%s" %
                ("64 KiB" if s == 65536 else "%d B" % s, cdev,
                 served_note(mine) if mine else ""),
                ratio(mine, afalg), 1.6 if s == 65536 else 3.0,
                limit=bound(d, "aes-128-cbc", s, secs(afalg))
                if soft_only(mine) else None)
        add("aes-128-cbc 64 KiB: %s vs in-kernel Linux API (best of "
            "this boot)" % cdev,
            ratio(d.u(cdev, "aes-128-cbc", 65536),
                  d.kbest("linux", "aes-128-cbc", 65536), "mb_per_s"), 0.95)
    for alg in ("aes-128-cbc", "null"):
        noop_t, x = secs(noop), secs(d.kbest("linux", alg, 64))
        add("%s 64 B: multi-request (16/call) vs single CIOCCRYPT" % alg,
            ratio(d.u("cdev-multi", alg, 64), d.u("cdev", alg, 64)), 3.0,
            limit=bound(d, alg, 64, noop_t + x, 16)
            if noop_t and x else None)
    for alg in ("aes-128-cbc", "null"):
        for s in (64, 65536):
            two, one = d.u("cdev", alg, s, 2), d.u("cdev", alg, s, 1)
            add("%s %d B: /dev/crypto 2 processes vs 1%s" %
                (alg, s, served_note(two) if two else ""),
                ratio(two, one), 1.7,
                limit=pair_bound(d, alg, s, one))
    for r in d.kern:
        if r["path"] == "ocf" and r["driver"] != "cryptosoft" and \
                r["inflight"] == 1:
            soft = d.k("ocf", r["alg"], r["size"])
            v = ratio(r, soft)
            t.append({"target": "in-kernel %s %d B: %s vs cryptosoft "
                      "(OCF req/s, 1 in flight)" % (r["alg"], r["size"],
                                                    r["driver"]),
                      "measured": v, "goal": None, "higher_is_better": True,
                      "met": None})
    algs = sorted({r["alg"] for r in d.kern})
    for alg in algs:
        for s, limit in ((64, 0.15), (1500, 0.03), (1504, 0.03)):
            o, l = d.k("ocf", alg, s), d.k("linux", alg, s)
            if o is None and l is None:
                continue
            r = ratio(o, l)
            add("in-kernel %s %d B: OCF overhead vs Linux API (1 in flight)"
                % (alg, s), None if r is None else 1 - r, limit, False)
    return t


def served_share(r):
    """Driver -> share of the requests it served in this measurement
    (from the framework's statistics), or None when not recorded."""
    served = r.get("served") or {}
    total = sum(served.values())
    if not total:
        return None
    return {k: v / total for k, v in served.items() if v}


def served_note(r):
    """' [driver NN%, ...]' unless cryptosoft served it all."""
    share = served_share(r)
    if share is None:
        drv = r.get("driver", "")
        return " [%s]" % drv if drv and drv != "cryptosoft" else ""
    if set(share) == {"cryptosoft"}:
        return ""
    return " [%s]" % ", ".join(
        "%s %.0f%%" % (k, 100 * v) for k, v in
        sorted(share.items(), key=lambda kv: -kv[1]) if v >= 0.01)


def md_user_table(d, alg, out):
    pinned = sorted({r["path"] for r in d.user if "@" in r["path"]})
    paths = [p for p in ["cdev", "cdev-multi", "cdev-async"] + pinned +
             ["afalg", "openssl"] if any(r["path"] == p and r["alg"] == alg
                                         for r in d.user)]
    sizes = sorted({r["size"] for r in d.user if r["alg"] == alg})
    if not sizes:
        return
    out.append("\n### %s (userland, requests/s, (MB/s), [share of the "
               "requests each OCF driver served, when not all "
               "cryptosoft])\n" % alg)
    hdr = ["bytes"]
    for p in paths:
        hdr += ["%s x1" % p, "%s x2" % p]
    out.append("| " + " | ".join(hdr) + " |")
    out.append("|" + "---:|" * len(hdr))
    for s in sizes:
        row = [str(s)]
        for p in paths:
            for n in (1, 2):
                r = next((r for r in d.user if (r["path"], r["alg"],
                          r["size"], r["procs"]) == (p, alg, s, n)), None)
                if r is None:
                    row.append("")
                elif r["status"] == "unavailable":
                    row.append("n/a")
                elif r["status"] != "ok":
                    row.append("FAILED")
                else:
                    row.append("%.0f (%.1f)%s" % (
                        r["ops_per_s"], r["mb_per_s"], served_note(r)))
        out.append("| " + " | ".join(row) + " |")


def mixed_section(o, d, meta):
    """Routing by size: the plan's mixed group sends every size through
    one session that may use any driver; the drivers' request and byte
    counts across that group tell which sizes each one served."""
    mixed, routed = meta.get("mixed") or [], meta.get("routed") or []
    if not mixed:
        return
    o.append("\n## Routing by size: one session on any driver\n")
    o.append("`ocf_bench mixed=1` (plan group `bench-mixed`) sends every "
             "size in turn through one in-kernel session that may use any "
             "driver; the framework routes each size class to the driver "
             "it measured cheaper. Per size, the rate of that session and "
             "the rates of the same boot's single-driver runs (all with "
             "one request in flight):\n")
    hw = sorted({r["driver"] for r in d.kern if r["path"] == "ocf" and
                 r["driver"] != "cryptosoft"})
    o.append("| alg | bytes | mixed session req/s | cryptosoft req/s | " +
             " | ".join("%s req/s" % h for h in hw) + " | faster |")
    o.append("|---|---:|---:|---:|" + "---:|" * len(hw) + "---|")
    for m in mixed:
        soft = d.k("ocf", m["alg"], m["size"])
        rates = {"cryptosoft": soft["ops_per_s"] if soft else None}
        for h in hw:
            r = d.k("ocf", m["alg"], m["size"], driver=h)
            rates[h] = r["ops_per_s"] if r else None
        known = {k: v for k, v in rates.items() if v}
        o.append("| %s | %d | %d | %s | %s | %s |" % (
            m["alg"], m["size"], m["ops_per_s"],
            "%.0f" % rates["cryptosoft"] if rates["cryptosoft"] else "-",
            " | ".join("%.0f" % rates[h] if rates[h] else "-" for h in hw),
            max(known, key=known.get) if known else "-"))
    if routed:
        o.append("\nRequests each driver served during the group (its "
                 "single-driver runs on cryptosoft included), and their "
                 "mean size:\n")
        o.append("| driver | requests | bytes | bytes per request |")
        o.append("|---|---:|---:|---:|")
        for r in routed:
            o.append("| %s | %d | %d | %s |" % (
                r["driver"], r["requests"], r["bytes"],
                "%.0f" % (r["bytes"] / r["requests"]) if r["requests"]
                else "-"))


def write_md(path, meta, d, tg, problems, gstat, stats):
    o = ["# Benchmark results: Linux %s" % meta["kernel"], "",
         "Produced by `%s` on %s; one QEMU TCG VM, 2 vCPUs, 1 GiB "
         "(absolute numbers under emulation swing up to 2x between boots; "
         "compare ratios within this run only)." %
         (meta["command"], meta["date"]), ""]
    if meta.get("host_load"):
        o.append("Host load average (1/5/15 min) around the VM: %s. Other "
                 "work on the host makes the emulated timing noisy; above "
                 "about 1 per CPU, ratios can be off by far more than 15%%."
                 % meta["host_load"])
        o.append("")
    o.append("Kernel log: %s." % ("clean" if not problems else
                                  "PROBLEMS: " + "; ".join(problems[:5])))
    o.append("")
    o.append("| group | result |")
    o.append("|---|---|")
    for g, (line, rc) in gstat.items():
        o.append("| %s | %s (exit %s) |" % (g, line or "no result", rc))
    o.append("\n## Targets (ratios from this run)\n")
    o.append("Bound: the ratio the path would reach if OCF and /dev/crypto "
             "cost nothing, i.e. one no-op ioctl plus the fastest Linux API "
             "time of the transform in this boot per request (from a "
             "kernel thread: without the user FPU state save, so an upper "
             "bound, though on a loaded host noise between the plan groups can "
             "push a measurement past it). A goal above its bound cannot be "
             "met on this machine by any implementation of the path. For 2 "
             "processes vs 1 where one process already used a device, the "
             "bound is the better of the device kept full (the "
             "multi-request rate) and one process on the device plus one on "
             "cryptosoft, against one process.\n")
    o.append("| target | measured | goal | met | bound |")
    o.append("|---|---:|---:|---|---:|")
    for t in tg:
        lim = fmt(t.get("bound")) if t.get("bound") else "-"
        if t["goal"] is None:
            o.append("| %s | %s | - | reported | - |" %
                     (t["target"], fmt(t["measured"])))
            continue
        if t["higher_is_better"]:
            m, g = fmt(t["measured"]), ">= %.2fx" % t["goal"]
        else:
            m = "n/a" if t["measured"] is None else \
                "%.1f%%" % (100 * t["measured"])
            g = "<= %.0f%%" % (100 * t["goal"])
        o.append("| %s | %s | %s | %s | %s |" % (
            t["target"], m, g,
            "not measured" if t["met"] is None else
            "yes" if t["met"] else "NO", lim))
    noop = d.u("noop", "none", 0)
    bad = d.u("badses", "none", 0)
    o.append("\nBaselines: no-op ioctl (ENOTTY) %s req/s; CIOCCRYPT on an "
             "unknown session %s req/s." %
             ("%.0f" % noop["ops_per_s"] if noop else "n/a",
              "%.0f" % bad["ops_per_s"] if bad else "n/a"))
    fw = meta.get("framework_ns")
    if fw is not None:
        o.append("\nFramework alone (`ocf_bench framework=1`: OCF on a driver "
                 "that does nothing, against a direct indirect call of it, "
                 "%s ns): %d ns per request." % (meta["direct_call_ns"], fw))
        share = []
        for alg, size in (("aes-128-cbc", 64), ("null", 64),
                          ("aes-128-cbc", 1504), ("null", 1500)):
            li = d.kbest("linux", alg, size)
            if li:
                share.append("%s %d B %.0f%%" %
                             (alg, size, 100.0 * fw * li["ops_per_s"] / 1e9))
        if share:
            o.append("That alone is this share of the fastest Linux API time "
                     "of a request: " + ", ".join(share) + ".")
    mixed_section(o, d, meta)
    o.append("\n## In-kernel: OCF vs the Linux crypto API\n")
    o.append("| driver | alg | bytes | in flight | OCF req/s | OCF MB/s | "
             "Linux (driver) req/s | Linux MB/s | OCF/Linux |")
    o.append("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in d.kern:
        if r["path"] != "ocf":
            continue
        li = next((x for x in d.kern if x["path"] == "linux" and
                   (x["alg"], x["size"], x["inflight"]) ==
                   (r["alg"], r["size"], r["inflight"]) and
                   d.kern.index(x) > d.kern.index(r)), None)
        o.append("| %s | %s | %d | %d | %.0f | %.1f | %s | %s | %s |%s" % (
            r["driver"], r["alg"], r["size"], r["inflight"], r["ops_per_s"],
            r["mb_per_s"],
            "%.0f (%s)" % (li["ops_per_s"], li["driver"]) if li else "",
            "%.1f" % li["mb_per_s"] if li else "",
            fmt(ratio(r, li)) if li else "",
            " errors: %d/%d" % (r["errors"], li["errors"] if li else 0)
            if r["errors"] or (li and li["errors"]) else ""))
    o.append("\n## Userland: /dev/crypto, AF_ALG (libkcapi), OpenSSL")
    for alg in ("aes-128-cbc", "aes-128-gcm", "sha256", "hmac-sha256",
                "null"):
        md_user_table(d, alg, o)
    fails = [r for r in d.user if r["status"] != "ok"]
    if fails:
        o.append("\n### Not measured or failed\n")
        seen = set()
        for r in fails:
            key = (r["path"], r["alg"], r["status"], r["error"])
            if key in seen:
                continue
            seen.add(key)
            o.append("- %s %s: %s (%s)" % (r["path"], r["alg"], r["status"],
                                           r["error"]))
    if stats:
        o.append("\n## Framework statistics after the run\n")
        o.append("From /sys/kernel/debug/ocf (which driver served what, "
                 "after the mixed-size runs above):\n")
        o.append("```")
        o.extend(stats)
        o.append("```")
    with open(path, "w") as f:
        f.write("\n".join(o) + "\n")


def plot(prefix, d, kernel):
    if not shutil.which("gnuplot"):
        return False
    # Plot data and script are scratch: only the PNG is kept.
    datdir = tempfile.mkdtemp(prefix="ocf-bench-plot.")
    algs = ["aes-128-cbc", "aes-128-gcm", "sha256", "hmac-sha256", "null"]
    panels = []
    for alg in algs:
        lines = []
        pinned = sorted({r["path"] for r in d.user if "@" in r["path"]})
        series = [("user", p, "%s" % p) for p in
                  ["cdev", "cdev-multi", "cdev-async"] + pinned +
                  ["afalg", "openssl"]]
        hw = sorted({r["driver"] for r in d.kern if r["path"] == "ocf" and
                     r["alg"] == alg and r["driver"] != "cryptosoft"})
        series += [("kernel", "ocf", "in-kernel OCF cryptosoft"),
                   ("kernel", "linux", "in-kernel Linux API")]
        series += [("kernel", "ocf@" + h, "in-kernel OCF " + h) for h in hw]
        for layer, p, title in series:
            if layer == "user":
                pts = sorted((r["size"], r["mb_per_s"]) for r in d.user
                             if r["path"] == p and r["alg"] == alg and
                             r["procs"] == 1 and r["status"] == "ok")
            else:
                kp, _, drv = p.partition("@")
                pts = sorted((r["size"], r["mb_per_s"]) for r in d.kern
                             if r["path"] == kp and r["alg"] == alg and
                             r["inflight"] == 1 and not r["errors"] and
                             r["run_driver"] == (drv or "cryptosoft"))
            pts = [x for x in pts if x[1] > 0]
            if not pts:
                continue
            fn = os.path.join(datdir, "%s-%s-%s.dat" % (
                alg, layer, re.sub(r"[^A-Za-z0-9_.-]", "_", p)))
            with open(fn, "w") as f:
                for s, v in pts:
                    f.write("%d %f\n" % (s, v))
            lines.append("'%s' using 1:2 with linespoints title '%s'" %
                         (fn, title))
        if lines:
            panels.append((alg, lines))
    if not panels:
        return False
    gp = ["set terminal png size 1800,1200 noenhanced",
          "set output '%s.png'" % prefix,
          "set multiplot layout 2,3 title 'Throughput vs request size, "
          "Linux %s (QEMU TCG, one run; 1 process / 1 in flight)'" % kernel,
          "set logscale xy", "set xlabel 'bytes'", "set ylabel 'MB/s'",
          "set key left top font ',8'", "set grid"]
    for alg, lines in panels:
        gp.append("set title '%s'" % alg)
        gp.append("plot " + ", ".join(lines))
    gp.append("unset multiplot")
    script = os.path.join(datdir, "plot.gp")
    with open(script, "w") as f:
        f.write("\n".join(gp) + "\n")
    ok = subprocess.call(["gnuplot", script]) == 0
    shutil.rmtree(datdir, ignore_errors=True)
    return ok


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--results", required=True)
    ap.add_argument("--kernel", required=True)
    ap.add_argument("--short", default="")
    ap.add_argument("--kmsg")
    ap.add_argument("--console")
    ap.add_argument("--command", default="tools/bench/run-bench.sh")
    ap.add_argument("--load", help="host load averages around the run")
    ap.add_argument("--out", required=True)
    a = ap.parse_args()

    text = read(a.results)
    d = Data(records(text))
    problems = []
    for name in (a.kmsg, a.console):
        for line in read(name).splitlines():
            if BAD_LOG.search(line):
                problems.append(line.strip())
    if "@@ end" not in text:
        problems.append("the VM did not finish the plan")
    meta = {"kernel": a.kernel, "short": a.short, "command": a.command,
            "host_load": " / ".join(read(a.load).split("\n")).strip(" /"),
            # When the VM wrote its results, not when this report is made.
            "date": datetime.datetime.utcfromtimestamp(
                os.path.getmtime(a.results)).strftime("%Y-%m-%d %H:%M UTC")}
    m = re.search(r"direct call (\d+) ns, framework (-?\d+) ns", text)
    meta["framework_ns"] = int(m.group(2)) if m else None
    meta["direct_call_ns"] = int(m.group(1)) if m else None
    meta["mixed"] = [{"alg": x.group(1), "size": int(x.group(2)),
                      "ops_per_s": int(x.group(3)),
                      "verified": int(x.group(4)),
                      "errors": int(x.group(5))}
                     for x in re.finditer(r"(\S+) mixed (\d+): (\d+) req/s, "
                                          r"(\d+) verified, (\d+) errors",
                                          text)]
    meta["routed"] = [{"driver": x.group(1), "requests": int(x.group(2)),
                       "bytes": int(x.group(3))}
                      for x in re.finditer(r"# ROUTED (\S+) (-?\d+) (-?\d+)",
                                           text)]
    tg = targets(d)
    gstat = groups(text)
    stats = [m.group(1) for m in re.finditer(r"STATS (.*)", text)]
    write_md(a.out + ".md", meta, d, tg, problems, gstat, stats)
    with open(a.out + ".json", "w") as f:
        json.dump({"meta": meta, "kernel_log_problems": problems,
                   "framework_stats": stats,
                   "groups": gstat, "targets": tg,
                   "kernel": d.kern, "user": d.user}, f, indent=1)
    png = plot(a.out, d, a.kernel)
    print("wrote %s.md, %s.json%s" % (a.out, a.out,
                                      ", %s.png" % a.out if png else ""))
    failed = any(m["errors"] for m in meta["mixed"]) or \
        any(r["errors"] for r in d.kern) or \
        any(r["status"] == "failed" for r in d.user)
    return 1 if failed or problems else 0


if __name__ == "__main__":
    sys.exit(main())

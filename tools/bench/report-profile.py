#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Turn the profile plan's results channel into a Markdown report.

Reads the "# PROFILE LABEL PCT COMM DSO SYMBOL" lines that
`bench-guest.sh profile` wrote (perf's self time per symbol, both CPUs,
sampled by the clock), and the "BENCH {json}" lines of the run each
profile covered.  Idle time is counted apart: shares are of the busy
samples, i.e. of what the measured path costs.
"""
import argparse
import json
import re
import sys

PROFILE = re.compile(r"# PROFILE (\S+) ([\d.]+) (\S+) (\S+) (.*?)\s*$")
BENCH = re.compile(r"BENCH (\{.*\})\s*$")

IDLE = {"default_idle", "pv_native_safe_halt", "native_safe_halt",
        "arch_cpu_idle", "acpi_safe_halt", "acpi_idle_do_entry",
        "cpu_idle_poll", "intel_idle", "mwait_idle", "do_idle",
        "default_idle_call", "cpuidle_idle_call", "poll_idle"}

# Modules named by their kernel object; the rest of the kernel by symbol.
MODULES = {"[ocf]": "OCF core", "[cryptosoft]": "cryptosoft",
           "[cryptodev]": "/dev/crypto", "[ocf_bench]": "benchmark module",
           "[ocf_virtio]": "virtio-crypto (OCF)"}

KERNEL_PARTS = [
    # Spectre v2 retpolines: every indirect call goes through one (6.1's
    # kallsyms names the first by its section's start).
    ("retpolines", re.compile(
        r"^(__x86_(indirect|return)_thunk|__indirect_thunk_start$)")),
    ("system call", re.compile(
        r"^(entry_SYSCALL|do_syscall|syscall_|__x64_sys_|__ia32_sys_|"
        r"ksys_|__fget|fdget|__fdget|fput|security_file_ioctl|"
        r"exit_to_user_mode|syscall_exit|__rseq|rseq_|"
        r"switch_fpu_return|fpregs_|restore_fpregs|entry_SYSRETQ|"
        r"do_vfs_ioctl|vfs_ioctl|apparmor_file|__fsnotify|security_|"
        r"tomoyo_|hook_file|x64_sys_call)")),
    ("copies", re.compile(
        r"^(copy_user|rep_movs|_copy_|__copy|copy_to|copy_from|memcpy|"
        r"__memcpy|memmove|__memmove|memset|__memset|memcmp|"
        r"__check_object_size|check_heap_object|__virt_addr_valid|"
        r"clear_user|strncpy_from_user)")),
    ("Linux crypto", re.compile(
        r"(aes|cbc|ecb|crypto_|skcipher|scatterwalk|sha256|sha512|"
        r"ghash|gcm|hmac|kernel_fpu|aead|ahash|shash|null_)", re.I)),
    ("interrupts and scheduling", re.compile(
        r"(irq|softirq|schedule|sched_|wake|try_to_wake|finish_task|"
        r"hrtimer|tick_|timer|apic|raw_spin|_raw_|queued_spin|"
        r"rcu|ttwu|enqueue|dequeue|pick_next|update_|__perf|perf_)")),
]


def part_of(comm, dso, sym):
    if sym in IDLE:
        return "idle"
    if dso in MODULES:
        return MODULES[dso]
    # ocf_bench runs in its init code, which leaves kallsyms after it.
    if comm == "insmod" and (sym.startswith("__this_module+") or
                             sym.startswith("0x")):
        return "benchmark module"
    if not dso.startswith("["):
        return "user space"
    for name, pat in KERNEL_PARTS:
        if pat.search(sym):
            return name
    return "other kernel" if dso == "[kernel.kallsyms]" else "other modules"


PARTS = ["user space", "system call", "copies", "/dev/crypto", "OCF core",
         "cryptosoft", "virtio-crypto (OCF)", "Linux crypto", "retpolines",
         "benchmark module", "interrupts and scheduling", "other kernel",
         "other modules"]


def parse(path):
    profiles, rates = {}, {}
    order = []
    label = None
    with open(path, errors="replace") as f:
        for line in f:
            m = PROFILE.search(line)
            if m:
                label, pct, comm, dso, sym = m.groups()
                if label not in profiles:
                    profiles[label] = []
                    order.append(label)
                profiles[label].append((float(pct), comm, dso, sym))
                continue
            m = BENCH.search(line)
            if m:
                try:
                    rates.setdefault("pending", []).append(
                        json.loads(m.group(1)))
                except ValueError:
                    pass
            if "ok 1 - profile " in line and "pending" in rates:
                name = line.split("ok 1 - profile ", 1)[1].split()[0]
                rates[name] = rates.pop("pending")
    return order, profiles, rates


def rate_text(runs):
    out = []
    for b in runs or []:
        if "ops_per_s" in b:
            if not b["ops_per_s"]:
                continue	# ocf_bench's path left out (path=)
            served = b.get("served") or {}
            where = ""
            if served and set(served) != {"cryptosoft"}:
                where = " (served: %s)" % ", ".join(
                    "%s %s" % (k, v) for k, v in sorted(served.items()))
            out.append("%s %s %s B x%s: %.0f requests/s%s" % (
                b.get("path", "?"), b.get("alg", "?"), b.get("size", "?"),
                b.get("procs", 1), b["ops_per_s"], where))
    return "; ".join(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--results", required=True)
    ap.add_argument("--kernel", required=True)
    ap.add_argument("--load", default="")
    ap.add_argument("--command", default="tools/bench/run-bench.sh -P")
    ap.add_argument("--out", required=True)
    ap.add_argument("--top", type=int, default=25)
    args = ap.parse_args()

    order, profiles, rates = parse(args.results)
    load = ""
    if args.load:
        try:
            load = open(args.load).read().strip().replace("\n", ", ")
        except OSError:
            pass
    lines = ["# Profiles, kernel %s" % args.kernel, "",
             "Command: `%s`. perf in the VM (`perf record -a -e cpu-clock`, "
             "TCG has no PMU), self time per symbol on both vCPUs. Shares "
             "are of the busy samples (idle apart): what the measured path "
             "costs, by part. Host load: %s." % (args.command, load or "?"),
             "",
             "Under TCG a vCPU takes an interrupt only where a translation "
             "block (a run of guest code up to a jump or call) starts, so a "
             "sample names the block after the one that was running: time "
             "shows at the next function's entry or at the code after a "
             "call. Function shares are right to within that shift; "
             "`retpolines` is the time of the blocks ending in an indirect "
             "call as much as the thunks themselves.",
             ""]
    if not order:
        lines.append("No profile lines in the results (perf missing?).")
    else:
        lines += ["## Shares by part (% of busy samples)", ""]
        head = "| profile | idle % of all |" + "".join(
            " %s |" % p for p in PARTS)
        lines += [head, "|---|---:|" + "---:|" * len(PARTS)]
        for label in order:
            rows = profiles[label]
            total = sum(r[0] for r in rows)
            idle = sum(r[0] for r in rows if part_of(*r[1:]) == "idle")
            busy = total - idle
            share = {p: 0.0 for p in PARTS}
            for pct, comm, dso, sym in rows:
                part = part_of(comm, dso, sym)
                if part != "idle":
                    share[part] += pct
            lines.append("| %s | %.0f |" % (label, idle) + "".join(
                " %.1f |" % (100 * share[p] / busy if busy else 0)
                for p in PARTS))
        lines += ["", "Symbols below 0.1% of all samples are left out "
                  "(the shares are of the listed ones).", ""]
        for label in order:
            rows = [r for r in profiles[label]
                    if part_of(*r[1:]) != "idle"]
            busy = sum(r[0] for r in rows)
            lines += ["## %s" % label, ""]
            rt = rate_text(rates.get(label))
            if rt:
                lines += ["Run under perf: %s." % rt, ""]
            lines += ["| % of busy | part | process | object | symbol |",
                      "|---:|---|---|---|---|"]
            for pct, comm, dso, sym in sorted(rows, reverse=True)[:args.top]:
                lines.append("| %.1f | %s | %s | %s | `%s` |" % (
                    100 * pct / busy if busy else 0,
                    part_of(comm, dso, sym), comm, dso, sym))
            lines.append("")
    with open(args.out, "w") as f:
        f.write("\n".join(lines) + "\n")
    return 0 if order else 1


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""virtio_hotplug_host.py RUNDIR

Host side of the virtio-hotplug plan group, for the VM harness: started
in the background beside run-vm.sh, it watches RUNDIR/results.log and
answers the VM's two requests on QEMU's monitor (RUNDIR/monitor.sock):

  # VIRTIO-HOTPLUG: unplug crypto0  ->  device_del crypto0
  # VIRTIO-HOTPLUG: plug crypto0    ->  device_add virtio-crypto-pci,...

QEMU frees the old device only once the guest has ejected it; until then
device_add answers "Duplicate ID", so it is repeated until accepted.
Exits when both are done or the VM's results file stops growing for good.
"""
import os
import re
import socket
import sys
import time

PROMPT = b"(qemu)"


def monitor(path, cmd):
    """Run one monitor command; return its output without echo/prompt."""
    s = socket.socket(socket.AF_UNIX)
    s.connect(path)
    s.settimeout(0.5)

    def read_to_prompt():
        buf, end = b"", time.time() + 5
        while time.time() < end and not buf.rstrip().endswith(PROMPT):
            try:
                data = s.recv(65536)
            except socket.timeout:
                continue
            if not data:
                break
            buf += data
        return buf

    read_to_prompt()
    s.sendall(cmd.encode() + b"\n")
    out = read_to_prompt().decode(errors="replace")
    s.close()
    out = re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", out).replace("\r", "")
    out = out.split("\n", 1)[-1].replace("(qemu)", "").strip()
    print("virtio-hotplug host: %s -> %r" % (cmd, out), flush=True)
    return out


def wait_line(results, mon, text, limit):
    end = time.time() + limit
    while time.time() < end:
        try:
            with open(results, errors="replace") as f:
                if text in f.read() and os.path.exists(mon):
                    return True
        except FileNotFoundError:
            pass
        time.sleep(0.2)
    return False


def serve(rundir, tag):
    """Answer "# TAG: unplug crypto0" and "# TAG: plug crypto0" once each."""
    results = os.path.join(rundir, "results.log")
    mon = os.path.join(rundir, "monitor.sock")
    limit = float(os.environ.get("OCF_VM_TIMEOUT", "1200"))
    if not wait_line(results, mon, "# %s: unplug crypto0" % tag, limit):
        return 0
    monitor(mon, "device_del crypto0")
    if not wait_line(results, mon, "# %s: plug crypto0" % tag, 600):
        return 0
    # A debug kernel's ACPI can take over 30 s to eject (an AML loop
    # timeout under TCG).
    end = time.time() + 120
    while time.time() < end:
        if not monitor(mon,
                       "device_add virtio-crypto-pci,id=crypto0,cryptodev=cd0"):
            return 0
        time.sleep(0.5)
    return 1


def main(argv):
    if len(argv) != 2:
        sys.stderr.write(__doc__)
        return 2
    return serve(argv[1], "VIRTIO-HOTPLUG")


if __name__ == "__main__":
    sys.exit(main(sys.argv))

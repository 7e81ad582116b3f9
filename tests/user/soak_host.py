#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""soak_host.py RUNDIR

Host side of the soak plan group (tests/user/soak.c): started by the VM
harness beside run-vm.sh when the plan has `soak`, it answers the
guest's lines on QEMU's monitor (RUNDIR/monitor.sock), as
virtio_hotplug_host.py does for the hot-plug group, whose monitor
helpers it uses:

  # SOAK-HOTPLUG: unplug crypto0  ->  device_del crypto0
  # SOAK-HOTPLUG: plug crypto0    ->  device_add virtio-crypto-pci,...
"""
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "kernel"))
from virtio_hotplug_host import monitor, wait_line  # noqa: E402


def main(argv):
    if len(argv) != 2:
        sys.stderr.write(__doc__)
        return 2
    results = os.path.join(argv[1], "results.log")
    mon = os.path.join(argv[1], "monitor.sock")
    limit = float(os.environ.get("OCF_VM_TIMEOUT", "1200"))
    if not wait_line(results, mon, "# SOAK-HOTPLUG: unplug crypto0", limit):
        return 0
    monitor(mon, "device_del crypto0")
    if not wait_line(results, mon, "# SOAK-HOTPLUG: plug crypto0", 600):
        return 0
    # Until the guest has ejected the old device: "Duplicate ID".
    end = time.time() + 30
    while time.time() < end:
        if not monitor(mon,
                       "device_add virtio-crypto-pci,id=crypto0,cryptodev=cd0"):
            return 0
        time.sleep(0.5)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))

#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""soak_host.py RUNDIR

Host side of the soak plan group (tests/user/soak.c): started by the VM
harness beside run-vm.sh when the plan has `soak`, it answers the
guest's lines on QEMU's monitor (RUNDIR/monitor.sock), as
virtio_hotplug_host.py does for the hot-plug group, with its code:

  # SOAK-HOTPLUG: unplug crypto0  ->  device_del crypto0
  # SOAK-HOTPLUG: plug crypto0    ->  device_add virtio-crypto-pci,...
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "kernel"))
from virtio_hotplug_host import serve  # noqa: E402


def main(argv):
    if len(argv) != 2:
        sys.stderr.write(__doc__)
        return 2
    return serve(argv[1], "SOAK-HOTPLUG")


if __name__ == "__main__":
    sys.exit(main(sys.argv))

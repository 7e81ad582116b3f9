# SPDX-License-Identifier: GPL-2.0-only
#
# make                build every module for the running kernel
# make KVER=<ver>     ... for an installed kernel's headers
# make KDIR=<dir>     ... for a kernel build tree
# make check          build and test on both Debian kernels in QEMU
# make check-debug    the same in a debug kernel (KASAN, lockdep, kmemleak...)
# make demo           build, boot 6.12 in QEMU, show the framework working
# make bench          benchmarks on both kernels: bench/results-<kernel>.*

KVER ?= $(shell uname -r)
KDIR ?= /lib/modules/$(KVER)/build
PREFIX ?= /usr
DESTDIR ?=
TOP := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))

need_kdir = @test -d $(KDIR) || { echo "no kernel build tree at $(KDIR): \
	install the headers or set KVER= or KDIR=" >&2; exit 1; }

.PHONY: all modules clean install install-headers modules_install check check-debug demo bench profile

all: modules

modules:
	$(need_kdir)
	$(MAKE) -C $(KDIR) M=$(TOP) modules

# The test and benchmark modules are not installed.
modules_install:
	$(need_kdir)
	$(MAKE) -C $(KDIR) M=$(TOP) CONFIG_OCF_TESTS=n modules
	$(MAKE) -C $(KDIR) M=$(TOP) CONFIG_OCF_TESTS=n INSTALL_MOD_DIR=updates/ocf \
		$(if $(DESTDIR),INSTALL_MOD_PATH=$(DESTDIR)) modules_install
	$(if $(DESTDIR),,depmod -a $(KVER) || true)

install-headers:
	install -D -m 0644 $(TOP)/include/uapi/crypto/cryptodev.h \
		$(DESTDIR)$(PREFIX)/include/crypto/cryptodev.h

install: modules_install install-headers

clean:
	@test -d $(KDIR) && $(MAKE) -C $(KDIR) M=$(TOP) clean || true
	rm -rf $(TOP)/build

check:
	$(TOP)/tests/vm/check.sh $(if $(T),--tests '$(T)') $(if $(K),--kernels '$(K)')

check-debug:
	$(TOP)/tests/vm/check.sh --kernels debug $(if $(T),--tests '$(T)')

demo:
	$(TOP)/tests/vm/demo.sh

bench:
	$(TOP)/tools/bench/run-bench.sh $(if $(K),-k '$(K)')

profile:
	$(TOP)/tools/bench/run-bench.sh -P $(if $(K),-k '$(K)')

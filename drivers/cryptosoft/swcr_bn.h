/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cryptosoft: the modular arithmetic the keying operations need, on the
 * kernel's MPI type.  Only mpi_powm, mpi_read_raw_data, mpi_read_buffer,
 * mpi_get_nbits, mpi_cmp, mpi_alloc and mpi_free are used from the MPI
 * library (6.12 no longer exports the rest); multiplication, addition
 * and subtraction are our own, and reduction is x^1 mod m.  Every
 * function returns a new MPI, or NULL when out of memory.
 */
#ifndef _SWCR_BN_H
#define _SWCR_BN_H

#include <linux/mpi.h>

MPI swcr_mpi_from_be(const u8 *p, unsigned int len);
MPI swcr_mpi_from_le(const u8 *p, unsigned int len);
/* Write `a` as `len` little-endian bytes; -EOVERFLOW if it needs more. */
int swcr_mpi_to_le(MPI a, u8 *p, unsigned int len);
MPI swcr_mpi_powm(MPI b, MPI e, MPI m);
MPI swcr_mpi_mod(MPI a, MPI m);
MPI swcr_mpi_mul(MPI a, MPI b);
MPI swcr_mpi_add(MPI a, MPI b);
MPI swcr_mpi_add_ui(MPI a, u8 v);
/* a - v; NULL also when a < v. */
MPI swcr_mpi_sub_ui(MPI a, u8 v);
MPI swcr_mpi_mulm(MPI a, MPI b, MPI m);
/* (a - b) mod m for any a, b. */
MPI swcr_mpi_subm(MPI a, MPI b, MPI m);
/* a^-1 mod p for a prime p (Fermat: a^(p-2)). */
MPI swcr_mpi_invm_prime(MPI a, MPI p);
bool swcr_mpi_is_zero(MPI a);
bool swcr_mpi_is_odd(MPI a);

#endif /* _SWCR_BN_H */

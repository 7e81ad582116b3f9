// SPDX-License-Identifier: GPL-2.0-only
/*
 * Turning a session's algorithm list into driver sessions ("legs").
 * One driver takes the whole list when it can.  Otherwise each algorithm
 * goes to its cheapest driver and requests are chained through the legs
 * in descriptor order.  An algorithm listed twice gets a leg of its own
 * for each instance, so no driver ever sees a duplicate.
 */
#include <linux/slab.h>
#include "ocf_internal.h"

/* AEAD halves must share a driver: one computes what the other checks. */
static bool ocf_needs_one_driver(const struct ocf_session *ses)
{
	bool gcm = false, gmac = false, ccm = false, ccm_mac = false;
	int i;

	for (i = 0; i < ses->ncri; i++) {
		switch (ses->ini[i].cri_alg) {
		case CRYPTO_AES_GCM_16:
			gcm = true;
			break;
		case CRYPTO_AES_GMAC:
		case CRYPTO_AES_128_GMAC:
		case CRYPTO_AES_192_GMAC:
		case CRYPTO_AES_256_GMAC:
			gmac = true;
			break;
		case CRYPTO_AES_CCM:
			ccm = true;
			break;
		case CRYPTO_AES_CCM_CBC_MAC:
			ccm_mac = true;
			break;
		}
	}
	return (gcm && gmac) || (ccm && ccm_mac);
}

static void ocf_leg_free(struct ocf_session *ses, int l)
{
	struct ocf_leg *leg = &ses->legs[l];
	struct ocf_driver *drv = leg->drv;
	int i;

	drv->freesession(drv->arg, leg->dsid);
	for (i = 0; i < ses->ncri; i++)
		if (ses->cri_leg[i] == l)
			atomic_dec(&drv->alg_sessions[ses->ini[i].cri_alg]);
	atomic_dec(&drv->sessions);
	ocf_driver_put(drv);
}

/* Create the legs for the driver assignment @per (one per cri). */
static int ocf_build_legs(struct ocf_session *ses, struct ocf_driver **per)
{
	struct cryptoini chain[OCF_MAX_CRI];
	int i, j, l, n, err;
	u32 lid;

	ses->nlegs = 0;
	for (i = 0; i < ses->ncri; i++) {
		for (l = 0; l < ses->nlegs; l++) {
			if (ses->legs[l].drv != per[i])
				continue;
			for (j = 0; j < i; j++)
				if (ses->cri_leg[j] == l &&
				    ses->ini[j].cri_alg == ses->ini[i].cri_alg)
					break;
			if (j == i)
				break;
		}
		if (l == ses->nlegs) {
			ses->legs[l].drv = per[i];
			ses->nlegs++;
		}
		ses->cri_leg[i] = l;
	}

	for (l = 0; l < ses->nlegs; l++) {
		struct ocf_driver *drv = ses->legs[l].drv;

		n = 0;
		for (i = 0; i < ses->ncri; i++) {
			if (ses->cri_leg[i] != l)
				continue;
			chain[n] = ses->ini[i];
			chain[n].cri_next = NULL;
			if (n)
				chain[n - 1].cri_next = &chain[n];
			n++;
		}
		lid = 0;
		err = drv->newsession(drv->arg, &lid, chain);
		if (err) {
			while (--l >= 0)
				ocf_leg_free(ses, l);
			ses->nlegs = 0;
			return err > 0 ? -err : err;
		}
		refcount_inc(&drv->users);
		ses->legs[l].dsid = CRYPTO_SID(drv->id, lid);
		atomic_inc(&drv->sessions);
		for (i = 0; i < ses->ncri; i++)
			if (ses->cri_leg[i] == l)
				atomic_inc(&drv->alg_sessions[ses->ini[i].cri_alg]);
	}
	return 0;
}

int ocf_session_build(struct ocf_session *ses,
		      const struct ocf_driver *exclude)
{
	struct ocf_driver *cand[OCF_CHOOSE_MAX];
	struct ocf_driver *per[OCF_MAX_CRI];
	int n, i, c, err = -EOPNOTSUPP;

	n = ocf_choose(ses, -1, exclude, cand, ARRAY_SIZE(cand));
	for (i = 0; i < n; i++) {
		if (err) {
			for (c = 0; c < ses->ncri; c++)
				per[c] = cand[i];
			err = ocf_build_legs(ses, per);
		}
		ocf_driver_put(cand[i]);
	}
	if (n || ses->ncri < 2 || ocf_needs_one_driver(ses))
		return err;

	/* No driver does it all: split the session. */
	for (c = 0; c < ses->ncri; c++) {
		if (!ocf_choose(ses, c, exclude, &per[c], 1)) {
			while (--c >= 0)
				ocf_driver_put(per[c]);
			return -EOPNOTSUPP;
		}
	}
	err = ocf_build_legs(ses, per);
	for (c = 0; c < ses->ncri; c++)
		ocf_driver_put(per[c]);
	return err;
}

/* Give every leg back to its driver; keys are no longer needed either. */
void ocf_session_release_legs(struct ocf_session *ses)
{
	int l, i;

	for (l = 0; l < ses->nlegs; l++)
		ocf_leg_free(ses, l);
	for (i = 0; i < ses->ncri; i++) {
		kfree_sensitive(ses->ini[i].cri_key);
		ses->ini[i].cri_key = NULL;
	}
}

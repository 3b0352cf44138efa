/*===- CApiCheck.h - The runtime API used from C99 ----------------*- C -*-===*/

#ifndef KILN_TEST_UNIT_RUNTIME_CAPICHECK_H
#define KILN_TEST_UNIT_RUNTIME_CAPICHECK_H

#ifdef __cplusplus
extern "C" {
#endif

/* Opens the `add` artifact at `path`, calls it on a batch of 2 and checks
 * the sums. Returns 0 on success, else the number of the failed step. */
int kiln_c_api_check(const char *path);

#ifdef __cplusplus
}
#endif

#endif /* KILN_TEST_UNIT_RUNTIME_CAPICHECK_H */

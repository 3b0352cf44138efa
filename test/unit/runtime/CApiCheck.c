/*===- CApiCheck.c - The runtime API used from C99 -----------------*- C -*-===*
 *
 * Compiled as strict C99 so that runtime.h stays usable from C.
 *
 *===----------------------------------------------------------------------===*/

#include "CApiCheck.h"

#include "kiln/runtime.h"

#include <stdlib.h>

int kiln_c_api_check(const char *path) {
  kiln_artifact *artifact = NULL;
  const kiln_function *add = NULL;
  kiln_tensor inputs[2];
  kiln_tensor output;
  float a[8], b[8], y[8];
  int i;
  int failed = 0;
  kiln_status *status = kiln_artifact_open(path, &artifact);
  if (status) {
    kiln_status_free(status);
    return 1;
  }
  status = kiln_artifact_find_function(artifact, "add", &add);
  if (status) {
    failed = 2;
    goto done;
  }
  for (i = 0; i < 8; ++i) {
    a[i] = (float)i;
    b[i] = 10.0f;
  }
  for (i = 0; i < 2; ++i) {
    status = kiln_function_input_shape(add, (size_t)i, 2, &inputs[i]);
    if (status) {
      failed = 3;
      goto done;
    }
  }
  inputs[0].data = a;
  inputs[1].data = b;
  status = kiln_function_output_shape(add, 0, 2, &output);
  if (status) {
    failed = 4;
    goto done;
  }
  output.data = y;
  status = kiln_function_call(add, inputs, 2, &output, 1);
  if (status) {
    failed = 5;
    goto done;
  }
  for (i = 0; i < 8; ++i)
    if (y[i] != a[i] + b[i])
      failed = 6;
done:
  kiln_status_free(status);
  kiln_artifact_close(artifact);
  return failed;
}

/*===- runtime.h - Kiln runtime C API ------------------------------*- C -*-===*
 *
 * Opens a shared-library artifact written by `kilnc --emit=shared`, lists the
 * functions its manifest declares, checks tensor views against their
 * signatures and calls them. Every function that can fail returns a
 * `kiln_status *`: NULL means success, anything else is an error that the
 * caller frees with kiln_status_free. Nothing here aborts the process on bad
 * input. An open artifact is read-only, so its functions may be called from
 * several threads at once.
 *
 *===----------------------------------------------------------------------===*/

#ifndef KILN_RUNTIME_H
#define KILN_RUNTIME_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define KILN_API __attribute__((visibility("default")))
#else
#define KILN_API
#endif

/* The artifact ABI version this runtime reads (docs/abi.md). */
#define KILN_ABI_VERSION 1
/* The largest tensor rank a manifest or a tensor view may have. */
#define KILN_MAX_RANK 8

/* Version string of this runtime library, e.g. "0.1.0". */
KILN_API const char *kiln_runtime_version(void);

/*===--- Threads ----------------------------------------------------------===*/

/* Compiled models run their outer parallel loops on one thread pool per
 * process (runtime/src/parallel/ParallelFor.c); artifacts loaded by this
 * runtime use this library's pool. Sets its thread count: count <= 0
 * restores the default, the KILN_NUM_THREADS environment variable if set,
 * else the CPUs the process may run on. Results do not depend on the count. */
KILN_API void kiln_set_num_threads(int count);
/* The thread count that the next parallel loop will use. */
KILN_API int kiln_get_num_threads(void);

/*===--- Status -----------------------------------------------------------===*/

typedef enum kiln_status_code_t {
  KILN_OK = 0,
  KILN_INVALID_ARGUMENT,
  KILN_NOT_FOUND,
  KILN_IO_ERROR,
  KILN_NOT_AN_ARTIFACT,
  KILN_ABI_MISMATCH,
  KILN_SHAPE_MISMATCH,
  KILN_TYPE_MISMATCH,
  KILN_INTERNAL
} kiln_status_code_t;

typedef struct kiln_status kiln_status;

/* The status's code; KILN_OK for NULL. */
KILN_API kiln_status_code_t kiln_status_code(const kiln_status *status);
/* The status's message; "OK" for NULL. Valid until the status is freed. */
KILN_API const char *kiln_status_message(const kiln_status *status);
/* Frees a status. NULL is allowed. */
KILN_API void kiln_status_free(kiln_status *status);
/* The code's name, e.g. "KILN_SHAPE_MISMATCH"; "KILN_UNKNOWN" if invalid. */
KILN_API const char *kiln_status_code_name(kiln_status_code_t code);

/*===--- Element types ----------------------------------------------------===*/

typedef enum kiln_dtype {
  KILN_F32 = 0, /* float */
  KILN_F64,     /* double */
  KILN_I32,     /* int32_t */
  KILN_I64,     /* int64_t */
  KILN_BOOL     /* one byte, 0 or 1; "i1" in a manifest */
} kiln_dtype;

/* The manifest spelling: "f32", "f64", "i32", "i64" or "i1"; "invalid" for a
 * value outside the enum. */
KILN_API const char *kiln_dtype_name(kiln_dtype dtype);
/* Bytes per element; 0 for a value outside the enum. */
KILN_API size_t kiln_dtype_size(kiln_dtype dtype);

/*===--- Tensors ----------------------------------------------------------===*/

/* One argument of a function, as the manifest declares it. A dimension of -1
 * is dynamic: every dynamic dimension of a function is the batch size. */
typedef struct kiln_tensor_desc {
  const char *name;
  kiln_dtype dtype;
  int32_t rank;
  int64_t dims[KILN_MAX_RANK];
} kiln_tensor_desc;

/* A caller-owned view of a dense, row-major (C order) buffer. */
typedef struct kiln_tensor {
  kiln_dtype dtype;
  int32_t rank;
  int64_t dims[KILN_MAX_RANK];
  void *data;
} kiln_tensor;

/* Product of the view's first `rank` dimensions; 0 if the rank is out of
 * range, a dimension is negative or the product overflows. NULL gives 0. */
KILN_API size_t kiln_tensor_element_count(const kiln_tensor *tensor);
/* kiln_tensor_element_count times the element size (0 on overflow). */
KILN_API size_t kiln_tensor_byte_size(const kiln_tensor *tensor);

/*===--- Artifacts and functions ------------------------------------------===*/

typedef struct kiln_artifact kiln_artifact;
typedef struct kiln_function kiln_function;

/* Loads the shared library at `path`, reads and checks its manifest and
 * resolves every function's packed entry point. On success *out owns the
 * artifact; on failure *out is set to NULL (when `out` is not NULL).
 * Errors: KILN_INVALID_ARGUMENT (NULL argument), KILN_IO_ERROR (the file
 * cannot be read), KILN_NOT_AN_ARTIFACT (not a shared library, no manifest,
 * malformed manifest, missing entry point), KILN_ABI_MISMATCH. */
KILN_API kiln_status *kiln_artifact_open(const char *path, kiln_artifact **out);
/* Unloads the artifact; its functions become invalid. NULL is allowed. */
KILN_API void kiln_artifact_close(kiln_artifact *artifact);
/* The path the artifact was opened from; NULL for NULL. */
KILN_API const char *kiln_artifact_path(const kiln_artifact *artifact);
/* Number of functions in the manifest; 0 for NULL. */
KILN_API size_t kiln_artifact_function_count(const kiln_artifact *artifact);
/* The function at `index`, in manifest order. */
KILN_API kiln_status *kiln_artifact_function_at(const kiln_artifact *artifact,
                                                size_t index,
                                                const kiln_function **out);
/* The function named `name`; KILN_NOT_FOUND if there is none. */
KILN_API kiln_status *kiln_artifact_find_function(const kiln_artifact *artifact,
                                                  const char *name,
                                                  const kiln_function **out);

/* A function's name; NULL for NULL. */
KILN_API const char *kiln_function_name(const kiln_function *fn);
/* Number of inputs / outputs; 0 for NULL. */
KILN_API size_t kiln_function_input_count(const kiln_function *fn);
KILN_API size_t kiln_function_output_count(const kiln_function *fn);
/* Descriptor of input / output `index`; NULL if `fn` is NULL or `index` is
 * out of range. Valid as long as the artifact is open. */
KILN_API const kiln_tensor_desc *kiln_function_input(const kiln_function *fn,
                                                     size_t index);
KILN_API const kiln_tensor_desc *kiln_function_output(const kiln_function *fn,
                                                      size_t index);
/* 1 if any argument has a dynamic (batch) dimension, else 0. */
KILN_API int kiln_function_is_batched(const kiln_function *fn);

/* Fill `out`'s dtype, rank and dims with the shape input / output `index`
 * has for `batch` (ignored if the function has no dynamic dimension,
 * otherwise it must be >= 1). `out->data` is left untouched, so a caller can
 * size a buffer with kiln_tensor_byte_size and then set it. */
KILN_API kiln_status *kiln_function_input_shape(const kiln_function *fn,
                                                size_t index, int64_t batch,
                                                kiln_tensor *out);
KILN_API kiln_status *kiln_function_output_shape(const kiln_function *fn,
                                                 size_t index, int64_t batch,
                                                 kiln_tensor *out);

/* Checks the views against the function's signature (counts, NULL data,
 * element types, ranks, static dimensions, one batch size >= 1 shared by all
 * dynamic dimensions, output shapes for that batch) and then runs the
 * function, which reads the inputs and writes the outputs' buffers.
 * Errors: KILN_INVALID_ARGUMENT, KILN_TYPE_MISMATCH, KILN_SHAPE_MISMATCH.
 * Safe to call concurrently, on the same or different functions. */
KILN_API kiln_status *kiln_function_call(const kiln_function *fn,
                                         const kiln_tensor *inputs,
                                         size_t n_inputs, kiln_tensor *outputs,
                                         size_t n_outputs);

/*===--- Checkpoints ------------------------------------------------------===*/

/* Writes `count` tensors, named by `names`, to `path` in Kiln's checkpoint
 * format (docs/training.md). The file is written whole to a temporary file
 * beside `path`, flushed to disk, then renamed over `path`: a reader sees
 * the previous checkpoint or the new one, never a partial file. Names must
 * be distinct and non-empty. */
KILN_API kiln_status *kiln_checkpoint_save(const char *path,
                                           const char *const *names,
                                           const kiln_tensor *tensors,
                                           size_t count);

/* Reads the checkpoint at `path` into `tensors`: for each of `names`, the
 * file's tensor of that name must have the view's element type and
 * dimensions, and its values are copied into the view's buffer. The file may
 * hold other tensors too. Nothing is written to any buffer unless the whole
 * file is valid and every name is found with a matching type and shape. */
KILN_API kiln_status *kiln_checkpoint_load(const char *path,
                                           const char *const *names,
                                           kiln_tensor *tensors, size_t count);

#ifdef __cplusplus
}
#endif

#endif /* KILN_RUNTIME_H */

//===- Status.h - Status objects returned by the C API ----------*- C++ -*-===//

#ifndef KILN_RUNTIME_STATUS_H
#define KILN_RUNTIME_STATUS_H

#include "kiln/runtime.h"

#include <exception>
#include <new>
#include <string>

struct kiln_status {
  kiln_status_code_t code;
  std::string message;
};

namespace kiln::runtime {

/// A new status with `code` and `message`; never NULL (falls back to a shared
/// out-of-memory status that kiln_status_free ignores).
kiln_status *makeStatus(kiln_status_code_t code, std::string message) noexcept;

/// The shared status returned when memory runs out.
kiln_status *outOfMemoryStatus() noexcept;

/// Runs `body`, which returns a `kiln_status *`, and turns any exception it
/// throws into a status, so that no exception crosses the C API.
template <typename Body>
kiln_status *guardApi(const char *api, Body &&body) noexcept {
  try {
    return body();
  } catch (const std::bad_alloc &) {
    return outOfMemoryStatus();
  } catch (const std::exception &error) {
    return makeStatus(KILN_INTERNAL, std::string(api) + ": " + error.what());
  } catch (...) {
    return makeStatus(KILN_INTERNAL, std::string(api) + ": unknown error");
  }
}

} // namespace kiln::runtime

#endif // KILN_RUNTIME_STATUS_H

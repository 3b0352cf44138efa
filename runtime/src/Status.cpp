//===- Status.cpp - Status objects returned by the C API ------------------===//

#include "Status.h"

#include <utility>

namespace kiln::runtime {

kiln_status *outOfMemoryStatus() noexcept {
  static kiln_status status{KILN_INTERNAL, "out of memory"};
  return &status;
}

kiln_status *makeStatus(kiln_status_code_t code, std::string message) noexcept {
  kiln_status *status = new (std::nothrow) kiln_status{code, std::string()};
  if (!status)
    return outOfMemoryStatus();
  status->message = std::move(message);
  return status;
}

} // namespace kiln::runtime

using namespace kiln::runtime;

extern "C" {

kiln_status_code_t kiln_status_code(const kiln_status *status) {
  return status ? status->code : KILN_OK;
}

const char *kiln_status_message(const kiln_status *status) {
  return status ? status->message.c_str() : "OK";
}

void kiln_status_free(kiln_status *status) {
  if (status != outOfMemoryStatus())
    delete status;
}

const char *kiln_status_code_name(kiln_status_code_t code) {
  switch (code) {
  case KILN_OK:
    return "KILN_OK";
  case KILN_INVALID_ARGUMENT:
    return "KILN_INVALID_ARGUMENT";
  case KILN_NOT_FOUND:
    return "KILN_NOT_FOUND";
  case KILN_IO_ERROR:
    return "KILN_IO_ERROR";
  case KILN_NOT_AN_ARTIFACT:
    return "KILN_NOT_AN_ARTIFACT";
  case KILN_ABI_MISMATCH:
    return "KILN_ABI_MISMATCH";
  case KILN_SHAPE_MISMATCH:
    return "KILN_SHAPE_MISMATCH";
  case KILN_TYPE_MISMATCH:
    return "KILN_TYPE_MISMATCH";
  case KILN_INTERNAL:
    return "KILN_INTERNAL";
  }
  return "KILN_UNKNOWN";
}

} // extern "C"

//===- Version.cpp - The runtime's version --------------------------------===//

#include "kiln/runtime.h"

extern "C" const char *kiln_runtime_version(void) { return "0.1.0"; }

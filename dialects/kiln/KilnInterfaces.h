//===- KilnInterfaces.h - Interfaces of kiln ops ----------------*- C++ -*-===//

#ifndef KILN_DIALECT_KILNINTERFACES_H
#define KILN_DIALECT_KILNINTERFACES_H

#include "dialects/kiln/GradientEmitter.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/TypeUtilities.h"

#include "dialects/kiln/KilnInterfaces.h.inc"

#endif // KILN_DIALECT_KILNINTERFACES_H

//===- RecurrentActivations.h - Gate functions of recurrent ops -*- C++ -*-===//
//
// The activation functions that kiln.lstm, kiln.gru and kiln.rnn accept for
// their gates, and the parameters each uses by default.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_RECURRENTACTIVATIONS_H
#define KILN_DIALECT_RECURRENTACTIVATIONS_H

#include "mlir/IR/Operation.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include <optional>

namespace kiln {

/// A gate function with its parameters resolved.
struct RecurrentActivation {
  std::string name;
  double alpha = 0.0;
  double beta = 0.0;
};

/// The default (alpha, beta) of the named activation, or nullopt when the
/// name is not one the recurrent ops accept.
std::optional<std::pair<double, double>>
recurrentActivationDefaults(llvm::StringRef name);

/// The number of directions a recurrent op's `direction` stands for (1 or
/// 2), or nullopt when it is not forward, reverse or bidirectional.
std::optional<int64_t> recurrentDirectionCount(llvm::StringRef direction);

/// The activations of a verified kiln.lstm, kiln.gru or kiln.rnn, one per
/// gate function and direction (the forward direction's first), with the
/// defaults filled in.
llvm::SmallVector<RecurrentActivation>
resolveRecurrentActivations(mlir::Operation *op);

} // namespace kiln

#endif // KILN_DIALECT_RECURRENTACTIVATIONS_H

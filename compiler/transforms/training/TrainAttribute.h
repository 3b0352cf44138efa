//===- TrainAttribute.h - A loss function's `kiln.train` -------*- C++ -*-===//
//
// A loss function marked `kiln.train` describes one train section:
//
//   kiln.train = {model = @m, name = "generator",
//                 optimizer = {name = "adam", ...} | [{..., params = [...]}],
//                 frozen = ["name", ...]}
//
// `name` is optional (one unnamed section per module). An optimizer list
// gives each optimizer the parameters in its `params`; at most one leaves
// `params` out and takes the rest.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_TRANSFORMS_TRAINING_TRAINATTRIBUTE_H
#define KILN_COMPILER_TRANSFORMS_TRAINING_TRAINATTRIBUTE_H

#include "compiler/transforms/training/OptimizerConfig.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"

#include <optional>
#include <string>
#include <vector>

namespace kiln {

struct TrainAttribute {
  struct Group {
    OptimizerConfig config;
    /// The parameter names; none for the optimizer of the rest.
    std::optional<std::vector<std::string>> params;
  };
  mlir::func::FuncOp model;
  std::string name;
  std::vector<Group> groups;
  std::vector<std::string> frozen;
};

/// Reads and checks `loss`'s `kiln.train`.
mlir::FailureOr<TrainAttribute> readTrainAttribute(mlir::ModuleOp module,
                                                   mlir::func::FuncOp loss);

/// Checks that `loss` takes the model's inputs first and returns a scalar
/// loss first, then scalar metrics.
mlir::LogicalResult checkLossSignature(mlir::func::FuncOp loss,
                                       mlir::func::FuncOp model);

} // namespace kiln

#endif // KILN_COMPILER_TRANSFORMS_TRAINING_TRAINATTRIBUTE_H

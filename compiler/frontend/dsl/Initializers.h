//===- Initializers.h - Parameter initializers ------------------*- C++ -*-===//
//
// The initializers a parameter can be declared with, as kiln.parameter
// understands them: their names and the numbers they take.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_FRONTEND_DSL_INITIALIZERS_H
#define KILN_FRONTEND_DSL_INITIALIZERS_H

#include "compiler/frontend/dsl/CallArguments.h"
#include "llvm/ADT/ArrayRef.h"

namespace kiln::dsl {

struct Initializer {
  llvm::StringLiteral name;
  /// The numbers it takes, in the order of kiln.parameter's init_args.
  llvm::ArrayRef<ArgSpec> arguments;
  /// Their values when not given; empty when they are required.
  llvm::ArrayRef<double> defaults;
};

/// The initializer called `name`, or null.
const Initializer *findInitializer(llvm::StringRef name);

/// The names of all initializers, for messages.
std::string listInitializers();

} // namespace kiln::dsl

#endif // KILN_FRONTEND_DSL_INITIALIZERS_H

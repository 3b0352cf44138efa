//===- CallArguments.h - Arguments of a built-in call -----------*- C++ -*-===//
//
// Binds the positional and keyword arguments of a call to a built-in's
// signature and reads them back as tensors, integers, lists and so on,
// reporting missing, unknown and ill-typed arguments at their source.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_FRONTEND_DSL_CALLARGUMENTS_H
#define KILN_FRONTEND_DSL_CALLARGUMENTS_H

#include "compiler/frontend/dsl/AST.h"
#include "compiler/frontend/dsl/DslValue.h"
#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/SmallVector.h"
#include <functional>
#include <optional>

namespace kiln::dsl {

/// One parameter of a built-in's signature.
struct ArgSpec {
  llvm::StringLiteral name;
  bool required = false;
};

using ErrorEmitter =
    std::function<mlir::InFlightDiagnostic(llvm::SMLoc, const llvm::Twine &)>;

/// A keyword argument of a call, evaluated.
struct EvaluatedKeyword {
  const KeywordArg *syntax;
  DslValue value;
};

class CallArguments {
public:
  /// Binds the arguments of `call` to `signature`; fails after reporting a
  /// surplus positional argument, an unknown keyword, an argument given
  /// twice or a missing required one.
  static std::optional<CallArguments>
  bind(const CallExpr &call, llvm::StringRef what,
       std::vector<DslValue> positional, std::vector<EvaluatedKeyword> keywords,
       llvm::ArrayRef<ArgSpec> signature, const ErrorEmitter &emitError);

  bool has(llvm::StringRef name) const { return find(name) != nullptr; }
  const DslValue *find(llvm::StringRef name) const;
  /// The argument's location, or the call's when it was not given.
  llvm::SMLoc locOf(llvm::StringRef name) const;
  llvm::SMLoc callLoc() const { return call->getLoc(); }

  /// Readers: each reports a wrongly typed argument and fails; the ones with
  /// a fallback return it when the argument is absent or None.
  mlir::FailureOr<mlir::Value> tensor(llvm::StringRef name) const;
  mlir::FailureOr<int64_t> integer(llvm::StringRef name,
                                   std::optional<int64_t> fallback = {}) const;
  mlir::FailureOr<double> number(llvm::StringRef name,
                                 std::optional<double> fallback = {}) const;
  mlir::FailureOr<bool> boolean(llvm::StringRef name,
                                std::optional<bool> fallback = {}) const;
  /// A string, or "" for None.
  mlir::FailureOr<std::string>
  string(llvm::StringRef name, std::optional<std::string> fallback = {}) const;
  /// A list of integers; a single integer reads as a one-element list.
  mlir::FailureOr<llvm::SmallVector<int64_t>>
  integers(llvm::StringRef name,
           std::optional<llvm::SmallVector<int64_t>> fallback = {}) const;
  /// An integer `n` (read as `[n, n]`) or a list of two integers.
  mlir::FailureOr<llvm::SmallVector<int64_t>>
  pair(llvm::StringRef name,
       std::optional<llvm::SmallVector<int64_t>> fallback = {}) const;
  /// A list of tensors.
  mlir::FailureOr<llvm::SmallVector<mlir::Value>>
  tensors(llvm::StringRef name) const;

  /// Reports `message` about argument `name`.
  mlir::InFlightDiagnostic error(llvm::StringRef name,
                                 const llvm::Twine &message) const;

private:
  CallArguments(const CallExpr &call, llvm::StringRef what,
                const ErrorEmitter &emitError)
      : call(&call), what(what.str()), emitError(emitError) {}

  /// The argument, or null when absent; fails when it is absent, has no
  /// fallback and is required by the reader.
  mlir::FailureOr<const DslValue *> lookup(llvm::StringRef name,
                                           bool hasFallback) const;
  /// Reads an argument of the kind that `accepts` approves of with
  /// `readValue`; reports any other kind as not `expected`.
  template <typename T, typename Accepts, typename Read>
  mlir::FailureOr<T> read(llvm::StringRef name, std::optional<T> fallback,
                          llvm::StringRef expected, Accepts accepts,
                          Read readValue) const;
  mlir::LogicalResult kindError(llvm::StringRef name, const DslValue &value,
                                llvm::StringRef expected) const;

  const CallExpr *call;
  std::string what;
  ErrorEmitter emitError;
  llvm::SmallVector<std::pair<llvm::StringRef, DslValue>> bound;
};

} // namespace kiln::dsl

#endif // KILN_FRONTEND_DSL_CALLARGUMENTS_H

//===- DslValue.h - Values of model-language expressions --------*- C++ -*-===//
//
// What an expression evaluates to while MLIRGen expands a model: a tensor
// (an SSA value), a compile-time number, string or boolean, None, a list, or
// the several results of a block.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_FRONTEND_DSL_DSLVALUE_H
#define KILN_FRONTEND_DSL_DSLVALUE_H

#include "mlir/IR/Value.h"
#include "llvm/Support/SMLoc.h"
#include <string>
#include <vector>

namespace kiln::dsl {

struct DslValue {
  enum class Kind { Tensor, Number, String, Bool, None, List, Tuple };

  Kind kind = Kind::None;
  mlir::Value tensor;
  double number = 0;
  bool integer = false;
  std::string string;
  bool boolean = false;
  /// The elements of a list, or the results of a block.
  std::vector<DslValue> elements;
  /// Where the value was written, for diagnostics about it.
  llvm::SMLoc loc;

  static DslValue ofTensor(mlir::Value value, llvm::SMLoc loc) {
    DslValue v(Kind::Tensor, loc);
    v.tensor = value;
    return v;
  }
  static DslValue ofNumber(double value, bool isInteger, llvm::SMLoc loc) {
    DslValue v(Kind::Number, loc);
    v.number = value;
    v.integer = isInteger;
    return v;
  }
  static DslValue ofString(std::string value, llvm::SMLoc loc) {
    DslValue v(Kind::String, loc);
    v.string = std::move(value);
    return v;
  }
  static DslValue ofBool(bool value, llvm::SMLoc loc) {
    DslValue v(Kind::Bool, loc);
    v.boolean = value;
    return v;
  }
  static DslValue ofNone(llvm::SMLoc loc) { return DslValue(Kind::None, loc); }
  static DslValue ofList(std::vector<DslValue> elements, llvm::SMLoc loc,
                         Kind kind = Kind::List) {
    DslValue v(kind, loc);
    v.elements = std::move(elements);
    return v;
  }

  bool isTensor() const { return kind == Kind::Tensor; }
  bool isNumber() const { return kind == Kind::Number; }
  bool isIntegral() const;

  /// A short description for messages: "a tensor f32[?, 10]", "the number 3".
  std::string describe() const;

  DslValue() = default;

private:
  DslValue(Kind kind, llvm::SMLoc loc) : kind(kind), loc(loc) {}
};

} // namespace kiln::dsl

#endif // KILN_FRONTEND_DSL_DSLVALUE_H

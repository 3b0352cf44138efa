//===- DslValue.cpp - Values of model-language expressions ----------------===//

#include "compiler/frontend/dsl/DslValue.h"

#include "compiler/frontend/dsl/Types.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"
#include <cmath>

using namespace kiln::dsl;

bool DslValue::isIntegral() const {
  return kind == Kind::Number && std::isfinite(number) &&
         number == std::trunc(number);
}

std::string DslValue::describe() const {
  std::string text;
  llvm::raw_string_ostream os(text);
  switch (kind) {
  case Kind::Tensor:
    os << "a tensor " << formatType(tensor.getType());
    break;
  case Kind::Number:
    os << "the number ";
    if (isIntegral())
      os << static_cast<int64_t>(number);
    else
      os << llvm::format("%g", number);
    break;
  case Kind::String:
    os << "the string \"" << string << "\"";
    break;
  case Kind::Bool:
    os << (boolean ? "true" : "false");
    break;
  case Kind::None:
    os << "None";
    break;
  case Kind::List:
    os << "a list";
    break;
  case Kind::Tuple:
    os << elements.size() << " values";
    break;
  }
  return text;
}

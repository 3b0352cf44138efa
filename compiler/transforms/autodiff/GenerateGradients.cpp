//===- GenerateGradients.cpp - The kiln-generate-gradients pass -----------===//

#include "compiler/transforms/Passes.h"
#include "compiler/transforms/autodiff/Gradient.h"

namespace kiln {
#define GEN_PASS_DEF_GENERATEGRADIENTS
#include "compiler/transforms/Passes.h.inc"
} // namespace kiln

using namespace mlir;
using namespace kiln;

namespace {

constexpr llvm::StringLiteral kRequestAttr = "kiln.gradient";

struct Request {
  func::FuncOp f;
  std::string name;
  SmallVector<unsigned> wrt;
};

/// Reads one `{name = "...", wrt = array<i64: ...>}` entry.
FailureOr<Request> parseRequest(func::FuncOp f, Attribute attr) {
  auto dict = dyn_cast<DictionaryAttr>(attr);
  if (!dict)
    return f.emitError("'kiln.gradient' must be a dictionary "
                       "{name = \"...\", wrt = array<i64: ...>} or an array "
                       "of them");
  Request request{f, (f.getName() + "_grad").str(), {}};
  if (Attribute name = dict.get("name")) {
    auto string = dyn_cast<StringAttr>(name);
    if (!string)
      return f.emitError("'kiln.gradient' name must be a string");
    request.name = string.str();
  }
  if (Attribute wrt = dict.get("wrt")) {
    auto indices = dyn_cast<DenseI64ArrayAttr>(wrt);
    if (!indices)
      return f.emitError("'kiln.gradient' wrt must be an array<i64: ...>");
    for (int64_t index : indices.asArrayRef()) {
      if (index < 0)
        return f.emitError("'kiln.gradient' wrt indices must be >= 0");
      request.wrt.push_back(index);
    }
  } else {
    for (auto [index, type] : llvm::enumerate(f.getArgumentTypes()))
      if (isa<FloatType>(getElementTypeOrSelf(type)))
        request.wrt.push_back(index);
  }
  return request;
}

struct GenerateGradients
    : kiln::impl::GenerateGradientsBase<GenerateGradients> {
  void runOnOperation() override {
    SmallVector<Request> requests;
    for (auto f : getOperation().getOps<func::FuncOp>()) {
      Attribute attr = f->getAttr(kRequestAttr);
      if (!attr)
        continue;
      SmallVector<Attribute> entries;
      if (auto array = dyn_cast<ArrayAttr>(attr))
        llvm::append_range(entries, array.getValue());
      else
        entries.push_back(attr);
      for (Attribute entry : entries) {
        FailureOr<Request> request = parseRequest(f, entry);
        if (failed(request))
          return signalPassFailure();
        requests.push_back(*request);
      }
    }
    for (Request &request : requests) {
      request.f->removeAttr(kRequestAttr);
      if (failed(
              buildGradientFunction(request.f, request.wrt, request.name)))
        return signalPassFailure();
    }
  }
};

} // namespace

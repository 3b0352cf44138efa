//===- Summary.cpp - Keras-style summary of imported models ---------------===//
//
// Reproduces the table that Keras's Model.summary() prints: one row per
// layer, then the parameter counts. Layers are the ops carrying a kiln.layer
// attribute; a layer's parameters are the kiln.parameter ops named
// "<layer>.<weight>".
//
//===----------------------------------------------------------------------===//

#include "compiler/frontend/dsl/Summary.h"

#include "compiler/frontend/dsl/Layout.h"
#include "compiler/frontend/dsl/ModelAttributes.h"
#include "dialects/kiln/KilnOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/ADT/StringMap.h"

using namespace mlir;

namespace {

constexpr size_t kLineLength = 65;
constexpr size_t kColumnEnds[] = {29, 55, 65};

/// A shape as Python prints a tuple, dynamic dimensions as None.
std::string formatShape(ArrayRef<int64_t> shape) {
  std::string text = "(";
  for (auto [i, dim] : llvm::enumerate(shape)) {
    if (i > 0)
      text += ", ";
    text += ShapedType::isDynamic(dim) ? "None" : std::to_string(dim);
  }
  if (shape.size() == 1)
    text += ",";
  return text + ")";
}

/// `n` with thousands separators, as Python's "{:,}".
std::string withSeparators(int64_t n) {
  std::string digits = std::to_string(n);
  std::string text;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0)
      text += ',';
    text += digits[i];
  }
  return text;
}

/// One table row, wrapped over several lines when a field is too wide, the
/// way Keras's print_row does it.
void printRow(ArrayRef<std::string> fields, llvm::raw_ostream &os) {
  SmallVector<std::string> left(fields);
  auto anyLeft = [&] {
    return llvm::any_of(left, [](const std::string &s) { return !s.empty(); });
  };
  while (anyLeft()) {
    std::string line;
    for (size_t col = 0; col < left.size(); ++col) {
      size_t start = col > 0 ? kColumnEnds[col - 1] : 0;
      size_t end = kColumnEnds[col];
      size_t space = col + 1 != std::size(kColumnEnds) ? 2 : 0;
      size_t cutoff = end - start - space;
      std::string fit = left[col].substr(0, cutoff);
      size_t best = std::string::npos;
      for (const char *breaker : {"),", "},", "],", "',"}) {
        size_t at = fit.find(breaker);
        if (at != std::string::npos)
          best = std::min(best, at + 2);
      }
      if (best != std::string::npos) {
        cutoff = best;
        fit = fit.substr(0, cutoff);
      }
      if (col == 0)
        line += " ";
      line += fit;
      line += std::string(space, ' ');
      left[col] = left[col].size() > cutoff ? left[col].substr(cutoff) : "";
      if (line.size() < end)
        line += std::string(end - line.size(), ' ');
    }
    os << line << "\n";
  }
}

int64_t elementCount(Type type) {
  return cast<ShapedType>(type).getNumElements();
}

void printModelSummary(func::FuncOp function, llvm::raw_ostream &os) {
  bool nhwc = false;
  if (auto layout = function->getAttrOfType<StringAttr>(kiln::dsl::kLayoutAttr))
    nhwc = layout.getValue() == "nhwc";
  auto userShape = [&](Type type) {
    auto shaped = cast<ShapedType>(type);
    if (nhwc && shaped.getRank() == 4)
      return kiln::dsl::nhwcShapeOf(shaped.getShape());
    return SmallVector<int64_t>(shaped.getShape());
  };

  int64_t trainable = 0, nonTrainable = 0;
  llvm::StringMap<int64_t> layerParameters;
  function.walk([&](kiln::ParameterOp parameter) {
    int64_t count = elementCount(parameter.getType());
    (parameter.getTrainable() ? trainable : nonTrainable) += count;
    StringRef name = parameter.getName();
    size_t dot = name.rfind('.');
    if (dot != StringRef::npos)
      layerParameters[name.take_front(dot)] += count;
  });

  SmallVector<SmallVector<std::string, 3>> rows;
  for (auto [i, argument] : llvm::enumerate(function.getArguments())) {
    auto name = function.getArgAttrOfType<StringAttr>(i, kiln::dsl::kNameAttr);
    std::string label = name ? name.str() : "input_" + std::to_string(i);
    rows.push_back(
        {label + " (InputLayer)",
         "[" + formatShape(cast<ShapedType>(argument.getType()).getShape()) +
             "]",
         "0"});
  }
  function.walk([&](Operation *op) {
    auto layer = op->getAttrOfType<StringAttr>(kiln::dsl::kLayerAttr);
    if (!layer || op->getNumResults() != 1)
      return;
    auto type = op->getAttrOfType<StringAttr>(kiln::dsl::kLayerTypeAttr);
    rows.push_back({layer.str() + " (" + (type ? type.str() : "Layer") + ")",
                    formatShape(userShape(op->getResult(0).getType())),
                    std::to_string(layerParameters.lookup(layer.getValue()))});
  });

  os << "Model: \"" << function.getSymName() << "\"\n";
  os << std::string(kLineLength, '_') << "\n";
  printRow({"Layer (type)", "Output Shape", "Param #"}, os);
  os << std::string(kLineLength, '=') << "\n";
  for (const auto &row : rows) {
    printRow(row, os);
    os << std::string(kLineLength, ' ') << "\n";
  }
  os << std::string(kLineLength, '=') << "\n";
  os << "Total params: " << withSeparators(trainable + nonTrainable) << "\n";
  os << "Trainable params: " << withSeparators(trainable) << "\n";
  os << "Non-trainable params: " << withSeparators(nonTrainable) << "\n";
  os << std::string(kLineLength, '_') << "\n";
}

} // namespace

void kiln::dsl::printSummary(ModuleOp module, llvm::raw_ostream &os) {
  bool first = true;
  for (func::FuncOp function : module.getOps<func::FuncOp>()) {
    if (!first)
      os << "\n";
    first = false;
    printModelSummary(function, os);
  }
}

//===- RecordEntryPoints.cpp - Tensor signatures of entry points ----------===//

#include "compiler/transforms/Passes.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/SymbolTable.h"

namespace kiln {
#define GEN_PASS_DEF_RECORDENTRYPOINTS
#include "compiler/transforms/Passes.h.inc"
} // namespace kiln

using namespace mlir;
using namespace kiln;

namespace {

bool isSupportedElementType(Type type) {
  return type.isF32() || type.isF64() || type.isInteger(32) ||
         type.isInteger(64) || type.isInteger(1);
}

/// {name, type} for one argument or result; `attrs` may carry `kiln.name`.
FailureOr<DictionaryAttr> describeTensor(func::FuncOp func, Type type,
                                         DictionaryAttr attrs,
                                         StringRef fallbackName) {
  Builder b(func.getContext());
  auto tensor = dyn_cast<RankedTensorType>(type);
  if (!tensor || !isSupportedElementType(tensor.getElementType()))
    return func.emitError("entry point '")
           << func.getSymName() << "' has a value of unsupported type " << type
           << " (expected a ranked tensor of f32, f64, i32, i64 or i1)";
  Attribute name = attrs ? attrs.get("kiln.name") : Attribute();
  if (!name)
    name = b.getStringAttr(fallbackName);
  return b.getDictionaryAttr({b.getNamedAttr("name", name),
                              b.getNamedAttr("type", TypeAttr::get(type))});
}

/// For each result, the index of the input whose buffer it may share
/// (docs/abi.md): result `new_<name>` pairs with input `<name>` of the same
/// type; -1 for a result without one.
SmallVector<int64_t> inPlaceInputs(ArrayRef<Attribute> inputs,
                                   ArrayRef<Attribute> outputs) {
  SmallVector<int64_t> pairs(outputs.size(), -1);
  for (auto [r, output] : llvm::enumerate(outputs)) {
    auto result = cast<DictionaryAttr>(output);
    StringRef name = cast<StringAttr>(result.get("name")).getValue();
    if (!name.consume_front("new_"))
      continue;
    for (auto [i, input] : llvm::enumerate(inputs)) {
      auto arg = cast<DictionaryAttr>(input);
      if (cast<StringAttr>(arg.get("name")).getValue() == name &&
          arg.get("type") == result.get("type"))
        pairs[r] = i;
    }
  }
  return pairs;
}

struct RecordEntryPointsPass
    : kiln::impl::RecordEntryPointsBase<RecordEntryPointsPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    Builder b(&getContext());
    SmallVector<Attribute> entries;
    for (auto func : module.getOps<func::FuncOp>()) {
      if (!func.isPublic() || func.isExternal() ||
          func.getSymName().starts_with("__kiln_"))
        continue;
      SmallVector<Attribute> inputs, outputs;
      FunctionType type = func.getFunctionType();
      for (unsigned i = 0; i < type.getNumInputs(); ++i) {
        auto desc =
            describeTensor(func, type.getInput(i), func.getArgAttrDict(i),
                           ("input" + Twine(i)).str());
        if (failed(desc))
          return signalPassFailure();
        inputs.push_back(*desc);
      }
      for (unsigned i = 0; i < type.getNumResults(); ++i) {
        auto desc =
            describeTensor(func, type.getResult(i), func.getResultAttrDict(i),
                           ("output" + Twine(i)).str());
        if (failed(desc))
          return signalPassFailure();
        outputs.push_back(*desc);
      }
      SmallVector<int64_t> pairs = inPlaceInputs(inputs, outputs);
      for (auto [r, input] : llvm::enumerate(pairs)) {
        if (input < 0)
          continue;
        auto output = cast<DictionaryAttr>(outputs[r]);
        NamedAttrList fields(output);
        fields.set("in_place", cast<DictionaryAttr>(inputs[input]).get("name"));
        outputs[r] = fields.getDictionary(&getContext());
      }
      if (llvm::any_of(pairs, [](int64_t input) { return input >= 0; }))
        func->setAttr("kiln.in_place_inputs", b.getDenseI64ArrayAttr(pairs));
      // Inputs are const in the ABI: bufferization must not write into them.
      for (unsigned i = 0; i < type.getNumInputs(); ++i)
        func.setArgAttr(i, "bufferization.writable", b.getBoolAttr(false));
      entries.push_back(b.getDictionaryAttr(
          {b.getNamedAttr("name", func.getSymNameAttr()),
           b.getNamedAttr("inputs", b.getArrayAttr(inputs)),
           b.getNamedAttr("outputs", b.getArrayAttr(outputs))}));
      StringAttr implName = b.getStringAttr("__kiln_impl_" + func.getSymName());
      if (failed(SymbolTable::replaceAllSymbolUses(func, implName, module)))
        return signalPassFailure();
      func.setSymName(implName);
    }
    module->setAttr("kiln.entry_points", b.getArrayAttr(entries));
  }
};

} // namespace

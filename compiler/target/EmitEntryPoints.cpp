//===- EmitEntryPoints.cpp - C entry points and manifest ------------------===//

#include "compiler/target/EntryPoints.h"
#include "compiler/target/Passes.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/Builders.h"

namespace kiln {
#define GEN_PASS_DEF_EMITENTRYPOINTS
#include "compiler/target/Passes.h.inc"
} // namespace kiln

using namespace mlir;
using namespace kiln;

namespace {

class EntryPointBuilder {
public:
  EntryPointBuilder(ModuleOp module, const EntryPoint &entry)
      : module(module), entry(entry), b(module.getContext()),
        loc(module.getLoc()), i64(b.getI64Type()),
        ptr(LLVM::LLVMPointerType::get(module.getContext())) {}

  /// `void F([int64_t batch,] ptr in..., ptr out...)`.
  void buildTyped(LLVM::LLVMFuncOp impl) {
    SmallVector<Type> params;
    if (entry.hasDynamicDims())
      params.push_back(i64);
    params.append(entry.inputs.size() + entry.outputs.size(), ptr);
    LLVM::LLVMFuncOp func = createFunc(entry.name, params);
    Block *body = func.addEntryBlock(b);
    b.setInsertionPointToStart(body);
    ValueRange args = body->getArguments();
    Value batch = entry.hasDynamicDims() ? args.front() : Value();
    callImpl(impl, batch, args.drop_front(entry.hasDynamicDims() ? 1 : 0));
  }

  /// `void F_packed(const int64_t *dims, void *const *buffers)`.
  void buildPacked(LLVM::LLVMFuncOp impl) {
    LLVM::LLVMFuncOp func = createFunc(entry.name + "_packed", {ptr, ptr});
    Block *body = func.addEntryBlock(b);
    b.setInsertionPointToStart(body);
    Value batch;
    if (entry.hasDynamicDims())
      batch = LLVM::LoadOp::create(b, loc, i64, body->getArgument(0));
    SmallVector<Value> buffers;
    size_t count = entry.inputs.size() + entry.outputs.size();
    for (size_t i = 0; i < count; ++i) {
      Value slot = LLVM::GEPOp::create(b, loc, ptr, ptr, body->getArgument(1),
                                       ArrayRef<LLVM::GEPArg>{int32_t(i)});
      buffers.push_back(LLVM::LoadOp::create(b, loc, ptr, slot));
    }
    callImpl(impl, batch, buffers);
  }

private:
  LLVM::LLVMFuncOp createFunc(StringRef name, ArrayRef<Type> params) {
    b.setInsertionPointToEnd(module.getBody());
    auto type = LLVM::LLVMFunctionType::get(
        LLVM::LLVMVoidType::get(b.getContext()), params);
    return LLVM::LLVMFuncOp::create(b, loc, name, type);
  }

  Value constant(int64_t value) {
    return LLVM::ConstantOp::create(b, loc, i64, b.getI64IntegerAttr(value));
  }

  /// Appends the expanded memref descriptor of a dense buffer: allocated
  /// and aligned pointers, offset 0, sizes, row-major strides.
  void appendDescriptor(SmallVectorImpl<Value> &args, Value buffer,
                        RankedTensorType type, Value batch) {
    args.push_back(buffer);
    args.push_back(buffer);
    args.push_back(constant(0));
    SmallVector<Value> sizes;
    for (int64_t d : type.getShape())
      sizes.push_back(ShapedType::isDynamic(d) ? batch : constant(d));
    args.append(sizes);
    SmallVector<Value> strides(type.getRank());
    Value stride = constant(1);
    for (int64_t i = type.getRank() - 1; i >= 0; --i) {
      strides[i] = stride;
      stride = LLVM::MulOp::create(b, loc, stride, sizes[i]);
    }
    args.append(strides);
  }

  void callImpl(LLVM::LLVMFuncOp impl, Value batch, ValueRange buffers) {
    SmallVector<Value> args;
    size_t i = 0;
    for (const auto *list : {&entry.inputs, &entry.outputs})
      for (const TensorSignature &t : *list)
        appendDescriptor(args, buffers[i++], t.type, batch);
    LLVM::CallOp::create(b, loc, impl, args);
    LLVM::ReturnOp::create(b, loc, ValueRange{});
  }

  ModuleOp module;
  const EntryPoint &entry;
  OpBuilder b;
  Location loc;
  Type i64, ptr;
};

void addConstantGlobal(ModuleOp module, StringRef name, Type type,
                       Attribute value) {
  OpBuilder b = OpBuilder::atBlockEnd(module.getBody());
  LLVM::GlobalOp::create(b, module.getLoc(), type, /*isConstant=*/true,
                         LLVM::Linkage::External, name, value);
}

struct EmitEntryPointsPass
    : kiln::impl::EmitEntryPointsBase<EmitEntryPointsPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    std::vector<EntryPoint> entries = readEntryPoints(module);
    for (const EntryPoint &entry : entries) {
      auto impl = module.lookupSymbol<LLVM::LLVMFuncOp>(entry.implName());
      if (!impl) {
        module.emitError("entry point '")
            << entry.name << "' has no lowered function " << entry.implName();
        return signalPassFailure();
      }
      EntryPointBuilder builder(module, entry);
      builder.buildTyped(impl);
      builder.buildPacked(impl);
    }
    MLIRContext *ctx = &getContext();
    std::string manifest = manifestText(entries);
    manifest.push_back('\0');
    addConstantGlobal(
        module, "__kiln_manifest",
        LLVM::LLVMArrayType::get(IntegerType::get(ctx, 8), manifest.size()),
        StringAttr::get(ctx, manifest));
    addConstantGlobal(
        module, "__kiln_abi_version", IntegerType::get(ctx, 32),
        IntegerAttr::get(IntegerType::get(ctx, 32), kArtifactAbiVersion));
    module->removeAttr("kiln.entry_points");
  }
};

} // namespace

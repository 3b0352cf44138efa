//===- MLIRGenBlocks.cpp - Expansion of user-defined blocks ---------------===//
//
// A block call is expanded in place: its body runs in a fresh frame whose
// names are its parameters, and the layers it creates get names prefixed by
// the call's instance name ("residual_1/conv2d").
//
//===----------------------------------------------------------------------===//

#include "compiler/frontend/dsl/MLIRGen.h"

#include "compiler/frontend/dsl/Types.h"
#include "llvm/ADT/ScopeExit.h"

using namespace mlir;
using namespace kiln::dsl;
using llvm::SMLoc;
using llvm::StringRef;
using llvm::Twine;

/// A block parameter's declared type matches when the element types and
/// ranks agree and every sized dimension has that size; a named dimension
/// matches any size.
static bool matchesBlockParamType(RankedTensorType type, const TypeSpec &spec,
                                  Type elementType) {
  if (type.getElementType() != elementType ||
      type.getRank() != static_cast<int64_t>(spec.dims.size()))
    return false;
  for (auto [dim, declared] : llvm::zip(type.getShape(), spec.dims))
    if (!declared.isNamed() && dim != declared.size)
      return false;
  return true;
}

static StringRef describeKind(BlockParam::Kind kind) {
  switch (kind) {
  case BlockParam::Kind::Any:
    return "any value";
  case BlockParam::Kind::Tensor:
    return "a tensor";
  case BlockParam::Kind::Int:
    return "an int";
  case BlockParam::Kind::Float:
    return "a float";
  case BlockParam::Kind::String:
    return "a string";
  case BlockParam::Kind::Bool:
    return "a bool";
  }
  return "a value";
}

LogicalResult ModelGenerator::checkBlockArgument(const BlockDecl &block,
                                                 const BlockParam &param,
                                                 DslValue &value) {
  auto mismatch = [&](const Twine &expected) {
    return emitError(value.loc, "argument '" + param.name + "' of block '" +
                                    block.name + "' must be " + expected +
                                    ", got " + value.describe());
  };
  switch (param.kind) {
  case BlockParam::Kind::Any:
    return success();
  case BlockParam::Kind::Tensor: {
    if (!value.isTensor())
      return mismatch(describeKind(param.kind));
    if (!param.tensorType)
      return success();
    RankedTensorType type = userType(value.tensor.getType());
    if (!matchesBlockParamType(
            type, *param.tensorType,
            getElementType(context, param.tensorType->elementType)))
      return mismatch(formatTypeSpec(*param.tensorType));
    return success();
  }
  case BlockParam::Kind::Int:
    if (!value.isIntegral())
      return mismatch(describeKind(param.kind));
    value.integer = true;
    return success();
  case BlockParam::Kind::Float:
    if (!value.isNumber())
      return mismatch(describeKind(param.kind));
    value.integer = false;
    return success();
  case BlockParam::Kind::String:
    if (value.kind != DslValue::Kind::String)
      return mismatch(describeKind(param.kind));
    return success();
  case BlockParam::Kind::Bool:
    if (value.kind != DslValue::Kind::Bool)
      return mismatch(describeKind(param.kind));
    return success();
  }
  return success();
}

FailureOr<DslValue>
ModelGenerator::expandBlock(const BlockDecl &block, const CallExpr &call,
                            std::vector<DslValue> positional,
                            std::vector<EvaluatedKeyword> keywords) {
  for (const Frame *active : frames) {
    if (active->block == &block) {
      emitError(call.getLoc(),
                "block '" + block.name + "' calls itself recursively");
      return failure();
    }
  }

  // Bind the arguments in the caller's frame, where they were written.
  const std::vector<BlockParam> &params = block.params;
  if (positional.size() > params.size()) {
    emitError(positional[params.size()].loc,
              "block '" + block.name + "' takes " + Twine(params.size()) +
                  (params.size() == 1 ? " argument" : " arguments") + ", got " +
                  Twine(positional.size()));
    return failure();
  }
  std::vector<std::optional<DslValue>> bound(params.size());
  for (auto [i, value] : llvm::enumerate(positional))
    bound[i] = std::move(value);
  std::optional<DslValue> instanceName;
  for (EvaluatedKeyword &keyword : keywords) {
    StringRef name = keyword.syntax->name;
    auto param = llvm::find_if(
        params, [&](const BlockParam &p) { return p.name == name; });
    if (param == params.end()) {
      if (name != "name") {
        emitError(keyword.syntax->loc, "unknown keyword argument '" + name +
                                           "' for block '" + block.name + "'");
        return failure();
      }
      instanceName = std::move(keyword.value);
      continue;
    }
    std::optional<DslValue> &slot = bound[param - params.begin()];
    if (slot) {
      emitError(keyword.syntax->loc, "argument '" + name + "' of block '" +
                                         block.name + "' is given twice");
      return failure();
    }
    slot = std::move(keyword.value);
  }
  for (auto [param, value] : llvm::zip(params, bound)) {
    if (!value && !param.defaultValue) {
      emitError(call.getLoc(), "block '" + block.name +
                                   "' is missing the argument '" + param.name +
                                   "'");
      return failure();
    }
    if (value && failed(checkBlockArgument(block, param, *value)))
      return failure();
  }

  std::string instance;
  if (instanceName) {
    if (instanceName->kind != DslValue::Kind::String) {
      emitError(instanceName->loc, "a block's name must be a string, got " +
                                       instanceName->describe());
      return failure();
    }
    FailureOr<std::string> claimed =
        claimLayerName(instanceName->string, instanceName->loc);
    if (failed(claimed))
      return failure();
    instance = *claimed;
  } else {
    instance = takeLayerName(block.name);
  }

  Frame blockFrame;
  blockFrame.prefix = instance + "/";
  blockFrame.block = &block;
  blockFrame.callSite = loc(call.getLoc());
  frames.push_back(&blockFrame);
  llvm::scope_exit popFrame([&] { frames.pop_back(); });

  for (auto [param, value] : llvm::zip(params, bound)) {
    if (!value) {
      FailureOr<DslValue> fallback = evaluateSingle(*param.defaultValue);
      if (failed(fallback) ||
          failed(checkBlockArgument(block, param, *fallback)))
        return failure();
      value = std::move(*fallback);
    }
    blockFrame.names[param.name] = std::move(*value);
  }

  std::optional<DslValue> result;
  if (failed(generateStatements(block.body, &result)))
    return failure();
  if (!result) {
    emitError(block.loc, "block '" + block.name + "' has no 'return'");
    return failure();
  }
  return std::move(*result);
}

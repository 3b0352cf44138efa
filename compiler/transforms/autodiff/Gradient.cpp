//===- Gradient.cpp - Reverse-mode automatic differentiation --------------===//
//
// The gradient function first recomputes f (a clone of its body), then walks
// the cloned ops in reverse order. Each op whose results carry a gradient
// (an adjoint) and whose operands depend on a chosen argument (are active)
// is asked, through DifferentiableOpInterface, for the gradients of its
// operands (an op that declares an expansion instead, such as a recurrent
// layer, is first replaced by it); they are reduced to the operand's shape
// where the op broadcast it and summed where a value is used more than once.
//
//===----------------------------------------------------------------------===//

#include "compiler/transforms/autodiff/Gradient.h"
#include "dialects/kiln/GradientEmitter.h"
#include "dialects/kiln/KilnInterfaces.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/SymbolTable.h"
#include "llvm/ADT/DenseSet.h"

using namespace mlir;
using namespace kiln;

namespace {

bool isFloatTensor(Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  return tensor && isa<FloatType>(tensor.getElementType());
}

/// The reverse sweep over one cloned function body.
class ReverseSweep {
public:
  ReverseSweep(func::FuncOp f, OpBuilder &builder)
      : f(f), builder(builder) {}

  /// Marks every float value that depends on one of `arguments`.
  void markActive(Block &body, ArrayRef<Value> arguments) {
    active.insert(arguments.begin(), arguments.end());
    body.walk([&](Operation *op) {
      if (llvm::none_of(op->getOperands(),
                        [&](Value v) { return active.contains(v); }))
        return;
      for (Value result : op->getResults())
        if (isFloatTensor(result.getType()))
          active.insert(result);
    });
  }

  void seed(Value value, Value gradient) {
    if (active.contains(value))
      addAdjoint(value, gradient, value.getLoc());
  }

  LogicalResult differentiate(ArrayRef<Operation *> forward) {
    for (Operation *op : llvm::reverse(forward))
      if (failed(differentiateOp(op)))
        return failure();
    return success();
  }

  /// The accumulated gradient of `value`, or zeros when none reached it.
  Value gradientOf(Value value, Location loc) {
    if (Value adjoint = adjoints.lookup(value))
      return adjoint;
    return zerosLike(builder, loc, value);
  }

private:
  void addAdjoint(Value value, Value gradient, Location loc) {
    adjoints[value] =
        accumulate(builder, loc, adjoints.lookup(value), gradient);
  }

  LogicalResult differentiateOp(Operation *op) {
    if (llvm::none_of(op->getResults(),
                      [&](Value r) { return adjoints.contains(r); }))
      return success();
    Location loc = op->getLoc();
    auto differentiable = dyn_cast<DifferentiableOpInterface>(op);
    if (!differentiable)
      return noRule(op);
    SmallVector<Value> resultGradients;
    for (Value result : op->getResults())
      resultGradients.push_back(gradientOf(result, loc));

    // A rule that fails with its own diagnostic says why; one that fails
    // silently has no rule.
    bool reported = false;
    SmallVector<Value> operandGradients;
    LogicalResult built = failure();
    {
      ScopedDiagnosticHandler watch(op->getContext(), [&](Diagnostic &d) {
        if (d.getSeverity() == DiagnosticSeverity::Error)
          reported = true;
        return failure();
      });
      built = differentiable.buildOperandGradients(builder, resultGradients,
                                                   operandGradients);
    }
    if (failed(built))
      return reported ? failure() : noRule(op);
    if (operandGradients.size() != op->getNumOperands())
      return emitError(loc) << "gradient rule of '" << op->getName()
                            << "' returned " << operandGradients.size()
                            << " gradients for " << op->getNumOperands()
                            << " operands";

    for (auto [index, operand] : llvm::enumerate(op->getOperands())) {
      Value gradient = operandGradients[index];
      if (!gradient || !active.contains(operand) ||
          !differentiable.isDifferentiableOperand(index))
        continue;
      gradient = sumToShape(builder, loc, gradient, operand.getType());
      if (!gradient)
        return emitError(loc) << "cannot reduce the gradient of operand #"
                              << index << " of '" << op->getName()
                              << "' to its type " << operand.getType();
      if (gradient.getType() != operand.getType())
        return emitError(loc)
               << "gradient rule of '" << op->getName() << "' returned "
               << gradient.getType() << " for operand #" << index
               << " of type " << operand.getType();
      addAdjoint(operand, gradient, loc);
    }
    return success();
  }

  LogicalResult noRule(Operation *op) {
    return emitError(op->getLoc())
           << "cannot differentiate @" << f.getName() << ": '"
           << op->getName() << "' has no gradient rule";
  }

  func::FuncOp f;
  OpBuilder &builder;
  llvm::DenseSet<Value> active;
  DenseMap<Value, Value> adjoints;
};

/// Replaces each op of `body` that depends on one of `chosen` and declares
/// an expansion (DifferentiableOpInterface::expandForGradient) by it, until
/// none is left, updating `returned` where it named a replaced result.
LogicalResult expandForGradient(Block &body, ArrayRef<Value> chosen,
                                SmallVectorImpl<Value> &returned,
                                OpBuilder &builder) {
  bool changed = true;
  while (changed) {
    changed = false;
    llvm::DenseSet<Value> active(chosen.begin(), chosen.end());
    for (Operation &op : llvm::make_early_inc_range(body)) {
      if (llvm::none_of(op.getOperands(),
                        [&](Value v) { return active.contains(v); }))
        continue;
      for (Value result : op.getResults())
        active.insert(result);
      auto differentiable = dyn_cast<DifferentiableOpInterface>(&op);
      if (!differentiable)
        continue;
      OpBuilder::InsertionGuard guard(builder);
      builder.setInsertionPoint(&op);
      bool reported = false;
      SmallVector<Value> results;
      LogicalResult built = failure();
      {
        ScopedDiagnosticHandler watch(op.getContext(), [&](Diagnostic &d) {
          if (d.getSeverity() == DiagnosticSeverity::Error)
            reported = true;
          return failure();
        });
        built = differentiable.expandForGradient(builder, results);
      }
      if (failed(built)) {
        if (reported)
          return failure();
        continue;
      }
      if (results.size() != op.getNumResults() ||
          !llvm::equal(ValueRange(results).getTypes(), op.getResultTypes()))
        return op.emitError("the expansion of '")
               << op.getName() << "' for differentiation does not match its "
               << "result types";
      for (Value &value : returned)
        if (value.getDefiningOp() == &op)
          value = results[cast<OpResult>(value).getResultNumber()];
      op.replaceAllUsesWith(results);
      op.erase();
      changed = true;
    }
  }
  return success();
}

constexpr llvm::StringLiteral kNameAttr = "kiln.name";

std::string nameOf(DictionaryAttr attrs, const Twine &fallback) {
  if (attrs)
    if (auto name = attrs.getAs<StringAttr>(kNameAttr))
      return name.str();
  return fallback.str();
}

/// Names the gradient function's arguments and results for the artifact
/// ABI: f's arguments and results keep their names (`kiln.name`, else
/// input<i> / output<i>), seeds are `seed_<result>`, gradients
/// `grad_<argument>`.
void nameArguments(func::FuncOp f, func::FuncOp gradient,
                   ArrayRef<unsigned> wrtArgs) {
  MLIRContext *context = f.getContext();
  auto named = [&](const std::string &name) {
    return DictionaryAttr::get(
        context, {NamedAttribute(StringAttr::get(context, kNameAttr),
                                 StringAttr::get(context, name))});
  };
  unsigned numInputs = f.getNumArguments(), numResults = f.getNumResults();
  for (unsigned i = 0; i < numInputs; ++i)
    if (DictionaryAttr attrs = f.getArgAttrDict(i))
      gradient.setArgAttrs(i, attrs);
  for (unsigned r = 0; r < numResults; ++r) {
    DictionaryAttr attrs = f.getResultAttrDict(r);
    if (attrs)
      gradient.setResultAttrs(r, attrs);
    gradient.setArgAttrs(numInputs + r,
                         named("seed_" + nameOf(attrs, "output" + Twine(r))));
  }
  for (auto [k, index] : llvm::enumerate(wrtArgs))
    gradient.setResultAttrs(
        numResults + k,
        named("grad_" +
              nameOf(f.getArgAttrDict(index), "input" + Twine(index))));
}

} // namespace

FailureOr<func::FuncOp> kiln::buildGradientFunction(func::FuncOp f,
                                                    ArrayRef<unsigned> wrtArgs,
                                                    StringRef name) {
  if (f.isExternal() || !f.getBody().hasOneBlock())
    return f.emitError("can only differentiate a function with one block");
  if (SymbolTable::lookupSymbolIn(f->getParentOp(), name))
    return f.emitError("cannot create gradient function @")
           << name << ": the name is taken";
  FunctionType type = f.getFunctionType();
  for (unsigned index : wrtArgs) {
    if (index >= type.getNumInputs())
      return f.emitError("cannot differentiate with respect to argument #")
             << index << ": @" << f.getName() << " has "
             << type.getNumInputs() << " arguments";
    if (!isFloatTensor(type.getInput(index)))
      return f.emitError("cannot differentiate with respect to argument #")
             << index << " of type " << type.getInput(index)
             << ": only float tensors have gradients";
  }
  for (Type result : type.getResults())
    if (!isa<RankedTensorType>(result))
      return f.emitError("can only differentiate functions of tensors");

  SmallVector<Type> inputs(type.getInputs()), results(type.getResults());
  llvm::append_range(inputs, type.getResults());
  for (unsigned index : wrtArgs)
    results.push_back(type.getInput(index));

  OpBuilder builder(f->getContext());
  builder.setInsertionPointAfter(f);
  auto gradient = func::FuncOp::create(
      builder, f.getLoc(), name, builder.getFunctionType(inputs, results));
  Block *body = gradient.addEntryBlock();
  builder.setInsertionPointToEnd(body);

  // Recompute f.
  IRMapping mapping;
  mapping.map(f.getArguments(),
              body->getArguments().take_front(type.getNumInputs()));
  SmallVector<Operation *> forward;
  for (Operation &op : f.front().without_terminator())
    forward.push_back(builder.clone(op, mapping));
  SmallVector<Value> returned;
  for (Value value : f.front().getTerminator()->getOperands())
    returned.push_back(mapping.lookupOrDefault(value));

  SmallVector<Value> chosen;
  for (unsigned index : wrtArgs)
    chosen.push_back(body->getArgument(index));
  // Ops that differentiate through an expansion (recurrent layers unrolled
  // over their time steps) are replaced by it first.
  if (failed(expandForGradient(*body, chosen, returned, builder))) {
    gradient.erase();
    return failure();
  }
  forward.clear();
  for (Operation &op : *body)
    forward.push_back(&op);

  ReverseSweep sweep(f, builder);
  sweep.markActive(*body, chosen);
  for (auto [index, value] : llvm::enumerate(returned))
    sweep.seed(value, body->getArgument(type.getNumInputs() + index));
  if (failed(sweep.differentiate(forward))) {
    gradient.erase();
    return failure();
  }

  SmallVector<Value> outputs(returned);
  for (Value argument : chosen)
    outputs.push_back(sweep.gradientOf(argument, f.getLoc()));
  func::ReturnOp::create(builder, f.getLoc(), outputs);
  nameArguments(f, gradient, wrtArgs);
  return gradient;
}

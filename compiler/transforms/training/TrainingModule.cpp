//===- TrainingModule.cpp - Pieces of a training artifact -----------------===//

#include "compiler/transforms/training/TrainingModule.h"

#include "mlir/IR/IRMapping.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"

using namespace mlir;

namespace kiln {

SmallVector<Value> cloneBody(OpBuilder &builder, func::FuncOp callee,
                             ValueRange args) {
  IRMapping mapping;
  Block &body = callee.getBody().front();
  mapping.map(body.getArguments(), args);
  SmallVector<Value> results;
  for (Operation &op : body) {
    if (auto ret = dyn_cast<func::ReturnOp>(op)) {
      for (Value v : ret.getOperands())
        results.push_back(mapping.lookupOrDefault(v));
      break;
    }
    builder.clone(op, mapping);
  }
  return results;
}

LogicalResult inlineCalls(ModuleOp module, func::FuncOp func) {
  // A chain of calls deeper than the number of functions is a recursion.
  unsigned budget = std::distance(module.getOps<func::FuncOp>().begin(),
                                  module.getOps<func::FuncOp>().end());
  for (unsigned round = 0;; ++round) {
    SmallVector<func::CallOp> calls;
    func.walk([&](func::CallOp call) { calls.push_back(call); });
    if (calls.empty())
      return success();
    if (round > budget)
      return func.emitError("recursive calls cannot be inlined");
    for (func::CallOp call : calls) {
      auto callee = module.lookupSymbol<func::FuncOp>(call.getCallee());
      if (!callee || callee.isExternal() || !callee.getBody().hasOneBlock())
        return call.emitError("cannot inline the call of ")
               << call.getCallee();
      OpBuilder builder(call);
      SmallVector<Value> results =
          cloneBody(builder, callee, call.getOperands());
      call.replaceAllUsesWith(results);
      call.erase();
    }
  }
}

/// A C identifier for `name`: characters other than letters, digits and
/// '_' become '_'; a leading digit gets a '_' before it.
static std::string cIdentifier(StringRef name) {
  std::string id;
  for (char c : name)
    id.push_back(llvm::isAlnum(c) || c == '_' ? c : '_');
  if (id.empty() || llvm::isDigit(id.front()))
    id.insert(id.begin(), '_');
  return id;
}

FailureOr<std::vector<TrainingParameter>>
collectParameters(ArrayRef<func::FuncOp> funcs) {
  std::vector<TrainingParameter> params;
  llvm::StringMap<size_t> byName;
  llvm::StringSet<> symbols;
  for (func::FuncOp func : funcs) {
    WalkResult walk = func.walk([&](ParameterOp op) {
      auto [it, inserted] = byName.try_emplace(op.getName(), params.size());
      if (!inserted) {
        ParameterOp first = params[it->second].prototype;
        if (first.getType() != op.getType()) {
          op.emitError("parameter '")
              << op.getName() << "' has type " << op.getType()
              << " here but " << first.getType() << " elsewhere";
          return WalkResult::interrupt();
        }
        return WalkResult::advance();
      }
      std::string symbol = cIdentifier(op.getName());
      for (unsigned suffix = 1; !symbols.insert(symbol).second; ++suffix)
        symbol = cIdentifier(op.getName()) + "_" + std::to_string(suffix);
      params.push_back(
          {op.getName().str(), symbol, op.getType(), op, op.getTrainable()});
      return WalkResult::advance();
    });
    if (walk.wasInterrupted())
      return failure();
  }
  return params;
}

void nameArgument(func::FuncOp func, unsigned index, StringRef name) {
  func.setArgAttr(index, "kiln.name",
                  StringAttr::get(func.getContext(), name));
}

void nameResult(func::FuncOp func, unsigned index, StringRef name) {
  func.setResultAttr(index, "kiln.name",
                     StringAttr::get(func.getContext(), name));
}

void liftParameters(func::FuncOp func,
                    ArrayRef<const TrainingParameter *> params) {
  Location loc = func.getLoc();
  SmallVector<unsigned> indices(params.size(), 0);
  SmallVector<Type> types;
  SmallVector<DictionaryAttr> attrs;
  SmallVector<Location> locs(params.size(), loc);
  Builder b(func.getContext());
  for (const TrainingParameter *p : params) {
    types.push_back(p->type);
    attrs.push_back(b.getDictionaryAttr(
        b.getNamedAttr("kiln.name", b.getStringAttr(p->symbol))));
  }
  if (failed(func.insertArguments(indices, types, attrs, locs)))
    llvm::report_fatal_error("cannot add parameter arguments");
  llvm::StringMap<Value> byName;
  for (auto [i, p] : llvm::enumerate(params))
    byName[p->name] = func.getArgument(i);
  func.walk([&](ParameterOp op) {
    Value arg = byName.lookup(op.getName());
    assert(arg && "a parameter of the function is not in the list");
    op.replaceAllUsesWith(arg);
    op.erase();
  });
}

void eraseDeadOps(func::FuncOp func) {
  bool changed = true;
  while (changed) {
    changed = false;
    SmallVector<Operation *> dead;
    func.walk([&](Operation *op) {
      if (op != func && op->use_empty() && op->getNumResults() > 0 &&
          isMemoryEffectFree(op))
        dead.push_back(op);
    });
    for (Operation *op : llvm::reverse(dead)) {
      op->erase();
      changed = true;
    }
  }
}

} // namespace kiln

//===- MLIRGenTrainParameters.cpp - Which optimizer trains what ----------===//
//
// A train section trains its model's parameters, except the frozen ones,
// with one optimizer or with several over disjoint sets of parameters:
//
//   optimizer = [adam(1e-3, params=["encoder/*"]), sgd(0.1)]
//
// A name ending in '*' stands for every parameter with that prefix. The
// optimizer without `params` takes the parameters no other one names.
//
//===----------------------------------------------------------------------===//

#include "compiler/frontend/dsl/MLIRGen.h"

#include "compiler/frontend/dsl/Suggestions.h"

using namespace mlir;
using namespace kiln::dsl;
using llvm::SMLoc;

LogicalResult ModelGenerator::resolveParameterPatterns(const DslValue &value,
                                                       ParameterNames &names) {
  std::vector<DslValue> list = value.kind == DslValue::Kind::List
                                   ? value.elements
                                   : std::vector<DslValue>{value};
  SmallVector<StringRef> known;
  trainedModel.walk([&](ParameterOp op) {
    if (!llvm::is_contained(known, op.getName()))
      known.push_back(op.getName());
  });
  for (const DslValue &pattern : list) {
    if (pattern.kind != DslValue::Kind::String)
      return emitError(pattern.loc, "expected a parameter name (a string), "
                                    "got " +
                                        pattern.describe());
    StringRef text = pattern.string;
    if (!text.ends_with("*")) {
      if (failed(trainedParameter(text, pattern.loc)))
        return failure();
      names.insert({text.str(), pattern.loc});
      continue;
    }
    StringRef prefix = text.drop_back();
    bool matched = false;
    for (StringRef name : known) {
      if (name.starts_with(prefix)) {
        names.insert({name.str(), pattern.loc});
        matched = true;
      }
    }
    if (!matched)
      return emitError(pattern.loc, "'" + text +
                                        "' matches no parameter of "
                                        "model '" +
                                        trainedModel.getSymName() + "'");
  }
  return success();
}

LogicalResult
ModelGenerator::readOptimizers(const Expr &expr,
                               SmallVectorImpl<OptimizerGroup> &groups) {
  const auto *list = dyn_cast<ListExpr>(&expr);
  SmallVector<const Expr *> elements;
  if (list)
    for (const ExprPtr &element : list->getElements())
      elements.push_back(element.get());
  else
    elements.push_back(&expr);
  if (elements.empty())
    return emitError(expr.getLoc(), "expected an optimizer such as adam(...)");
  bool seenDefault = false;
  for (const Expr *element : elements) {
    OptimizerGroup group;
    group.loc = element->getLoc();
    std::optional<DslValue> params;
    if (failed(readOptimizer(*element, group.settings, params)))
      return failure();
    if (params) {
      group.params.emplace();
      if (failed(resolveParameterPatterns(*params, *group.params)))
        return failure();
    } else if (seenDefault) {
      return emitError(element->getLoc(),
                       "only one optimizer may leave out 'params=': it "
                       "trains the parameters the others do not name");
    } else {
      seenDefault = true;
    }
    groups.push_back(std::move(group));
  }
  return success();
}

FailureOr<Attribute>
ModelGenerator::optimizerAttribute(ArrayRef<OptimizerGroup> groups,
                                   const TrainSettings &shared,
                                   const ParameterNames &frozen) {
  llvm::StringMap<SMLoc> named;
  const OptimizerGroup *fallback = nullptr;
  for (const OptimizerGroup &group : groups) {
    if (!group.params) {
      fallback = &group;
      continue;
    }
    for (const auto &[name, at] : *group.params) {
      if (frozen.count(name)) {
        emitError(at, "parameter '" + name + "' is frozen");
        return failure();
      }
      if (!named.try_emplace(name, at).second) {
        emitError(at, "parameter '" + name +
                          "' is already trained by "
                          "another optimizer");
        return failure();
      }
    }
  }
  if (!fallback) {
    std::string untrained;
    trainedModel.walk([&](ParameterOp op) {
      if (untrained.empty() && op.getTrainable() &&
          !named.count(op.getName()) && !frozen.count(op.getName().str()))
        untrained = op.getName().str();
    });
    if (!untrained.empty()) {
      emitError(groups.front().loc,
                "parameter '" + untrained +
                    "' is in no optimizer's 'params' and is not frozen");
      return failure();
    }
  }
  auto dictionary = [&](const OptimizerGroup &group) {
    TrainSettings settings(group.settings);
    settings.append(shared.begin(), shared.end());
    if (group.params) {
      SmallVector<Attribute> names;
      for (const auto &entry : *group.params)
        names.push_back(builder.getStringAttr(entry.first));
      settings.push_back(
          builder.getNamedAttr("params", builder.getArrayAttr(names)));
    }
    return builder.getDictionaryAttr(settings);
  };
  if (groups.size() == 1 && !groups.front().params)
    return Attribute(dictionary(groups.front()));
  SmallVector<Attribute> dictionaries;
  for (const OptimizerGroup &group : groups)
    dictionaries.push_back(dictionary(group));
  return Attribute(builder.getArrayAttr(dictionaries));
}

//===- CallArguments.cpp - Arguments of a built-in call -------------------===//

#include "compiler/frontend/dsl/CallArguments.h"

#include "compiler/frontend/dsl/Suggestions.h"
#include "llvm/ADT/STLExtras.h"

using namespace kiln::dsl;
using namespace mlir;
using llvm::SmallVector;
using llvm::StringRef;
using llvm::Twine;

std::optional<CallArguments> CallArguments::bind(
    const CallExpr &call, StringRef what, std::vector<DslValue> positional,
    std::vector<EvaluatedKeyword> keywords, llvm::ArrayRef<ArgSpec> signature,
    const ErrorEmitter &emitError) {
  CallArguments args(call, what, emitError);
  if (positional.size() > signature.size()) {
    emitError(positional[signature.size()].loc,
              what + " takes at most " + Twine(signature.size()) +
                  (signature.size() == 1 ? " argument" : " arguments") +
                  ", got " + Twine(positional.size()));
    return std::nullopt;
  }
  for (auto [spec, value] :
       llvm::zip_first(signature.take_front(positional.size()), positional))
    args.bound.emplace_back(spec.name, std::move(value));

  for (EvaluatedKeyword &keyword : keywords) {
    const ArgSpec *spec = llvm::find_if(signature, [&](const ArgSpec &s) {
      return s.name == keyword.syntax->name;
    });
    if (spec == signature.end()) {
      SmallVector<StringRef> names;
      for (const ArgSpec &s : signature)
        names.push_back(s.name);
      emitError(keyword.syntax->loc,
                "unknown keyword argument '" + keyword.syntax->name + "' for " +
                    what + didYouMean(keyword.syntax->name, names));
      return std::nullopt;
    }
    if (args.has(spec->name)) {
      emitError(keyword.syntax->loc, "argument '" + keyword.syntax->name +
                                         "' of " + what + " is given twice");
      return std::nullopt;
    }
    args.bound.emplace_back(spec->name, std::move(keyword.value));
  }

  for (const ArgSpec &spec : signature) {
    if (spec.required && !args.has(spec.name)) {
      emitError(call.getLoc(),
                what + " is missing the required argument '" + spec.name + "'");
      return std::nullopt;
    }
  }
  return args;
}

const DslValue *CallArguments::find(StringRef name) const {
  for (const auto &[key, value] : bound)
    if (key == name)
      return &value;
  return nullptr;
}

SMLoc CallArguments::locOf(StringRef name) const {
  const DslValue *value = find(name);
  return value ? value->loc : call->getLoc();
}

InFlightDiagnostic CallArguments::error(StringRef name,
                                        const Twine &message) const {
  return emitError(locOf(name), message);
}

FailureOr<const DslValue *> CallArguments::lookup(StringRef name,
                                                  bool hasFallback) const {
  const DslValue *value = find(name);
  if (value && value->kind == DslValue::Kind::None && hasFallback)
    return static_cast<const DslValue *>(nullptr);
  if (!value && !hasFallback) {
    emitError(call->getLoc(),
              what + " is missing the required argument '" + name + "'");
    return failure();
  }
  return value;
}

LogicalResult CallArguments::kindError(StringRef name, const DslValue &value,
                                       StringRef expected) const {
  emitError(value.loc, "argument '" + name + "' of " + what + " must be " +
                           expected + ", got " + value.describe());
  return failure();
}

template <typename T, typename Accepts, typename Read>
FailureOr<T> CallArguments::read(StringRef name, std::optional<T> fallback,
                                 StringRef expected, Accepts accepts,
                                 Read readValue) const {
  auto value = lookup(name, fallback.has_value());
  if (failed(value))
    return failure();
  if (!*value)
    return *fallback;
  if (!accepts(**value))
    return kindError(name, **value, expected);
  return readValue(**value);
}

FailureOr<Value> CallArguments::tensor(StringRef name) const {
  return read<Value>(
      name, std::nullopt, "a tensor",
      [](const DslValue &value) { return value.isTensor(); },
      [](const DslValue &value) { return value.tensor; });
}

FailureOr<int64_t>
CallArguments::integer(StringRef name, std::optional<int64_t> fallback) const {
  return read(
      name, fallback, "an integer",
      [](const DslValue &value) { return value.isIntegral(); },
      [](const DslValue &value) { return static_cast<int64_t>(value.number); });
}

FailureOr<double> CallArguments::number(StringRef name,
                                        std::optional<double> fallback) const {
  return read(
      name, fallback, "a number",
      [](const DslValue &value) { return value.isNumber(); },
      [](const DslValue &value) { return value.number; });
}

FailureOr<bool> CallArguments::boolean(StringRef name,
                                       std::optional<bool> fallback) const {
  return read(
      name, fallback, "true or false",
      [](const DslValue &value) { return value.kind == DslValue::Kind::Bool; },
      [](const DslValue &value) { return value.boolean; });
}

FailureOr<std::string>
CallArguments::string(StringRef name,
                      std::optional<std::string> fallback) const {
  const DslValue *given = find(name);
  if (given && given->kind == DslValue::Kind::None)
    return std::string();
  return read(
      name, std::move(fallback), "a string",
      [](const DslValue &value) {
        return value.kind == DslValue::Kind::String;
      },
      [](const DslValue &value) { return value.string; });
}

FailureOr<SmallVector<int64_t>>
CallArguments::integers(StringRef name,
                        std::optional<SmallVector<int64_t>> fallback) const {
  auto value = lookup(name, fallback.has_value());
  if (failed(value))
    return failure();
  if (!*value)
    return *fallback;
  const DslValue &list = **value;
  if (list.isIntegral())
    return SmallVector<int64_t>{static_cast<int64_t>(list.number)};
  if (list.kind != DslValue::Kind::List)
    return kindError(name, list, "a list of integers");
  SmallVector<int64_t> result;
  for (const DslValue &element : list.elements) {
    if (!element.isIntegral())
      return kindError(name, element, "a list of integers");
    result.push_back(static_cast<int64_t>(element.number));
  }
  return result;
}

FailureOr<SmallVector<int64_t>>
CallArguments::pair(StringRef name,
                    std::optional<SmallVector<int64_t>> fallback) const {
  auto values = integers(name, std::move(fallback));
  if (failed(values))
    return failure();
  if (values->size() == 1)
    values->push_back(values->front());
  if (values->size() != 2) {
    error(name, "argument '" + name + "' of " + what +
                    " must be an integer or a list of two integers");
    return failure();
  }
  return values;
}

FailureOr<SmallVector<Value>> CallArguments::tensors(StringRef name) const {
  auto value = lookup(name, /*hasFallback=*/false);
  if (failed(value))
    return failure();
  const DslValue &list = **value;
  if (list.kind != DslValue::Kind::List)
    return kindError(name, list, "a list of tensors");
  SmallVector<Value> result;
  for (const DslValue &element : list.elements) {
    if (!element.isTensor())
      return kindError(name, element, "a list of tensors");
    result.push_back(element.tensor);
  }
  return result;
}

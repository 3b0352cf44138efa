//===- Initializers.cpp - Parameter initializers --------------------------===//

#include "compiler/frontend/dsl/Initializers.h"

#include "llvm/ADT/STLExtras.h"

using namespace kiln::dsl;

static const ArgSpec kConstantArgs[] = {{"value", true}};
static const ArgSpec kNormalArgs[] = {{"mean"}, {"std"}};
static const double kNormalDefaults[] = {0.0, 0.05};
static const ArgSpec kUniformArgs[] = {{"low"}, {"high"}};
static const double kUniformDefaults[] = {-0.05, 0.05};

static const Initializer kInitializers[] = {
    {"zeros", {}, {}},
    {"ones", {}, {}},
    {"constant", kConstantArgs, {}},
    {"normal", kNormalArgs, kNormalDefaults},
    {"uniform", kUniformArgs, kUniformDefaults},
    {"glorot_uniform", {}, {}},
    {"glorot_normal", {}, {}},
    {"he_uniform", {}, {}},
    {"he_normal", {}, {}},
    {"identity", {}, {}},
};

const Initializer *kiln::dsl::findInitializer(llvm::StringRef name) {
  const Initializer *found = llvm::find_if(
      kInitializers, [&](const Initializer &i) { return i.name == name; });
  return found == std::end(kInitializers) ? nullptr : found;
}

std::string kiln::dsl::listInitializers() {
  std::string names;
  for (const Initializer &initializer : kInitializers) {
    if (!names.empty())
      names += ", ";
    names += initializer.name.str() + "()";
  }
  return names;
}

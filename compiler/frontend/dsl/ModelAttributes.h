//===- ModelAttributes.h - Attributes the frontend attaches -----*- C++ -*-===//
//
// Discardable attributes that record the model's source-level structure in
// the imported module; the summary reads them back.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_FRONTEND_DSL_MODELATTRIBUTES_H
#define KILN_FRONTEND_DSL_MODELATTRIBUTES_H

#include "llvm/ADT/StringRef.h"

namespace kiln::dsl {

/// On the module: the name of the source file.
inline constexpr llvm::StringLiteral kSourceAttr = "kiln.source";
/// On function arguments and results: the declared input or output name.
inline constexpr llvm::StringLiteral kNameAttr = "kiln.name";
/// On a function: "nhwc" when its images are NHWC at the boundary.
inline constexpr llvm::StringLiteral kLayoutAttr = "kiln.layout";
/// On a function: the model's `seed` when it is not 0; the parameters'
/// initializers draw from seed, seed + 1, ... and a training artifact's
/// random state starts at [seed, 0].
inline constexpr llvm::StringLiteral kSeedAttr = "kiln.seed";
/// On the op producing a layer's output: the layer's scoped name.
inline constexpr llvm::StringLiteral kLayerAttr = "kiln.layer";
/// On the same op: the layer's kind as Keras names it ("Dense", "Conv2D").
inline constexpr llvm::StringLiteral kLayerTypeAttr = "kiln.layer_type";

} // namespace kiln::dsl

#endif // KILN_FRONTEND_DSL_MODELATTRIBUTES_H

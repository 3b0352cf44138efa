//===- Layout.h - Image layouts of the model language -----------*- C++ -*-===//
//
// Kiln keeps images NCHW. A model declared `layout nhwc` sees its rank-4
// tensors as NHWC; MLIRGen transposes at the model's boundary and remaps the
// axes its ops name. These are the permutations involved.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_FRONTEND_DSL_LAYOUT_H
#define KILN_FRONTEND_DSL_LAYOUT_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include <cstdint>

namespace kiln::dsl {

/// Transpose permutation from NHWC to NCHW (kiln.transpose semantics:
/// result dimension i is input dimension perm[i]).
inline constexpr int64_t kNhwcToNchw[] = {0, 3, 1, 2};
/// Transpose permutation from NCHW to NHWC.
inline constexpr int64_t kNchwToNhwc[] = {0, 2, 3, 1};

/// The NCHW position of NHWC axis `axis` (0 <= axis < 4).
inline int64_t nchwAxisOf(int64_t nhwcAxis) { return kNchwToNhwc[nhwcAxis]; }

/// The NHWC view of an NCHW shape.
llvm::SmallVector<int64_t> nhwcShapeOf(llvm::ArrayRef<int64_t> nchwShape);

} // namespace kiln::dsl

#endif // KILN_FRONTEND_DSL_LAYOUT_H

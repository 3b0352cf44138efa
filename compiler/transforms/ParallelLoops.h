//===- ParallelLoops.h - Marks of parallel loops ----------------*- C++ -*-===//
//
// The attributes that carry parallel loops from tiling to the thread pool:
// kiln-tile-and-vectorize marks loops, kiln-outline-parallel-loops turns
// them into functions, kiln-dispatch-parallel-calls into kiln_parallel_for.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_TRANSFORMS_PARALLELLOOPS_H
#define KILN_COMPILER_TRANSFORMS_PARALLELLOOPS_H

#include "llvm/ADT/StringRef.h"

namespace kiln {

/// Marks an scf.for whose iterations are independent (a parallel dim's tile
/// loop), for kiln-outline-parallel-loops.
inline constexpr llvm::StringLiteral kParallelLoopAttr = "kiln.parallel";
/// Marks a function that runs iterations [begin, end) of an outlined
/// parallel loop: its first two arguments are begin and end. The value, an
/// i64, estimates the instructions of one iteration.
inline constexpr llvm::StringLiteral kParallelBodyAttr = "kiln.parallel_body";

} // namespace kiln

#endif // KILN_COMPILER_TRANSFORMS_PARALLELLOOPS_H

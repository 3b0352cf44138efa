//===- ParallelRuntime.h - The thread pool linked into artifacts -*- C++
//-*-===//

#ifndef KILN_COMPILER_TARGET_PARALLELRUNTIME_H
#define KILN_COMPILER_TARGET_PARALLELRUNTIME_H

#include "llvm/Support/Error.h"

namespace llvm {
class Module;
} // namespace llvm

namespace kiln {

/// Links the thread pool of runtime/src/parallel/ParallelFor.c
/// (kiln_parallel_for, kiln_set_num_threads, kiln_get_num_threads, with
/// weak linkage) into `module`, compiled for `module`'s target. Every
/// artifact has it, so that the header's thread functions always link.
llvm::Error linkParallelRuntime(llvm::Module &module);

} // namespace kiln

#endif // KILN_COMPILER_TARGET_PARALLELRUNTIME_H

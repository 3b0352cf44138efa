//===- ParallelRuntime.cpp - The thread pool linked into artifacts --------===//

#include "compiler/target/ParallelRuntime.h"

#include "llvm/Bitcode/BitcodeReader.h"
#include "llvm/IR/Module.h"
#include "llvm/Linker/Linker.h"
#include "llvm/Support/MemoryBuffer.h"

using namespace llvm;

namespace kiln {

static const unsigned char kParallelForBitcode[] = {
#include "ParallelFor.bc.inc"
};

Error linkParallelRuntime(Module &module) {
  Function *parallelFor = module.getFunction("kiln_parallel_for");
  if (parallelFor && !parallelFor->isDeclaration())
    return Error::success();
  StringRef bytes(reinterpret_cast<const char *>(kParallelForBitcode),
                  sizeof kParallelForBitcode);
  Expected<std::unique_ptr<Module>> pool = parseBitcodeFile(
      MemoryBufferRef(bytes, "ParallelFor.bc"), module.getContext());
  if (!pool)
    return pool.takeError();
  (*pool)->setTargetTriple(module.getTargetTriple());
  (*pool)->setDataLayout(module.getDataLayout());
  // Compiled for the build machine: the artifact's CPU and features apply.
  for (Function &function : **pool) {
    function.removeFnAttr("target-cpu");
    function.removeFnAttr("target-features");
    function.removeFnAttr("tune-cpu");
  }
  if (Linker::linkModules(module, std::move(*pool)))
    return createStringError(inconvertibleErrorCode(),
                             "cannot link the thread pool into the artifact");
  return Error::success();
}

} // namespace kiln

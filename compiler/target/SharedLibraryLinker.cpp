//===- SharedLibraryLinker.cpp - Shared libraries through lld, in process -===//

#include "compiler/target/CodeGen.h"

#include "lld/Common/Driver.h"
#include "llvm/Support/raw_ostream.h"

LLD_HAS_DRIVER(elf)

using namespace llvm;

namespace kiln {

Error linkSharedLibrary(StringRef objectPath, StringRef outputPath) {
  std::string objectArg = objectPath.str(), outputArg = outputPath.str();
  std::vector<const char *> args = {"ld.lld",
                                    "-shared",
                                    "--hash-style=gnu",
                                    "--as-needed",
                                    "-o",
                                    outputArg.c_str(),
                                    objectArg.c_str(),
                                    "-L/usr/lib/x86_64-linux-gnu",
                                    "-L/lib/x86_64-linux-gnu",
                                    "-lm",
                                    "-lc"};
  std::string diagnostics;
  raw_string_ostream errs(diagnostics);
  lld::Result result =
      lld::lldMain(args, outs(), errs, {{lld::Gnu, &lld::elf::link}});
  if (result.retCode != 0)
    return createStringError(inconvertibleErrorCode(),
                             "linking the shared library failed: " +
                                 diagnostics);
  return Error::success();
}

} // namespace kiln

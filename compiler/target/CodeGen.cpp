//===- CodeGen.cpp - LLVM dialect to object code, in process --------------===//

#include "compiler/target/CodeGen.h"
#include "compiler/target/ParallelRuntime.h"

#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Export.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/SubtargetFeature.h"

using namespace llvm;

namespace kiln {

static Expected<std::unique_ptr<TargetMachine>>
createTargetMachine(const TargetOptions &options) {
  InitializeAllTargetInfos();
  InitializeAllTargets();
  InitializeAllTargetMCs();
  InitializeAllAsmPrinters();
  bool host = options.triple.empty();
  Triple triple(host ? sys::getDefaultTargetTriple() : options.triple);
  std::string error;
  const Target *target = TargetRegistry::lookupTarget(triple, error);
  if (!target)
    return createStringError(inconvertibleErrorCode(),
                             "unknown target '" + triple.str() + "': " + error);
  std::string cpu = options.cpu;
  if (cpu.empty())
    cpu = host ? sys::getHostCPUName().str() : "generic";
  std::string features = options.features;
  if (features.empty() && host && options.cpu.empty()) {
    SubtargetFeatures hostFeatures;
    for (auto &[name, enabled] : sys::getHostCPUFeatures())
      hostFeatures.AddFeature(name, enabled);
    features = hostFeatures.getString();
  }
  llvm::TargetOptions targetOptions;
  targetOptions.AllowFPOpFusion = FPOpFusion::Fast;
  std::unique_ptr<TargetMachine> machine(target->createTargetMachine(
      triple, cpu, features, targetOptions, Reloc::PIC_, std::nullopt,
      options.optLevel >= 2 ? CodeGenOptLevel::Aggressive
                            : CodeGenOptLevel::Default));
  if (!machine)
    return createStringError(inconvertibleErrorCode(),
                             "cannot create a target machine for '" +
                                 triple.str() + "' cpu '" + cpu + "'");
  return machine;
}

Expected<bool> targetHasFeature(const TargetOptions &options,
                                StringRef feature) {
  auto machine = createTargetMachine(options);
  if (!machine)
    return machine.takeError();
  const MCSubtargetInfo *subtarget = (*machine)->getMCSubtargetInfo();
  // A feature of another architecture: checkFeatures would warn.
  if (!llvm::any_of(
          subtarget->getAllProcessorFeatures(),
          [&](const SubtargetFeatureKV &kv) { return feature == kv.Key; }))
    return false;
  return subtarget->checkFeatures(("+" + feature).str());
}

static void optimize(Module &module, TargetMachine &machine,
                     unsigned optLevel) {
  LoopAnalysisManager lam;
  FunctionAnalysisManager fam;
  CGSCCAnalysisManager cgam;
  ModuleAnalysisManager mam;
  PassBuilder builder(&machine);
  builder.registerModuleAnalyses(mam);
  builder.registerCGSCCAnalyses(cgam);
  builder.registerFunctionAnalyses(fam);
  builder.registerLoopAnalyses(lam);
  builder.crossRegisterProxies(lam, fam, cgam, mam);
  OptimizationLevel level = optLevel >= 3   ? OptimizationLevel::O3
                            : optLevel == 2 ? OptimizationLevel::O2
                            : optLevel == 1 ? OptimizationLevel::O1
                                            : OptimizationLevel::O0;
  ModulePassManager passes = level == OptimizationLevel::O0
                                 ? builder.buildO0DefaultPipeline(level)
                                 : builder.buildPerModuleDefaultPipeline(level);
  passes.run(module, mam);
}

Error emitCode(mlir::ModuleOp module, const TargetOptions &options,
               CodeGenFileKind kind, raw_pwrite_stream &os) {
  mlir::DialectRegistry registry;
  mlir::registerBuiltinDialectTranslation(registry);
  mlir::registerLLVMDialectTranslation(registry);
  module->getContext()->appendDialectRegistry(registry);

  LLVMContext context;
  std::unique_ptr<Module> llvmModule =
      mlir::translateModuleToLLVMIR(module, context, "kiln");
  if (!llvmModule)
    return createStringError(inconvertibleErrorCode(),
                             "translation to LLVM IR failed");
  auto machine = createTargetMachine(options);
  if (!machine)
    return machine.takeError();
  llvmModule->setTargetTriple((*machine)->getTargetTriple());
  llvmModule->setDataLayout((*machine)->createDataLayout());
  if (Error error = linkParallelRuntime(*llvmModule))
    return error;
  optimize(*llvmModule, **machine, options.optLevel);

  if (kind == CodeGenFileKind::LLVMIR) {
    llvmModule->print(os, nullptr);
    return Error::success();
  }
  legacy::PassManager codegen;
  auto fileType = kind == CodeGenFileKind::Assembly
                      ? CodeGenFileType::AssemblyFile
                      : CodeGenFileType::ObjectFile;
  if ((*machine)->addPassesToEmitFile(codegen, os, nullptr, fileType))
    return createStringError(inconvertibleErrorCode(),
                             "the target cannot emit this file type");
  codegen.run(*llvmModule);
  return Error::success();
}

} // namespace kiln

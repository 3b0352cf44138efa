//===- kilnc.cpp - The Kiln compiler driver -------------------------------===//
//
// kilnc reads a model (.kiln, .onnx, or .mlir in the kiln dialect), runs Kiln's
// pipelines and writes one of: the kiln dialect, linalg on tensors, the LLVM
// dialect, LLVM IR, assembly, an object file plus its C header, or a shared
// library carrying a manifest for Kiln's runtime.
//
//===----------------------------------------------------------------------===//

#include "tools/kilnc/AtomicOutput.h"
#include "tools/kilnc/OnnxTraining.h"
#include "tools/kilnc/ParameterExport.h"

#include "compiler/frontend/dsl/Import.h"
#include "compiler/frontend/onnx/DiagnosticPrinter.h"
#include "compiler/frontend/onnx/Import.h"
#include "compiler/pipelines/Pipelines.h"
#include "compiler/target/CodeGen.h"
#include "compiler/target/EntryPoints.h"
#include "compiler/target/Passes.h"
#include "compiler/transforms/Passes.h"
#include "dialects/kiln/KilnDialect.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/AsmState.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/CodeGen/CommandFlags.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/WithColor.h"

using namespace llvm;
using namespace mlir;

namespace {

enum class Emit { Kiln, Linalg, Mlir, LLVMIR, Asm, Obj, Shared };

cl::opt<std::string> inputPath(cl::Positional, cl::desc("<model.kiln|.onnx|.mlir>"),
                               cl::Required);
cl::opt<std::string> outputPath("o", cl::desc("Output file ('-' for stdout)"),
                                cl::value_desc("file"));
cl::opt<Emit> emit(
    "emit", cl::desc("What to write"), cl::init(Emit::Obj),
    cl::values(
        clEnumValN(Emit::Kiln, "kiln", "the kiln dialect, as imported (with --train, "
                                         "after building the training functions)"),
        clEnumValN(Emit::Linalg, "linalg", "linalg on tensors"),
        clEnumValN(Emit::Mlir, "mlir", "the LLVM dialect with entry points"),
        clEnumValN(Emit::LLVMIR, "llvm", "optimized LLVM IR"),
        clEnumValN(Emit::Asm, "asm", "assembly"),
        clEnumValN(Emit::Obj, "obj", "an object file and its C header"),
        clEnumValN(Emit::Shared, "shared",
                   "a shared library with a manifest, for libkiln_runtime")));
cl::opt<bool> train(
    "train",
    cl::desc("Compile the model's train section into a training artifact: "
             "init, train_step, eval, evaluate and apply_gradients"));
cl::OptionCategory onnxTraining(
    "Training an ONNX model (with --train)",
    "An ONNX model's floating-point initializers become its parameters; the "
    "loss and optimizer come from a train-section file or from flags");
cl::opt<std::string> trainSectionPath(
    "train-section",
    cl::desc("A model-language file holding the train section of the ONNX "
             "model, which is named after the model file's stem"),
    cl::value_desc("file.kiln"), cl::cat(onnxTraining));
cl::opt<std::string>
    lossFlag("loss",
             cl::desc("The loss, as in a train section: "
                      "'sparse_categorical_crossentropy(logits, labels, "
                      "from_logits=true)'"),
             cl::value_desc("expression"), cl::cat(onnxTraining));
cl::opt<std::string>
    labelsFlag("labels",
               cl::desc("The label inputs, as in a train section: "
                        "'labels: i64[N]'"),
               cl::value_desc("declarations"), cl::cat(onnxTraining));
cl::opt<std::string> optimizerFlag("optimizer",
                                   cl::desc("The optimizer: 'adam(0.001)'"),
                                   cl::value_desc("call"),
                                   cl::cat(onnxTraining));
cl::opt<std::string>
    frozenFlag("frozen",
               cl::desc("Parameters (initializer names) not to train, "
                        "separated by commas"),
               cl::value_desc("names"), cl::cat(onnxTraining));
cl::opt<bool> summary("summary",
                      cl::desc("Print a summary of each model's layers"));
cl::opt<std::string> targetTriple("target", cl::desc("Target triple"),
                                  cl::init(""));
// --mcpu and --mattr are LLVM's own code-generation flags (the in-process
// linker registers them too), read through llvm::codegen.
llvm::codegen::RegisterCodeGenFlags codeGenFlags;
cl::opt<unsigned> optLevel("O", cl::desc("LLVM optimization level"), cl::Prefix,
                           cl::init(3));
cl::opt<int64_t> vectorWidth(
    "vector-width",
    cl::desc("Elements per vector for tiling (default: 16 where the target "
             "has AVX-512, else 8)"),
    cl::init(0));
cl::opt<std::string>
    saveParams("save-params",
               cl::desc("Write each parameter's values to DIR/NAME.npy"),
               cl::value_desc("dir"), cl::init(""));

int fail(const Twine &message) {
  WithColor::error(errs(), "kilnc") << message << "\n";
  return 1;
}

int fail(Error error) {
  std::string message = toString(std::move(error));
  return fail(message);
}

std::string defaultOutputPath() {
  SmallString<256> path(sys::path::filename(inputPath));
  const char *ext = emit == Emit::Obj      ? ".o"
                    : emit == Emit::Shared ? ".so"
                    : emit == Emit::Asm    ? ".s"
                    : emit == Emit::LLVMIR ? ".ll"
                                           : ".mlir";
  sys::path::replace_extension(path, ext);
  return path.str().str();
}

bool isOnnxInput() { return sys::path::extension(inputPath) == ".onnx"; }

/// Whether a flag that describes an ONNX model's training was given.
bool onnxTrainingFlagGiven() {
  for (const cl::opt<std::string> *flag :
       {&trainSectionPath, &lossFlag, &labelsFlag, &optimizerFlag,
        &frozenFlag})
    if (flag->getNumOccurrences() > 0)
      return true;
  return false;
}

OwningOpRef<ModuleOp> loadModel(SourceMgr &sourceMgr, MLIRContext &context) {
  if (isOnnxInput()) {
    kiln::onnx_import::ImportOptions options;
    options.initializersAsParameters = train;
    return kiln::onnx_import::importOnnxFile(inputPath, context, options);
  }
  auto buffer = MemoryBuffer::getFileOrSTDIN(inputPath);
  if (std::error_code ec = buffer.getError()) {
    fail("cannot read '" + inputPath + "': " + ec.message());
    return nullptr;
  }
  sourceMgr.AddNewSourceBuffer(std::move(*buffer), SMLoc());
  StringRef ext = sys::path::extension(inputPath);
  if (ext == ".mlir")
    return parseSourceFile<ModuleOp>(sourceMgr, &context);
  if (ext == ".kiln")
    return kiln::dsl::importModelFile(sourceMgr, context);
  fail("unsupported input '" + inputPath +
       "': expected a .kiln, .onnx or .mlir file");
  return nullptr;
}

Error writeModule(ModuleOp module, StringRef path) {
  return kiln::writeAtomically(path, [&](raw_pwrite_stream &os) {
    module.print(os);
    os << "\n";
    return Error::success();
  });
}

std::string headerGuard(StringRef headerPath) {
  std::string guard = "KILN_";
  for (char c : sys::path::filename(headerPath))
    guard.push_back(isAlnum(c) ? toUpper(c) : '_');
  return guard;
}

/// The object code of `module`, complete in a temporary file beside `path`.
Expected<kiln::TemporaryPath>
emitObjectBeside(ModuleOp module, const kiln::TargetOptions &target,
                 StringRef path) {
  auto object = kiln::TemporaryPath::create(path);
  if (!object)
    return object.takeError();
  if (Error e = object->write([&](raw_pwrite_stream &os) {
        return kiln::emitCode(module, target, kiln::CodeGenFileKind::Object,
                              os);
      }))
    return std::move(e);
  return object;
}

Error writeObjectAndHeader(ModuleOp module, ArrayRef<kiln::EntryPoint> entries,
                           const kiln::TargetOptions &target, StringRef path) {
  if (path == "-")
    return createStringError(inconvertibleErrorCode(),
                             "an object file needs a file name (-o)");
  SmallString<256> headerPath(path);
  sys::path::replace_extension(headerPath, ".h");
  std::string header = kiln::headerText(entries, headerGuard(headerPath),
                                        sys::path::filename(inputPath));
  // Both files are complete in temporary files before either is renamed.
  auto object = emitObjectBeside(module, target, path);
  if (!object)
    return object.takeError();
  auto headerFile = kiln::TemporaryPath::create(headerPath);
  if (!headerFile)
    return headerFile.takeError();
  if (Error e = headerFile->write([&](raw_pwrite_stream &os) {
        os << header;
        return Error::success();
      }))
    return e;
  if (Error e = object->commit())
    return e;
  return headerFile->commit();
}

Error writeSharedLibrary(ModuleOp module, const kiln::TargetOptions &target,
                         StringRef path) {
  if (path == "-")
    return createStringError(inconvertibleErrorCode(),
                             "a shared library needs a file name (-o)");
  auto object = emitObjectBeside(module, target, path);
  if (!object)
    return object.takeError();
  auto library = kiln::TemporaryPath::create(path);
  if (!library)
    return library.takeError();
  if (Error e = kiln::linkSharedLibrary(object->get(), library->get()))
    return e;
  return library->commit();
}

int compile() {
  DialectRegistry registry;
  registerAllDialects(registry);
  registerAllExtensions(registry);
  registry.insert<kiln::KilnDialect>();
  MLIRContext context(registry);
  context.loadAllAvailableDialects();

  SourceMgr sourceMgr;
  SourceMgrDiagnosticHandler diagnostics(sourceMgr, &context);
  // Diagnostics about ONNX models name the node instead of a source line.
  std::optional<kiln::onnx_import::DiagnosticPrinter> onnxDiagnostics;
  if (isOnnxInput())
    onnxDiagnostics.emplace(&context, errs());
  if (onnxTrainingFlagGiven()) {
    if (!train)
      return fail("--train-section, --loss, --labels, --optimizer and "
                  "--frozen describe training: they need --train");
    if (!isOnnxInput())
      return fail("--train-section, --loss, --labels, --optimizer and "
                  "--frozen apply to ONNX models; a .kiln file holds its "
                  "own train section");
    if (!trainSectionPath.empty() &&
        (lossFlag.getNumOccurrences() || labelsFlag.getNumOccurrences() ||
         optimizerFlag.getNumOccurrences() || frozenFlag.getNumOccurrences()))
      return fail("give the train section either as a file "
                  "(--train-section) or as flags (--loss, --labels, "
                  "--optimizer, --frozen), not both");
  }
  OwningOpRef<ModuleOp> module = loadModel(sourceMgr, context);
  if (!module)
    return 1;
  // An ONNX model's train section comes from the command line.
  std::optional<kiln::OnnxTrainSection> onnxSection;
  if (train && isOnnxInput()) {
    if (!onnxTrainingFlagGiven())
      return fail("training an ONNX model needs its loss and optimizer: "
                  "--train-section FILE, or --loss, --labels and "
                  "--optimizer");
    if (!kiln::hasParameters(*module))
      return fail("'" + inputPath +
                  "' has no floating-point initializers (weights) to train");
    onnxSection.emplace(context, sourceMgr, diagnostics);
    kiln::TrainSectionFlags flags{lossFlag, labelsFlag, optimizerFlag,
                                  frozenFlag};
    if (failed(onnxSection->add(*module,
                                kiln::onnx_import::entryPointName(inputPath),
                                trainSectionPath, flags)))
      return 1;
  }
  if (summary) {
    kiln::dsl::printSummary(*module, outs());
    return 0;
  }
  std::string output = outputPath.empty() ? defaultOutputPath() : outputPath;
  SmallVector<func::FuncOp> trainSections;
  for (auto func : module->getOps<func::FuncOp>())
    if (func->hasAttr("kiln.train"))
      trainSections.push_back(func);
  if (!train && emit != Emit::Kiln) {
    // Without --train the artifact is for inference: drop the losses.
    for (func::FuncOp func : trainSections)
      func.erase();
  }
  if (train) {
    if (trainSections.empty())
      return fail("'" + inputPath + "' has no train section to compile");
    PassManager pm(&context);
    pm.addPass(kiln::createBuildTrainStep());
    if (failed(pm.run(*module)))
      return 1;
  }
  if (emit == Emit::Kiln)
    return writeModule(*module, output) ? 1 : 0;

  if (!saveParams.empty()) {
    PassManager pm(&context);
    pm.addPass(kiln::createMaterializeParameters());
    if (failed(pm.run(*module)))
      return 1;
    if (Error e = kiln::exportParameters(*module, saveParams))
      return fail(std::move(e));
  }

  PassManager toLinalg(&context);
  kiln::buildKilnToLinalgPipeline(toLinalg);
  if (failed(toLinalg.run(*module)))
    return 1;
  if (emit == Emit::Linalg)
    return writeModule(*module, output) ? 1 : 0;

  std::vector<kiln::EntryPoint> entries = kiln::readEntryPoints(*module);
  if (entries.empty())
    return fail("'" + inputPath + "' defines no model to compile");
  PassManager toLLVM(&context);
  std::string features = llvm::join(codegen::getMAttrs(), ",");
  kiln::TargetOptions target{targetTriple, codegen::getMCPU(), features,
                             optLevel};
  // The register blocking follows the target's vector registers: AVX-512
  // has 32 of 16 floats, AVX2 16 of 8.
  Expected<bool> avx512 = kiln::targetHasFeature(target, "avx512f");
  if (!avx512)
    return fail(avx512.takeError());
  kiln::CpuPipelineOptions pipelineOptions;
  pipelineOptions.vectorWidth = vectorWidth ? vectorWidth : *avx512 ? 16 : 8;
  pipelineOptions.registerRows = *avx512 ? 8 : 6;
  kiln::buildLinalgToLLVMPipeline(toLLVM, pipelineOptions);
  if (failed(toLLVM.run(*module)))
    return 1;
  if (emit == Emit::Mlir)
    return writeModule(*module, output) ? 1 : 0;

  Error result = Error::success();
  if (emit == Emit::LLVMIR || emit == Emit::Asm) {
    auto kind = emit == Emit::Asm ? kiln::CodeGenFileKind::Assembly
                                  : kiln::CodeGenFileKind::LLVMIR;
    result = kiln::writeAtomically(output, [&](raw_pwrite_stream &os) {
      return kiln::emitCode(*module, target, kind, os);
    });
  } else if (emit == Emit::Obj) {
    result = writeObjectAndHeader(*module, entries, target, output);
  } else {
    result = writeSharedLibrary(*module, target, output);
  }
  if (result)
    return fail(std::move(result));
  return 0;
}

} // namespace

int main(int argc, char **argv) {
  InitLLVM init(argc, argv);
  cl::ParseCommandLineOptions(argc, argv, "Kiln model compiler\n");
  return compile();
}

//===- MLIRGen.h - Model-language AST to the kiln dialect -------*- C++ -*-===//
//
// Walks the AST of a .kiln file and emits one func.func of kiln ops per model.
// Blocks are expanded at each call; layer calls create their parameters;
// every op's result type is inferred before it is built, so that a shape
// error is reported at the offending call instead of failing later.
//
// The generator is split by concern: MLIRGen.cpp (models, statements,
// expressions), MLIRGenBlocks.cpp (block expansion), MLIRGenArith.cpp
// (operators and broadcasting), MLIRGenLayout.cpp (NHWC models),
// MLIRGenLayers.cpp (layer calls and parameters), MLIRGenOps.cpp (op calls).
//
//===----------------------------------------------------------------------===//

#ifndef KILN_FRONTEND_DSL_MLIRGEN_H
#define KILN_FRONTEND_DSL_MLIRGEN_H

#include "compiler/frontend/dsl/AST.h"
#include "compiler/frontend/dsl/CallArguments.h"
#include "compiler/frontend/dsl/DslValue.h"
#include "compiler/frontend/dsl/SourceLocations.h"
#include "compiler/transforms/training/Losses.h"
#include "dialects/kiln/KilnOps.h"

#include "dialects/kiln/CheckedBuild.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"

namespace kiln::dsl {

class ModelGenerator;

/// A built-in function of the language: a layer (creates parameters and is
/// always a row of the summary) or an op.
struct Builtin;

/// One call of a built-in, its arguments bound.
struct BuiltinCall {
  const Builtin &builtin;
  const CallArguments &args;
  /// The layer's scoped name ("dense_1", "residual/conv2d"); layers only.
  std::string layerName;
};

using BuiltinHandler =
    mlir::FailureOr<DslValue> (ModelGenerator::*)(const BuiltinCall &);

struct Builtin {
  llvm::StringLiteral name;
  /// The layer kind that the summary shows, as Keras names it.
  llvm::StringLiteral layerType;
  llvm::ArrayRef<ArgSpec> signature;
  BuiltinHandler handler;
};

/// Elementwise binary operations, with NumPy broadcasting.
enum class Elementwise { Add, Sub, Mul, Div, Pow, Max, Min };

class ModelGenerator {
public:
  ModelGenerator(const SourceLocations &locations, const FileAST &file);

  /// The module, or null after reporting an error.
  mlir::OwningOpRef<mlir::ModuleOp> generate();
  /// Adds the file's train sections (its blocks usable in them) to
  /// `module`, which holds the models they train; verifies the result.
  mlir::LogicalResult generateTrainSectionsInto(mlir::ModuleOp module);

private:
  /// Names visible in a model's body or in one expansion of a block.
  struct Frame {
    llvm::StringMap<DslValue> names;
    /// Prefix of the names of layers and parameters ("residual_1/").
    std::string prefix;
    llvm::StringMap<unsigned> nextLayerIndex;
    llvm::StringSet<> layerNames;
    /// The block being expanded and the location of its call.
    const BlockDecl *block = nullptr;
    std::optional<mlir::Location> callSite;
  };

  struct Output {
    const TensorDecl *decl;
    DslValue value;
    llvm::SMLoc assignedAt;
  };

  //===--- MLIRGen.cpp ---------------------------------------------------===//
  mlir::LogicalResult collectBlocks();
  mlir::LogicalResult generateModel(const ModelDecl &model);
  mlir::LogicalResult generateStatements(llvm::ArrayRef<StmtPtr> body,
                                         std::optional<DslValue> *result);
  mlir::LogicalResult generateAssign(const AssignStmt &stmt);
  mlir::LogicalResult generateParam(const ParamStmt &stmt);
  /// Creates the parameter that `stmt` declares and binds its name.
  mlir::LogicalResult declareParam(const ParamStmt &stmt,
                                   mlir::RankedTensorType type,
                                   llvm::StringRef initializer,
                                   llvm::ArrayRef<double> initArgs,
                                   bool trainable);
  mlir::FailureOr<DslValue> generateReturn(const ReturnStmt &stmt);
  mlir::LogicalResult assign(const Target &target, DslValue value);
  mlir::LogicalResult assignOutput(Output &output, const Target &target,
                                   DslValue value);
  /// Names the op computing a statement's value as a layer when it is an op
  /// call or an operator that no layer produced.
  void nameStatementLayer(const Expr &expr, const DslValue &value);

  mlir::FailureOr<DslValue> evaluate(const Expr &expr);
  /// Evaluates an expression that must be a single value.
  mlir::FailureOr<DslValue> evaluateSingle(const Expr &expr);
  mlir::FailureOr<DslValue> evaluateName(const NameExpr &expr);
  mlir::FailureOr<DslValue> evaluateList(const ListExpr &expr);
  mlir::FailureOr<DslValue> evaluateCall(const CallExpr &expr);
  /// Evaluates the positional and keyword arguments of `call`, each a single
  /// value.
  mlir::LogicalResult
  evaluateArguments(const CallExpr &call, std::vector<DslValue> &positional,
                    std::vector<EvaluatedKeyword> &keywords);
  mlir::FailureOr<DslValue> callBuiltin(const Builtin &builtin,
                                        const CallExpr &call,
                                        std::vector<DslValue> positional,
                                        std::vector<EvaluatedKeyword> keywords);
  const Builtin *findBuiltin(llvm::StringRef name,
                             llvm::ArrayRef<DslValue> positional) const;

  //===--- MLIRGenBlocks.cpp ---------------------------------------------===//
  mlir::FailureOr<DslValue> expandBlock(const BlockDecl &block,
                                        const CallExpr &call,
                                        std::vector<DslValue> positional,
                                        std::vector<EvaluatedKeyword> keywords);
  mlir::LogicalResult checkBlockArgument(const BlockDecl &block,
                                         const BlockParam &param,
                                         DslValue &value);

  //===--- MLIRGenArith.cpp ----------------------------------------------===//
  mlir::FailureOr<DslValue> evaluateUnary(const UnaryExpr &expr);
  mlir::FailureOr<DslValue> evaluateBinary(const BinaryExpr &expr);
  /// `lhs op rhs`; a number becomes a scalar of the other operand's type.
  mlir::FailureOr<mlir::Value> elementwise(Elementwise kind,
                                           const DslValue &lhs,
                                           const DslValue &rhs, llvm::SMLoc at);
  mlir::FailureOr<mlir::Value> matmul(mlir::Value lhs, mlir::Value rhs,
                                      llvm::SMLoc at);
  /// A scalar constant tensor holding `value`.
  mlir::FailureOr<mlir::Value> scalar(const DslValue &value,
                                      mlir::Type elementType, llvm::SMLoc at);
  /// `value` as a tensor; a number becomes a scalar of `elementType`.
  mlir::FailureOr<mlir::Value> asTensor(const DslValue &value,
                                        mlir::Type elementType, llvm::SMLoc at);

  //===--- MLIRGenLayout.cpp ---------------------------------------------===//
  /// Whether `value` is an image that the user sees as NHWC (held NCHW).
  bool isNhwcImage(mlir::Value value) const;
  /// The user's view of a type: NHWC for images of NHWC models.
  mlir::RankedTensorType userType(mlir::Type type) const;
  /// `value` in the user's layout, and back.
  mlir::Value toUserLayout(mlir::Value value, llvm::SMLoc at);
  mlir::Value toKilnLayout(mlir::Value value, llvm::SMLoc at);
  /// Applies `fn` to the user's view of `inputs` and returns its result in
  /// Kiln's layout (for ops whose meaning depends on the element order).
  mlir::FailureOr<mlir::Value>
  inUserLayout(llvm::ArrayRef<mlir::Value> inputs, llvm::SMLoc at,
               llvm::function_ref<
                   mlir::FailureOr<mlir::Value>(llvm::ArrayRef<mlir::Value>)>
                   fn);
  /// Normalizes a user axis (negative counts from the end) of `value` and
  /// maps it to Kiln's layout; reports an axis out of range at `at`.
  mlir::FailureOr<int64_t> kilnAxis(mlir::Value value, int64_t axis,
                                    llvm::SMLoc at);
  /// Makes a lower-rank operand broadcast against an NHWC image as it would
  /// against the NHWC tensor.
  mlir::FailureOr<mlir::Value> broadcastableToImage(mlir::Value value,
                                                    llvm::SMLoc at);

  //===--- MLIRGenLayers.cpp ---------------------------------------------===//
  static llvm::ArrayRef<Builtin> layerBuiltins();
  mlir::FailureOr<DslValue> layerDense(const BuiltinCall &call);
  mlir::FailureOr<DslValue> layerConv2D(const BuiltinCall &call);
  mlir::FailureOr<DslValue> layerDepthwiseConv2D(const BuiltinCall &call);
  mlir::FailureOr<DslValue> layerConv2DTranspose(const BuiltinCall &call);
  mlir::FailureOr<DslValue> layerBatchNorm(const BuiltinCall &call);
  template <typename OpTy>
  mlir::FailureOr<DslValue> layerPool2D(const BuiltinCall &call);
  mlir::FailureOr<DslValue> layerGlobalAvgPool2D(const BuiltinCall &call);
  mlir::FailureOr<DslValue> layerDropout(const BuiltinCall &call);
  mlir::FailureOr<DslValue> layerFlatten(const BuiltinCall &call);

  mlir::FailureOr<mlir::Value> createParameter(llvm::StringRef name,
                                               llvm::ArrayRef<int64_t> shape,
                                               mlir::Type elementType,
                                               llvm::StringRef initializer,
                                               llvm::ArrayRef<double> initArgs,
                                               bool trainable, llvm::SMLoc at);
  /// A parameter of a layer, initialized by the initializer named in argument
  /// `argName` of the call (for example kernel_initializer) or `fallback`.
  mlir::FailureOr<mlir::Value>
  createLayerParameter(const BuiltinCall &call, llvm::StringRef suffix,
                       llvm::ArrayRef<int64_t> shape, mlir::Type elementType,
                       llvm::StringRef argName, llvm::StringRef fallback,
                       bool trainable = true);
  /// The static channel count (dimension 1) of an NCHW image input.
  mlir::FailureOr<int64_t> imageChannels(mlir::Value input,
                                         const BuiltinCall &call);
  mlir::FailureOr<mlir::Value> applyActivation(mlir::Value value,
                                               const CallArguments &args);
  /// A layer's output: `result` after the activation that the call names.
  mlir::FailureOr<DslValue> activatedOutput(mlir::FailureOr<mlir::Value> result,
                                            const CallArguments &args);
  /// Creates a layer's weight of `weightShape` and, when `useBias`, its bias
  /// of `biasSize` elements, and appends them to `operands`.
  mlir::LogicalResult
  createWeightAndBias(const BuiltinCall &call,
                      llvm::ArrayRef<int64_t> weightShape, int64_t biasSize,
                      mlir::Type elementType, bool useBias,
                      llvm::SmallVectorImpl<mlir::Value> &operands);

  /// The kernel, strides and dilation of a convolution layer.
  struct ConvWindow {
    llvm::SmallVector<int64_t> kernel, strides, dilations;
  };
  static mlir::FailureOr<ConvWindow> readConvWindow(const CallArguments &args);
  /// conv2d and depthwise_conv2d: a convolution of the image `x` into
  /// `filters` channels, in `groups` groups, with the layer's parameters.
  mlir::FailureOr<DslValue> groupedConv2DLayer(const BuiltinCall &call,
                                               mlir::Value x,
                                               const ConvWindow &window,
                                               int64_t filters, int64_t groups,
                                               bool useBias);

  //===--- MLIRGenOps.cpp ------------------------------------------------===//
  static llvm::ArrayRef<Builtin> opBuiltins();
  mlir::FailureOr<DslValue> opMatmul(const BuiltinCall &call);
  mlir::FailureOr<DslValue> opLinear(const BuiltinCall &call);
  mlir::FailureOr<DslValue> opConv2D(const BuiltinCall &call);
  mlir::FailureOr<DslValue> opConv2DTranspose(const BuiltinCall &call);
  mlir::FailureOr<DslValue> opBatchNorm(const BuiltinCall &call);
  /// random_normal(like, mean=0, std=1), random_uniform(like, low=0,
  /// high=1): numbers of `like`'s shape drawn from the state [seed, 0], the
  /// seed taken in turn with the parameters' (a train step draws them from
  /// its random state instead).
  template <typename OpTy>
  mlir::FailureOr<DslValue> opRandom(const BuiltinCall &call);
  template <typename OpTy>
  mlir::FailureOr<DslValue> opUnary(const BuiltinCall &call);
  template <typename OpTy>
  mlir::FailureOr<DslValue> opUnaryWithAlpha(const BuiltinCall &call);
  template <Elementwise kind>
  mlir::FailureOr<DslValue> opElementwise(const BuiltinCall &call);
  template <typename OpTy>
  mlir::FailureOr<DslValue> opSoftmax(const BuiltinCall &call);
  template <typename OpTy>
  mlir::FailureOr<DslValue> opReduce(const BuiltinCall &call);
  mlir::FailureOr<DslValue> opReshape(const BuiltinCall &call);
  mlir::FailureOr<DslValue> opTranspose(const BuiltinCall &call);
  mlir::FailureOr<DslValue> opConcat(const BuiltinCall &call);
  mlir::FailureOr<DslValue> opSlice(const BuiltinCall &call);
  mlir::FailureOr<DslValue> opPad(const BuiltinCall &call);
  /// reshape and transpose: `OpTy` on the user's view of "x", its attribute
  /// `listArg` the integer list argument of that name.
  template <typename OpTy>
  mlir::FailureOr<DslValue> opInUserLayout(const BuiltinCall &call,
                                           llvm::StringRef listArg);

  /// softmax or log_softmax over a user axis.
  template <typename OpTy>
  mlir::FailureOr<mlir::Value> softmax(mlir::Value input, int64_t axis,
                                       llvm::SMLoc at);
  /// kiln.linear of `x` and its weight and optional bias, on the user's view
  /// of `x`.
  mlir::FailureOr<mlir::Value>
  linear(mlir::Value x, llvm::ArrayRef<mlir::Value> parameters, llvm::SMLoc at);
  mlir::FailureOr<mlir::Value> unaryByName(llvm::StringRef name,
                                           mlir::Value input, llvm::SMLoc at);
  /// Window padding `[top, left, bottom, right]` from argument `argName`:
  /// "valid", "same" (as TensorFlow pads), an integer, or a list of 2 or 4.
  mlir::FailureOr<llvm::SmallVector<int64_t>>
  windowPadding(const CallArguments &args, llvm::StringRef argName,
                mlir::Value input, llvm::ArrayRef<int64_t> kernel,
                llvm::ArrayRef<int64_t> strides,
                llvm::ArrayRef<int64_t> dilations);
  /// Padding and output padding of a transposed convolution: "valid" and
  /// "same" size the output as Keras does; explicit pads are used as given.
  /// Without a padding argument, Keras's "valid" when `kerasDefault`, else
  /// no padding (kiln's and PyTorch's default).
  mlir::LogicalResult
  transposedPadding(const CallArguments &args, llvm::StringRef argName,
                    llvm::ArrayRef<int64_t> kernel,
                    llvm::ArrayRef<int64_t> strides,
                    llvm::ArrayRef<int64_t> dilations, bool kerasDefault,
                    llvm::SmallVector<int64_t> &pads,
                    llvm::SmallVector<int64_t> &outputPadding);

  //===--- MLIRGenTrain.cpp ----------------------------------------------===//

  /// The optimizer settings of a train section, for `kiln.train`.
  using TrainSettings = llvm::SmallVector<mlir::NamedAttribute>;

  /// Generates the loss functions of the file's train sections into
  /// `module`, which holds the models they train.
  mlir::LogicalResult generateTrainSections(mlir::ModuleOp module);
  /// Generates the loss function of a train section.
  mlir::LogicalResult generateTrain(mlir::ModuleOp module,
                                    const TrainDecl &train);

  //===--- MLIRGenTrainModels.cpp ----------------------------------------===//

  /// The model a train section trains, as its loss function sees it.
  struct TrainedSignature {
    mlir::func::FuncOp func;
    /// The names of the model's inputs and outputs, and where they are
    /// declared (the train section's name for a model not in this file).
    llvm::SmallVector<std::pair<std::string, llvm::SMLoc>> inputs, outputs;
    bool nhwc = false;
  };
  /// The model `train.model`: one of this file's models or a function of
  /// `module` defined elsewhere (an imported ONNX graph), named by its
  /// arguments' and results' `kiln.name`.
  mlir::FailureOr<TrainedSignature> findTrainedModel(mlir::ModuleOp module,
                                                     const TrainDecl &train);
  /// The model function `name` of the module a train section is generated
  /// into, or null.
  mlir::func::FuncOp findModelFunction(llvm::StringRef name);
  /// `m(x, ...)` in a train section: a call of model `m`, its outputs as
  /// the result (a tuple when there are several).
  mlir::FailureOr<DslValue> callModel(mlir::func::FuncOp model,
                                      const CallExpr &call,
                                      llvm::ArrayRef<DslValue> positional,
                                      bool hasKeywords);
  /// Losses and penalties, callable in train sections only.
  static llvm::ArrayRef<Builtin> lossBuiltins();
  template <kiln::LossKind kind>
  mlir::FailureOr<DslValue> lossOf(const BuiltinCall &call);
  mlir::FailureOr<DslValue> lossKLNormal(const BuiltinCall &call);
  mlir::FailureOr<DslValue> metricAccuracy(const BuiltinCall &call);
  /// `metrics = [accuracy(y, labels), ...]`: scalars named after their
  /// functions.
  mlir::LogicalResult readMetrics(
      const Expr &expr,
      llvm::SmallVectorImpl<std::pair<std::string, mlir::Value>> &metrics);
  template <bool squared>
  mlir::FailureOr<DslValue> lossPenalty(const BuiltinCall &call);
  /// The parameter `name` of the model being trained; reports at `at` when
  /// there is none.
  mlir::FailureOr<ParameterOp> trainedParameter(llvm::StringRef name,
                                                llvm::SMLoc at);
  /// `optimizer = adam(0.001, beta1=0.9, ...)`; `params` receives the
  /// parameter names of a `params=[...]` setting.
  mlir::LogicalResult readOptimizer(const Expr &expr, TrainSettings &settings,
                                    std::optional<DslValue> &params);

  //===--- MLIRGenTrainParameters.cpp ------------------------------------===//

  /// One optimizer of a train section and the parameters it updates (all
  /// trainable parameters no other optimizer names, when `params` is
  /// unset).
  /// Parameter names in the order written, with where each was named.
  using ParameterNames =
      llvm::MapVector<std::string, llvm::SMLoc, llvm::StringMap<unsigned>>;
  struct OptimizerGroup {
    TrainSettings settings;
    std::optional<ParameterNames> params;
    llvm::SMLoc loc;
  };
  /// `optimizer = adam(...)` or `optimizer = [adam(..., params=[...]),
  /// sgd(...)]`.
  mlir::LogicalResult
  readOptimizers(const Expr &expr,
                 llvm::SmallVectorImpl<OptimizerGroup> &groups);
  /// Adds the parameters of the trained model that `value` (a name or a
  /// list of names, "prefix*" matching every name with that prefix) names
  /// to `names`, with where they were named.
  mlir::LogicalResult resolveParameterPatterns(const DslValue &value,
                                               ParameterNames &names);
  /// The `optimizer` entry of `kiln.train`: one dictionary, or one per
  /// group with its `params`; `shared` (schedule, clipping) goes into each.
  /// Reports parameters in two groups, frozen parameters in a group and
  /// trainable parameters in none.
  mlir::FailureOr<mlir::Attribute>
  optimizerAttribute(llvm::ArrayRef<OptimizerGroup> groups,
                     const TrainSettings &shared, const ParameterNames &frozen);

  /// `schedule = exponential(gamma=0.9)`.
  mlir::LogicalResult readSchedule(const Expr &expr, TrainSettings &settings);
  /// A non-negative number setting `key`.
  mlir::LogicalResult readSetting(llvm::StringRef key, const Expr &expr,
                                  TrainSettings &settings);

  //===--- Naming --------------------------------------------------------===//
  /// The next unused layer name `base`, `base_1`, ... of the current frame,
  /// with the frame's prefix.
  std::string takeLayerName(llvm::StringRef base);
  /// Claims an explicit layer name; fails when it is taken.
  mlir::FailureOr<std::string> claimLayerName(llvm::StringRef name,
                                              llvm::SMLoc at);
  void tagLayer(mlir::Value value, llvm::StringRef name, llvm::StringRef type);

  //===--- Building ------------------------------------------------------===//
  Frame &frame() { return *frames.back(); }
  mlir::Location loc(llvm::SMLoc at) const;
  mlir::InFlightDiagnostic emitError(llvm::SMLoc at,
                                     const llvm::Twine &message) const;
  ErrorEmitter errorEmitter() const;
  /// `result` as a tensor written at `at`; fails when `result` failed.
  static mlir::FailureOr<DslValue>
  tensorResult(mlir::FailureOr<mlir::Value> result, llvm::SMLoc at);

  /// Builds an op after inferring its result type; reports an inference or
  /// verification error at `at` and fails.
  template <typename OpTy>
  mlir::FailureOr<mlir::Value>
  create(llvm::SMLoc at, mlir::ValueRange operands,
         llvm::ArrayRef<mlir::NamedAttribute> attributes = {}) {
    if constexpr (OpTy::template hasTrait<
                      mlir::OpTrait::SameOperandsElementType>()) {
      if (failed(checkSameElementType(OpTy::getOperationName(), operands, at)))
        return mlir::failure();
    }
    return kiln::buildChecked<OpTy>(builder, loc(at), operands, attributes);
  }
  mlir::NamedAttribute attr(llvm::StringRef name, mlir::Attribute value) {
    return builder.getNamedAttr(name, value);
  }
  mlir::NamedAttribute i64Array(llvm::StringRef name,
                                llvm::ArrayRef<int64_t> values) {
    return attr(name, builder.getDenseI64ArrayAttr(values));
  }
  /// Reports operands of different element types, which `opName` rejects.
  mlir::LogicalResult checkSameElementType(llvm::StringRef opName,
                                           mlir::ValueRange operands,
                                           llvm::SMLoc at) const;
  /// Verifies a new op; erases it and fails when it is invalid.
  mlir::FailureOr<mlir::Value> verified(mlir::Operation *op);

  const SourceLocations &locations;
  const FileAST &file;
  mlir::MLIRContext &context;
  mlir::OpBuilder builder;
  llvm::StringMap<const BlockDecl *> blocks;

  // The model being generated.
  bool nhwc = false;
  int64_t nextSeed = 0;
  llvm::StringSet<> parameterNames;
  std::vector<Output> outputs;
  std::vector<Frame *> frames;
  /// The model of the train section being generated, if any.
  mlir::func::FuncOp trainedModel;
  /// The module that train sections are generated into.
  mlir::ModuleOp trainModule;
};

} // namespace kiln::dsl

#endif // KILN_FRONTEND_DSL_MLIRGEN_H

//===- Import.cpp - Import of .kiln model files ---------------------------===//

#include "compiler/frontend/dsl/Import.h"

#include "compiler/frontend/dsl/Lexer.h"
#include "compiler/frontend/dsl/MLIRGen.h"
#include "compiler/frontend/dsl/Parser.h"
#include "dialects/kiln/KilnDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"

mlir::OwningOpRef<mlir::ModuleOp>
kiln::dsl::importModelFile(llvm::SourceMgr &sourceMgr,
                           mlir::MLIRContext &context) {
  context.loadDialect<kiln::KilnDialect, mlir::func::FuncDialect,
                      mlir::arith::ArithDialect>();
  SourceLocations locations(sourceMgr, context);
  Lexer lexer(locations.getBuffer());
  Parser parser(lexer, locations);
  std::unique_ptr<FileAST> file = parser.parseFile();
  if (!file)
    return nullptr;
  return ModelGenerator(locations, *file).generate();
}

mlir::LogicalResult kiln::dsl::addTrainSections(llvm::SourceMgr &sourceMgr,
                                                mlir::ModuleOp module) {
  mlir::MLIRContext &context = *module.getContext();
  context.loadDialect<kiln::KilnDialect, mlir::func::FuncDialect,
                      mlir::arith::ArithDialect>();
  SourceLocations locations(sourceMgr, context);
  Lexer lexer(locations.getBuffer());
  Parser parser(lexer, locations);
  std::unique_ptr<FileAST> file = parser.parseFile(/*trainSectionsOnly=*/true);
  if (!file)
    return mlir::failure();
  // Build into a copy, so that an error leaves `module` as it was.
  mlir::OwningOpRef<mlir::ModuleOp> copy = module.clone();
  if (failed(ModelGenerator(locations, *file).generateTrainSectionsInto(*copy)))
    return mlir::failure();
  module.getBody()->clear();
  module.getBody()->getOperations().splice(module.getBody()->end(),
                                           copy->getBody()->getOperations());
  return mlir::success();
}

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

//===- Parser.h - Parser of the Kiln model language -------------*- C++ -*-===//
//
// A recursive-descent parser producing the AST of a .kiln file. It stops at
// the first error, which it reports as an MLIR diagnostic.
//
// file    := (model | block)*
// model   := 'model' NAME '(' decls? ')' '->' (decl | '(' decls ')')
//            ('seed' INT | 'layout' ('nchw' | 'nhwc'))* body
// block   := 'block' NAME '(' (bparam (',' bparam)*)? ')' body
// decl    := NAME ':' type
// bparam  := NAME (':' (type | 'tensor' | 'int' | 'float' | 'string' | 'str'
//            | 'bool'))? ('=' expr)?
// type    := ('f32' | 'f64' | 'i32' | 'i64' | 'bool') '[' (dim (',' dim)*)? ']'
// dim     := INT | NAME
// body    := '{' (stmt (NEWLINE | ';'))* '}'
// stmt    := NAME (',' NAME)* '=' expr
//          | 'param' NAME ':' type '=' expr
//          | 'return' expr (',' expr)*
// expr    := term (('+' | '-') term)*
// term    := unary (('*' | '/' | '@') unary)*
// unary   := ('-' | '+') unary | primary
// primary := NUMBER | STRING | 'true' | 'false' | 'None' | NAME
//          | NAME '(' args? ')' | '(' expr ')' | '[' (expr (',' expr)*)? ']'
// args    := arg (',' arg)* ','?
// arg     := expr | NAME '=' expr
//
//===----------------------------------------------------------------------===//

#ifndef KILN_FRONTEND_DSL_PARSER_H
#define KILN_FRONTEND_DSL_PARSER_H

#include "compiler/frontend/dsl/AST.h"
#include "compiler/frontend/dsl/Lexer.h"
#include "compiler/frontend/dsl/SourceLocations.h"

namespace kiln::dsl {

class Parser {
public:
  Parser(Lexer &lexer, const SourceLocations &locations)
      : lexer(lexer), locations(locations) {}

  /// The file's AST, or null after reporting an error.
  /// With `trainSectionsOnly`, the file holds train sections only (for a
  /// model defined elsewhere, such as an imported ONNX graph).
  std::unique_ptr<FileAST> parseFile(bool trainSectionsOnly = false);

private:
  std::unique_ptr<ModelDecl> parseModel();
  std::unique_ptr<BlockDecl> parseBlock();
  std::unique_ptr<TrainDecl> parseTrain();
  /// Takes the keyword `keyword` and the name of the model or block that
  /// follows it.
  bool parseDeclName(llvm::StringRef keyword, std::string &name,
                     llvm::SMLoc &loc);
  bool parseModelOptions(ModelDecl &model);
  bool parseTensorDecls(std::vector<TensorDecl> &decls, bool parenthesized);
  bool parseBlockParam(BlockParam &param);
  std::optional<TypeSpec> parseType();
  bool parseBody(std::vector<StmtPtr> &body);
  StmtPtr parseStatement();
  StmtPtr parseParam();
  StmtPtr parseReturn();
  StmtPtr parseAssign();

  ExprPtr parseExpr();
  ExprPtr parseTerm();
  /// `operand (op operand)*` for the binary operators `operators`, grouped
  /// from the left.
  ExprPtr parseLeftAssociative(llvm::ArrayRef<TokenKind> operators,
                               ExprPtr (Parser::*parseOperand)());
  ExprPtr parseUnary();
  ExprPtr parsePrimary();
  ExprPtr parseCall(Token callee);
  ExprPtr parseList();

  const Token &peek(unsigned ahead = 0) { return lexer.peek(ahead); }
  bool at(TokenKind kind) { return peek().is(kind); }
  Token take() { return lexer.take(); }
  bool consumeIf(TokenKind kind);
  /// Consumes a token of `kind` or reports "expected <what>".
  bool expect(TokenKind kind, const llvm::Twine &what);
  void skipNewlines();
  /// Reports an error at the current token (a lexical error if it is one).
  std::nullptr_t errorHere(const llvm::Twine &message);
  /// Reports that the '(' or '[' at `open` is not closed where expected.
  std::nullptr_t errorUnclosed(const llvm::Twine &message, llvm::SMLoc open);
  std::nullptr_t error(llvm::SMLoc loc, const llvm::Twine &message);

  Lexer &lexer;
  const SourceLocations &locations;
};

} // namespace kiln::dsl

#endif // KILN_FRONTEND_DSL_PARSER_H

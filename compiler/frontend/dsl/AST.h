//===- AST.h - Syntax tree of the Kiln model language -----------*- C++ -*-===//
//
// The parser's output: models and blocks made of statements and expressions.
// Every node keeps the source position of the token that names it, so that
// MLIRGen can report errors precisely.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_FRONTEND_DSL_AST_H
#define KILN_FRONTEND_DSL_AST_H

#include "llvm/Support/Casting.h"
#include "llvm/Support/SMLoc.h"
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace kiln::dsl {

/// One dimension of a declared tensor type: a size, or a name that stands for
/// the (dynamic) batch size.
struct DimSpec {
  int64_t size = 0;
  std::string name;
  llvm::SMLoc loc;

  bool isNamed() const { return !name.empty(); }
};

/// A declared tensor type such as `f32[N, 784]`.
struct TypeSpec {
  std::string elementType;
  std::vector<DimSpec> dims;
  llvm::SMLoc loc;
};

//===----------------------------------------------------------------------===//
// Expressions
//===----------------------------------------------------------------------===//

class Expr {
public:
  enum class Kind {
    Number,
    String,
    Bool,
    None,
    Name,
    List,
    Unary,
    Binary,
    Call
  };

  Expr(Kind kind, llvm::SMLoc loc) : kind(kind), loc(loc) {}
  virtual ~Expr() = default;

  Kind getKind() const { return kind; }
  llvm::SMLoc getLoc() const { return loc; }

private:
  Kind kind;
  llvm::SMLoc loc;
};

using ExprPtr = std::unique_ptr<Expr>;

class NumberExpr : public Expr {
public:
  NumberExpr(llvm::SMLoc loc, double value, bool isInteger)
      : Expr(Kind::Number, loc), value(value), integer(isInteger) {}
  double getValue() const { return value; }
  bool isInteger() const { return integer; }
  static bool classof(const Expr *e) { return e->getKind() == Kind::Number; }

private:
  double value;
  bool integer;
};

class StringExpr : public Expr {
public:
  StringExpr(llvm::SMLoc loc, std::string value)
      : Expr(Kind::String, loc), value(std::move(value)) {}
  const std::string &getValue() const { return value; }
  static bool classof(const Expr *e) { return e->getKind() == Kind::String; }

private:
  std::string value;
};

class BoolExpr : public Expr {
public:
  BoolExpr(llvm::SMLoc loc, bool value) : Expr(Kind::Bool, loc), value(value) {}
  bool getValue() const { return value; }
  static bool classof(const Expr *e) { return e->getKind() == Kind::Bool; }

private:
  bool value;
};

class NoneExpr : public Expr {
public:
  explicit NoneExpr(llvm::SMLoc loc) : Expr(Kind::None, loc) {}
  static bool classof(const Expr *e) { return e->getKind() == Kind::None; }
};

class NameExpr : public Expr {
public:
  NameExpr(llvm::SMLoc loc, std::string name)
      : Expr(Kind::Name, loc), name(std::move(name)) {}
  const std::string &getName() const { return name; }
  static bool classof(const Expr *e) { return e->getKind() == Kind::Name; }

private:
  std::string name;
};

class ListExpr : public Expr {
public:
  ListExpr(llvm::SMLoc loc, std::vector<ExprPtr> elements)
      : Expr(Kind::List, loc), elements(std::move(elements)) {}
  const std::vector<ExprPtr> &getElements() const { return elements; }
  static bool classof(const Expr *e) { return e->getKind() == Kind::List; }

private:
  std::vector<ExprPtr> elements;
};

/// `-operand`; the location is the operator's.
class UnaryExpr : public Expr {
public:
  UnaryExpr(llvm::SMLoc loc, char op, ExprPtr operand)
      : Expr(Kind::Unary, loc), op(op), operand(std::move(operand)) {}
  char getOp() const { return op; }
  const Expr &getOperand() const { return *operand; }
  static bool classof(const Expr *e) { return e->getKind() == Kind::Unary; }

private:
  char op;
  ExprPtr operand;
};

/// `lhs op rhs` for op in + - * / @; the location is the operator's.
class BinaryExpr : public Expr {
public:
  BinaryExpr(llvm::SMLoc loc, char op, ExprPtr lhs, ExprPtr rhs)
      : Expr(Kind::Binary, loc), op(op), lhs(std::move(lhs)),
        rhs(std::move(rhs)) {}
  char getOp() const { return op; }
  const Expr &getLhs() const { return *lhs; }
  const Expr &getRhs() const { return *rhs; }
  static bool classof(const Expr *e) { return e->getKind() == Kind::Binary; }

private:
  char op;
  ExprPtr lhs, rhs;
};

struct KeywordArg {
  std::string name;
  llvm::SMLoc loc;
  ExprPtr value;
};

/// `callee(positional..., keyword=value...)`; the location is the callee's.
class CallExpr : public Expr {
public:
  CallExpr(llvm::SMLoc loc, std::string callee, std::vector<ExprPtr> positional,
           std::vector<KeywordArg> keywords)
      : Expr(Kind::Call, loc), callee(std::move(callee)),
        positional(std::move(positional)), keywords(std::move(keywords)) {}
  const std::string &getCallee() const { return callee; }
  const std::vector<ExprPtr> &getPositional() const { return positional; }
  const std::vector<KeywordArg> &getKeywords() const { return keywords; }
  static bool classof(const Expr *e) { return e->getKind() == Kind::Call; }

private:
  std::string callee;
  std::vector<ExprPtr> positional;
  std::vector<KeywordArg> keywords;
};

//===----------------------------------------------------------------------===//
// Statements
//===----------------------------------------------------------------------===//

class Stmt {
public:
  enum class Kind { Assign, Param, Return };

  Stmt(Kind kind, llvm::SMLoc loc) : kind(kind), loc(loc) {}
  virtual ~Stmt() = default;

  Kind getKind() const { return kind; }
  llvm::SMLoc getLoc() const { return loc; }

private:
  Kind kind;
  llvm::SMLoc loc;
};

using StmtPtr = std::unique_ptr<Stmt>;

struct Target {
  std::string name;
  llvm::SMLoc loc;
};

/// `a = expr` or `a, b = expr`.
class AssignStmt : public Stmt {
public:
  AssignStmt(std::vector<Target> targets, ExprPtr value)
      : Stmt(Kind::Assign, targets.front().loc), targets(std::move(targets)),
        value(std::move(value)) {}
  const std::vector<Target> &getTargets() const { return targets; }
  const Expr &getValue() const { return *value; }
  static bool classof(const Stmt *s) { return s->getKind() == Kind::Assign; }

private:
  std::vector<Target> targets;
  ExprPtr value;
};

/// `param name: type = initializer(args)`.
class ParamStmt : public Stmt {
public:
  ParamStmt(llvm::SMLoc loc, std::string name, TypeSpec type,
            ExprPtr initializer)
      : Stmt(Kind::Param, loc), name(std::move(name)), type(std::move(type)),
        initializer(std::move(initializer)) {}
  const std::string &getName() const { return name; }
  const TypeSpec &getType() const { return type; }
  const Expr &getInitializer() const { return *initializer; }
  static bool classof(const Stmt *s) { return s->getKind() == Kind::Param; }

private:
  std::string name;
  TypeSpec type;
  ExprPtr initializer;
};

/// `return a, b` (blocks only).
class ReturnStmt : public Stmt {
public:
  ReturnStmt(llvm::SMLoc loc, std::vector<ExprPtr> values)
      : Stmt(Kind::Return, loc), values(std::move(values)) {}
  const std::vector<ExprPtr> &getValues() const { return values; }
  static bool classof(const Stmt *s) { return s->getKind() == Kind::Return; }

private:
  std::vector<ExprPtr> values;
};

//===----------------------------------------------------------------------===//
// Models and blocks
//===----------------------------------------------------------------------===//

/// A model input or output: `name: f32[N, 784]`.
struct TensorDecl {
  std::string name;
  llvm::SMLoc loc;
  TypeSpec type;
};

struct ModelDecl {
  std::string name;
  llvm::SMLoc loc;
  std::vector<TensorDecl> inputs;
  std::vector<TensorDecl> outputs;
  int64_t seed = 0;
  /// "nchw" or "nhwc".
  std::string layout = "nchw";
  std::vector<StmtPtr> body;
};

/// A block parameter: a tensor (typed or not) or a typed attribute.
struct BlockParam {
  enum class Kind { Any, Tensor, Int, Float, String, Bool };

  std::string name;
  llvm::SMLoc loc;
  Kind kind = Kind::Any;
  std::optional<TypeSpec> tensorType;
  ExprPtr defaultValue;
};

struct BlockDecl {
  std::string name;
  llvm::SMLoc loc;
  std::vector<BlockParam> params;
  std::vector<StmtPtr> body;
};

/// `train model(labels...) [as name] { loss = ...; optimizer = ...; ... }`:
/// how a model is trained. A file may hold several, told apart by name.
struct TrainDecl {
  /// The model trained.
  std::string model;
  llvm::SMLoc loc;
  /// The section's name after `as`; empty when there is none.
  std::string name;
  llvm::SMLoc nameLoc;
  std::vector<TensorDecl> labels;
  std::vector<StmtPtr> body;
};

struct FileAST {
  std::vector<std::unique_ptr<ModelDecl>> models;
  std::vector<std::unique_ptr<BlockDecl>> blocks;
  std::vector<std::unique_ptr<TrainDecl>> trains;
};

} // namespace kiln::dsl

#endif // KILN_FRONTEND_DSL_AST_H

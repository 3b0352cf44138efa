//===- Parser.cpp - Parser of the Kiln model language ---------------------===//

#include "compiler/frontend/dsl/Parser.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSwitch.h"

using namespace kiln::dsl;
using llvm::isa;
using llvm::SMLoc;
using llvm::Twine;

static bool isElementTypeName(llvm::StringRef name) {
  return llvm::is_contained({"f32", "f64", "i32", "i64", "bool"}, name);
}

//===----------------------------------------------------------------------===//
// Token helpers
//===----------------------------------------------------------------------===//

bool Parser::consumeIf(TokenKind kind) {
  if (!at(kind))
    return false;
  take();
  return true;
}

bool Parser::expect(TokenKind kind, const Twine &what) {
  if (consumeIf(kind))
    return true;
  errorHere("expected " + what);
  return false;
}

void Parser::skipNewlines() {
  while (at(TokenKind::Newline) || at(TokenKind::Semicolon))
    take();
}

std::nullptr_t Parser::errorHere(const Twine &message) {
  const Token &token = peek();
  if (token.is(TokenKind::Error))
    return error(token.loc, token.text);
  return error(token.loc, message);
}

std::nullptr_t Parser::errorUnclosed(const Twine &message, SMLoc open) {
  const Token &token = peek();
  if (token.is(TokenKind::Error))
    return error(token.loc, token.text);
  locations.emitError(token.loc, message).attachNote(locations.get(open))
      << "to match this '" << *open.getPointer() << "'";
  return nullptr;
}

std::nullptr_t Parser::error(SMLoc loc, const Twine &message) {
  locations.emitError(loc, message);
  return nullptr;
}

//===----------------------------------------------------------------------===//
// Models and blocks
//===----------------------------------------------------------------------===//

std::unique_ptr<FileAST> Parser::parseFile(bool trainSectionsOnly) {
  auto file = std::make_unique<FileAST>();
  skipNewlines();
  while (!at(TokenKind::Eof)) {
    if (at(TokenKind::KwModel) && !trainSectionsOnly) {
      auto model = parseModel();
      if (!model)
        return nullptr;
      file->models.push_back(std::move(model));
    } else if (at(TokenKind::KwBlock)) {
      auto block = parseBlock();
      if (!block)
        return nullptr;
      file->blocks.push_back(std::move(block));
    } else if (at(TokenKind::Identifier) && peek().spelling == "train") {
      auto train = parseTrain();
      if (!train)
        return nullptr;
      file->trains.push_back(std::move(train));
    } else {
      return errorHere(trainSectionsOnly
                           ? "expected 'train' or 'block': this file adds "
                             "train sections to a model defined elsewhere"
                           : "expected 'model', 'block' or 'train'");
    }
    skipNewlines();
  }
  if (trainSectionsOnly && file->trains.empty())
    return error(SMLoc::getFromPointer(locations.getBuffer().begin()),
                 "the file holds no train section");
  if (file->models.empty() && !trainSectionsOnly) {
    SMLoc start = SMLoc::getFromPointer(locations.getBuffer().begin());
    return error(start, file->blocks.empty() ? "the file defines no model"
                                             : "the file defines no model, "
                                               "only blocks");
  }
  return file;
}

bool Parser::parseDeclName(llvm::StringRef keyword, std::string &name,
                           SMLoc &loc) {
  take(); // the keyword
  if (!at(TokenKind::Identifier)) {
    errorHere("expected the " + keyword + "'s name after '" + keyword + "'");
    return false;
  }
  Token token = take();
  name = token.spelling.str();
  loc = token.loc;
  return true;
}

std::unique_ptr<ModelDecl> Parser::parseModel() {
  auto model = std::make_unique<ModelDecl>();
  if (!parseDeclName("model", model->name, model->loc))
    return nullptr;
  if (!expect(TokenKind::LParen, "'(' and the model's inputs"))
    return nullptr;
  if (!parseTensorDecls(model->inputs, /*parenthesized=*/true))
    return nullptr;
  if (!expect(TokenKind::Arrow, "'->' and the model's outputs"))
    return nullptr;
  if (consumeIf(TokenKind::LParen)) {
    if (!parseTensorDecls(model->outputs, /*parenthesized=*/true))
      return nullptr;
  } else if (!parseTensorDecls(model->outputs, /*parenthesized=*/false)) {
    return nullptr;
  }
  if (model->outputs.empty())
    return error(model->loc, "model '" + model->name + "' declares no output");
  if (!parseModelOptions(*model))
    return nullptr;
  if (!parseBody(model->body))
    return nullptr;
  for (const StmtPtr &stmt : model->body)
    if (isa<ReturnStmt>(stmt.get()))
      return error(stmt->getLoc(), "'return' is only allowed in blocks; a "
                                   "model assigns its outputs by name");
  return model;
}

std::unique_ptr<TrainDecl> Parser::parseTrain() {
  auto train = std::make_unique<TrainDecl>();
  if (!parseDeclName("train", train->model, train->loc))
    return nullptr;
  if (!expect(TokenKind::LParen, "'(' and the labels"))
    return nullptr;
  if (!parseTensorDecls(train->labels, /*parenthesized=*/true))
    return nullptr;
  if (at(TokenKind::Identifier) && peek().spelling == "as") {
    take();
    if (!at(TokenKind::Identifier))
      return errorHere("expected the train section's name after 'as'");
    Token name = take();
    train->name = name.spelling.str();
    train->nameLoc = name.loc;
  }
  if (!parseBody(train->body))
    return nullptr;
  for (const StmtPtr &stmt : train->body)
    if (!isa<AssignStmt>(stmt.get()))
      return error(stmt->getLoc(), "a train section holds assignments only");
  return train;
}

bool Parser::parseModelOptions(ModelDecl &model) {
  bool seenSeed = false, seenLayout = false;
  for (;;) {
    if (at(TokenKind::Newline) && peek(1).is(TokenKind::LBrace))
      take();
    if (at(TokenKind::LBrace))
      return true;
    const Token &option = peek();
    if (!option.is(TokenKind::Identifier) ||
        (option.spelling != "seed" && option.spelling != "layout")) {
      errorHere("expected 'seed', 'layout' or '{' after the model's outputs");
      return false;
    }
    Token keyword = take();
    if (keyword.spelling == "seed") {
      if (seenSeed) {
        error(keyword.loc, "the seed is given twice");
        return false;
      }
      seenSeed = true;
      if (!at(TokenKind::Integer)) {
        errorHere("expected a non-negative integer after 'seed'");
        return false;
      }
      Token value = take();
      if (value.spelling.getAsInteger(10, model.seed) || model.seed < 0) {
        error(value.loc, "the seed does not fit in 63 bits");
        return false;
      }
      continue;
    }
    if (seenLayout) {
      error(keyword.loc, "the layout is given twice");
      return false;
    }
    seenLayout = true;
    const Token &value = peek();
    llvm::StringRef layout;
    if (value.is(TokenKind::Identifier))
      layout = value.spelling;
    else if (value.is(TokenKind::String))
      layout = value.text;
    if (layout != "nchw" && layout != "nhwc") {
      errorHere("expected 'nchw' or 'nhwc' after 'layout'");
      return false;
    }
    model.layout = layout.str();
    take();
  }
}

bool Parser::parseTensorDecls(std::vector<TensorDecl> &decls,
                              bool parenthesized) {
  if (parenthesized && consumeIf(TokenKind::RParen))
    return true;
  for (;;) {
    if (!at(TokenKind::Identifier)) {
      errorHere("expected a tensor name");
      return false;
    }
    Token name = take();
    for (const TensorDecl &other : decls) {
      if (other.name == name.spelling) {
        error(name.loc, "duplicate name '" + name.spelling + "'");
        return false;
      }
    }
    if (!expect(TokenKind::Colon,
                "':' and a type after '" + name.spelling + "'"))
      return false;
    std::optional<TypeSpec> type = parseType();
    if (!type)
      return false;
    decls.push_back({name.spelling.str(), name.loc, std::move(*type)});
    if (!parenthesized)
      return true;
    if (consumeIf(TokenKind::RParen))
      return true;
    if (!expect(TokenKind::Comma, "',' or ')'"))
      return false;
  }
}

std::optional<TypeSpec> Parser::parseType() {
  if (!at(TokenKind::Identifier)) {
    errorHere("expected a tensor type such as f32[N, 10]");
    return std::nullopt;
  }
  Token element = take();
  if (!isElementTypeName(element.spelling)) {
    error(element.loc, "unknown element type '" + element.spelling +
                           "' (expected f32, f64, i32, i64 or bool)");
    return std::nullopt;
  }
  TypeSpec type;
  type.elementType = element.spelling.str();
  type.loc = element.loc;
  if (!expect(TokenKind::LBracket,
              "'[' and the shape after the element type (f32[] is a scalar)"))
    return std::nullopt;
  if (consumeIf(TokenKind::RBracket))
    return type;
  for (;;) {
    DimSpec dim;
    dim.loc = peek().loc;
    if (at(TokenKind::Integer)) {
      Token size = take();
      if (size.spelling.getAsInteger(10, dim.size)) {
        error(size.loc, "dimension is too large");
        return std::nullopt;
      }
    } else if (at(TokenKind::Identifier)) {
      dim.name = take().spelling.str();
    } else {
      errorHere("expected a dimension: an integer or a name");
      return std::nullopt;
    }
    type.dims.push_back(std::move(dim));
    if (consumeIf(TokenKind::RBracket))
      return type;
    if (!expect(TokenKind::Comma, "',' or ']' in the shape"))
      return std::nullopt;
  }
}

std::unique_ptr<BlockDecl> Parser::parseBlock() {
  auto block = std::make_unique<BlockDecl>();
  if (!parseDeclName("block", block->name, block->loc))
    return nullptr;
  if (!expect(TokenKind::LParen, "'(' and the block's parameters"))
    return nullptr;
  if (!consumeIf(TokenKind::RParen)) {
    for (;;) {
      BlockParam param;
      if (!parseBlockParam(param))
        return nullptr;
      for (const BlockParam &other : block->params)
        if (other.name == param.name)
          return error(param.loc, "duplicate parameter '" + param.name + "'");
      block->params.push_back(std::move(param));
      if (consumeIf(TokenKind::RParen))
        break;
      if (!expect(TokenKind::Comma, "',' or ')'"))
        return nullptr;
    }
  }
  if (at(TokenKind::Arrow))
    return errorHere("a block's results are given by 'return', not '->'");
  if (at(TokenKind::Newline) && peek(1).is(TokenKind::LBrace))
    take();
  if (!parseBody(block->body))
    return nullptr;
  if (block->body.empty() || !isa<ReturnStmt>(block->body.back().get()))
    return error(block->loc,
                 "block '" + block->name + "' must end with 'return'");
  for (const StmtPtr &stmt : llvm::drop_end(block->body))
    if (isa<ReturnStmt>(stmt.get()))
      return error(stmt->getLoc(),
                   "'return' must be the last statement of a block");
  return block;
}

bool Parser::parseBlockParam(BlockParam &param) {
  if (!at(TokenKind::Identifier)) {
    errorHere("expected a parameter name");
    return false;
  }
  Token name = take();
  param.name = name.spelling.str();
  param.loc = name.loc;
  if (consumeIf(TokenKind::Colon)) {
    const Token &kind = peek();
    using Kind = BlockParam::Kind;
    std::optional<Kind> attributeKind;
    if (kind.is(TokenKind::Identifier))
      attributeKind = llvm::StringSwitch<std::optional<Kind>>(kind.spelling)
                          .Case("int", Kind::Int)
                          .Case("float", Kind::Float)
                          .Cases({"string", "str"}, Kind::String)
                          .Case("tensor", Kind::Tensor)
                          .Default(std::nullopt);
    if (kind.is(TokenKind::Identifier) && kind.spelling == "bool" &&
        !peek(1).is(TokenKind::LBracket))
      attributeKind = Kind::Bool;
    if (attributeKind) {
      take();
      param.kind = *attributeKind;
    } else {
      std::optional<TypeSpec> type = parseType();
      if (!type)
        return false;
      param.kind = Kind::Tensor;
      param.tensorType = std::move(*type);
    }
  }
  if (consumeIf(TokenKind::Equal)) {
    param.defaultValue = parseExpr();
    if (!param.defaultValue)
      return false;
  }
  return true;
}

//===----------------------------------------------------------------------===//
// Statements
//===----------------------------------------------------------------------===//

bool Parser::parseBody(std::vector<StmtPtr> &body) {
  SMLoc open = peek().loc;
  if (!expect(TokenKind::LBrace, "'{'"))
    return false;
  for (;;) {
    skipNewlines();
    if (consumeIf(TokenKind::RBrace))
      return true;
    if (at(TokenKind::Eof) || at(TokenKind::KwModel) ||
        at(TokenKind::KwBlock)) {
      errorUnclosed("expected '}'", open);
      return false;
    }
    StmtPtr stmt = parseStatement();
    if (!stmt)
      return false;
    body.push_back(std::move(stmt));
    if (!at(TokenKind::Newline) && !at(TokenKind::Semicolon) &&
        !at(TokenKind::RBrace)) {
      errorHere("expected the end of the statement (a new line or ';')");
      return false;
    }
  }
}

StmtPtr Parser::parseStatement() {
  switch (peek().kind) {
  case TokenKind::KwParam:
    return parseParam();
  case TokenKind::KwReturn:
    return parseReturn();
  case TokenKind::Identifier:
    return parseAssign();
  default:
    return errorHere("expected a statement: 'name = expression', 'param' or "
                     "'return'");
  }
}

StmtPtr Parser::parseParam() {
  take(); // 'param'
  if (!at(TokenKind::Identifier))
    return errorHere("expected the parameter's name after 'param'");
  Token name = take();
  if (!expect(TokenKind::Colon, "':' and the parameter's type"))
    return nullptr;
  std::optional<TypeSpec> type = parseType();
  if (!type)
    return nullptr;
  if (!expect(TokenKind::Equal, "'=' and an initializer such as zeros()"))
    return nullptr;
  ExprPtr initializer = parseExpr();
  if (!initializer)
    return nullptr;
  return std::make_unique<ParamStmt>(name.loc, name.spelling.str(),
                                     std::move(*type), std::move(initializer));
}

StmtPtr Parser::parseReturn() {
  SMLoc loc = take().loc; // 'return'
  std::vector<ExprPtr> values;
  do {
    ExprPtr value = parseExpr();
    if (!value)
      return nullptr;
    values.push_back(std::move(value));
  } while (consumeIf(TokenKind::Comma));
  return std::make_unique<ReturnStmt>(loc, std::move(values));
}

StmtPtr Parser::parseAssign() {
  std::vector<Target> targets;
  for (;;) {
    Token name = take();
    targets.push_back({name.spelling.str(), name.loc});
    if (!consumeIf(TokenKind::Comma))
      break;
    if (!at(TokenKind::Identifier))
      return errorHere("expected a name to assign to");
  }
  if (!at(TokenKind::Equal)) {
    if (targets.size() == 1 && at(TokenKind::LParen))
      return error(targets.front().loc,
                   "a call's result must be assigned: 'name = " +
                       targets.front().name + "(...)'");
    return errorHere("expected '=' after '" + targets.back().name + "'");
  }
  take();
  ExprPtr value = parseExpr();
  if (!value)
    return nullptr;
  return std::make_unique<AssignStmt>(std::move(targets), std::move(value));
}

//===----------------------------------------------------------------------===//
// Expressions
//===----------------------------------------------------------------------===//

ExprPtr Parser::parseExpr() {
  return parseLeftAssociative({TokenKind::Plus, TokenKind::Minus},
                              &Parser::parseTerm);
}

ExprPtr Parser::parseTerm() {
  return parseLeftAssociative(
      {TokenKind::Star, TokenKind::Slash, TokenKind::At}, &Parser::parseUnary);
}

ExprPtr Parser::parseLeftAssociative(llvm::ArrayRef<TokenKind> operators,
                                     ExprPtr (Parser::*parseOperand)()) {
  auto atOperator = [&] {
    return llvm::any_of(operators, [&](TokenKind kind) { return at(kind); });
  };
  ExprPtr lhs = (this->*parseOperand)();
  while (lhs && atOperator()) {
    Token op = take();
    ExprPtr rhs = (this->*parseOperand)();
    if (!rhs)
      return nullptr;
    lhs = std::make_unique<BinaryExpr>(op.loc, op.spelling[0], std::move(lhs),
                                       std::move(rhs));
  }
  return lhs;
}

ExprPtr Parser::parseUnary() {
  if (at(TokenKind::Minus)) {
    Token op = take();
    ExprPtr operand = parseUnary();
    if (!operand)
      return nullptr;
    return std::make_unique<UnaryExpr>(op.loc, '-', std::move(operand));
  }
  if (consumeIf(TokenKind::Plus))
    return parseUnary();
  return parsePrimary();
}

ExprPtr Parser::parsePrimary() {
  const Token &token = peek();
  switch (token.kind) {
  case TokenKind::Integer: {
    Token number = take();
    int64_t value;
    if (number.spelling.getAsInteger(10, value))
      return error(number.loc, "integer literal is too large");
    return std::make_unique<NumberExpr>(number.loc, static_cast<double>(value),
                                        /*isInteger=*/true);
  }
  case TokenKind::Float: {
    Token number = take();
    double value;
    if (number.spelling.getAsDouble(value))
      return error(number.loc, "invalid number '" + number.spelling + "'");
    return std::make_unique<NumberExpr>(number.loc, value, /*isInteger=*/false);
  }
  case TokenKind::String: {
    Token string = take();
    return std::make_unique<StringExpr>(string.loc, string.text);
  }
  case TokenKind::KwTrue:
    return std::make_unique<BoolExpr>(take().loc, true);
  case TokenKind::KwFalse:
    return std::make_unique<BoolExpr>(take().loc, false);
  case TokenKind::KwNone:
    return std::make_unique<NoneExpr>(take().loc);
  case TokenKind::Identifier: {
    Token name = take();
    if (at(TokenKind::LParen))
      return parseCall(std::move(name));
    return std::make_unique<NameExpr>(name.loc, name.spelling.str());
  }
  case TokenKind::LParen: {
    SMLoc open = take().loc;
    ExprPtr inner = parseExpr();
    if (!inner)
      return nullptr;
    if (!at(TokenKind::RParen))
      return errorUnclosed("expected ')'", open);
    take();
    return inner;
  }
  case TokenKind::LBracket:
    return parseList();
  default:
    return errorHere("expected an expression");
  }
}

ExprPtr Parser::parseCall(Token callee) {
  SMLoc open = take().loc;
  std::vector<ExprPtr> positional;
  std::vector<KeywordArg> keywords;
  while (!at(TokenKind::RParen)) {
    if (at(TokenKind::Identifier) && peek(1).is(TokenKind::Equal)) {
      Token name = take();
      take(); // '='
      for (const KeywordArg &other : keywords)
        if (other.name == name.spelling)
          return error(name.loc,
                       "keyword argument '" + name.spelling + "' given twice");
      ExprPtr value = parseExpr();
      if (!value)
        return nullptr;
      keywords.push_back({name.spelling.str(), name.loc, std::move(value)});
    } else {
      if (!keywords.empty())
        return errorHere("positional argument after keyword arguments");
      ExprPtr value = parseExpr();
      if (!value)
        return nullptr;
      positional.push_back(std::move(value));
    }
    if (at(TokenKind::RParen))
      break;
    if (!at(TokenKind::Comma))
      return errorUnclosed("expected ',' or ')' after an argument of '" +
                               callee.spelling + "'",
                           open);
    take();
  }
  take(); // ')'
  return std::make_unique<CallExpr>(callee.loc, callee.spelling.str(),
                                    std::move(positional), std::move(keywords));
}

ExprPtr Parser::parseList() {
  SMLoc open = take().loc;
  std::vector<ExprPtr> elements;
  while (!at(TokenKind::RBracket)) {
    ExprPtr element = parseExpr();
    if (!element)
      return nullptr;
    elements.push_back(std::move(element));
    if (at(TokenKind::RBracket))
      break;
    if (!at(TokenKind::Comma))
      return errorUnclosed("expected ',' or ']' in the list", open);
    take();
  }
  take(); // ']'
  return std::make_unique<ListExpr>(open, std::move(elements));
}

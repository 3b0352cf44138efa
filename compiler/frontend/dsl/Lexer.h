//===- Lexer.h - Tokens of the Kiln model language --------------*- C++ -*-===//
//
// Splits a .kiln source buffer into tokens. Newlines end statements, except
// inside parentheses and brackets, where they are plain whitespace.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_FRONTEND_DSL_LEXER_H
#define KILN_FRONTEND_DSL_LEXER_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/SMLoc.h"
#include <deque>
#include <string>

namespace kiln::dsl {

enum class TokenKind {
  Eof,
  Error,
  Newline,
  Identifier,
  Integer,
  Float,
  String,
  // Keywords.
  KwModel,
  KwBlock,
  KwParam,
  KwReturn,
  KwTrue,
  KwFalse,
  KwNone,
  // Punctuation.
  LParen,
  RParen,
  LBracket,
  RBracket,
  LBrace,
  RBrace,
  Comma,
  Colon,
  Semicolon,
  Equal,
  Plus,
  Minus,
  Star,
  Slash,
  At,
  Arrow,
};

struct Token {
  TokenKind kind = TokenKind::Eof;
  /// The token's text in the source; for strings, without the quotes.
  llvm::StringRef spelling;
  /// The unescaped value of a string literal, or the message of an error.
  std::string text;
  llvm::SMLoc loc;

  bool is(TokenKind k) const { return kind == k; }
};

/// Produces tokens on demand, with any amount of lookahead.
class Lexer {
public:
  explicit Lexer(llvm::StringRef buffer)
      : buffer(buffer), cursor(buffer.begin()) {}

  /// The token `ahead` positions after the current one.
  const Token &peek(unsigned ahead = 0);
  /// Consumes the current token and returns it.
  Token take();

private:
  Token lexToken();
  Token lexIdentifier(const char *start);
  Token lexNumber(const char *start);
  Token lexString(const char *start);
  Token make(TokenKind kind, const char *start);
  Token error(const char *at, const std::string &message);
  void skipWhitespaceAndComments();

  llvm::StringRef buffer;
  const char *cursor;
  /// Open parentheses and brackets: newlines inside them are whitespace.
  int nesting = 0;
  std::deque<Token> lookahead;
};

} // namespace kiln::dsl

#endif // KILN_FRONTEND_DSL_LEXER_H

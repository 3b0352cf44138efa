//===- Lexer.cpp - Tokens of the Kiln model language ----------------------===//

#include "compiler/frontend/dsl/Lexer.h"

#include "llvm/ADT/StringSwitch.h"
#include <cctype>

using namespace kiln::dsl;

const Token &Lexer::peek(unsigned ahead) {
  while (lookahead.size() <= ahead)
    lookahead.push_back(lexToken());
  return lookahead[ahead];
}

Token Lexer::take() {
  peek();
  Token token = std::move(lookahead.front());
  lookahead.pop_front();
  return token;
}

Token Lexer::make(TokenKind kind, const char *start) {
  Token token;
  token.kind = kind;
  token.spelling = llvm::StringRef(start, cursor - start);
  token.loc = llvm::SMLoc::getFromPointer(start);
  return token;
}

Token Lexer::error(const char *at, const std::string &message) {
  Token token;
  token.kind = TokenKind::Error;
  token.spelling = llvm::StringRef(at, 1);
  token.text = message;
  token.loc = llvm::SMLoc::getFromPointer(at);
  return token;
}

void Lexer::skipWhitespaceAndComments() {
  while (cursor != buffer.end()) {
    char c = *cursor;
    if (c == '#') {
      while (cursor != buffer.end() && *cursor != '\n')
        ++cursor;
    } else if (c == ' ' || c == '\t' || c == '\r' ||
               (c == '\n' && nesting > 0)) {
      ++cursor;
    } else if (c == '\\' && cursor + 1 != buffer.end() && cursor[1] == '\n') {
      cursor += 2;
    } else {
      return;
    }
  }
}

Token Lexer::lexToken() {
  skipWhitespaceAndComments();
  if (cursor == buffer.end())
    return make(TokenKind::Eof, cursor);

  const char *start = cursor;
  char c = *cursor++;
  if (c == '\n') {
    // One token for a run of empty and comment-only lines.
    for (;;) {
      skipWhitespaceAndComments();
      if (cursor == buffer.end() || *cursor != '\n')
        break;
      ++cursor;
    }
    Token token = make(TokenKind::Newline, start);
    token.spelling = llvm::StringRef(start, 1);
    return token;
  }
  if (std::isalpha(static_cast<unsigned char>(c)) || c == '_')
    return lexIdentifier(start);
  if (std::isdigit(static_cast<unsigned char>(c)) ||
      (c == '.' && cursor != buffer.end() &&
       std::isdigit(static_cast<unsigned char>(*cursor))))
    return lexNumber(start);
  if (c == '"' || c == '\'')
    return lexString(start);

  switch (c) {
  case '(':
    ++nesting;
    return make(TokenKind::LParen, start);
  case '[':
    ++nesting;
    return make(TokenKind::LBracket, start);
  case ')':
    nesting = nesting > 0 ? nesting - 1 : 0;
    return make(TokenKind::RParen, start);
  case ']':
    nesting = nesting > 0 ? nesting - 1 : 0;
    return make(TokenKind::RBracket, start);
  case '{':
    return make(TokenKind::LBrace, start);
  case '}':
    return make(TokenKind::RBrace, start);
  case ',':
    return make(TokenKind::Comma, start);
  case ':':
    return make(TokenKind::Colon, start);
  case ';':
    return make(TokenKind::Semicolon, start);
  case '=':
    return make(TokenKind::Equal, start);
  case '+':
    return make(TokenKind::Plus, start);
  case '-':
    if (cursor != buffer.end() && *cursor == '>') {
      ++cursor;
      return make(TokenKind::Arrow, start);
    }
    return make(TokenKind::Minus, start);
  case '*':
    return make(TokenKind::Star, start);
  case '/':
    return make(TokenKind::Slash, start);
  case '@':
    return make(TokenKind::At, start);
  default:
    break;
  }
  if (std::isprint(static_cast<unsigned char>(c)))
    return error(start, std::string("unexpected character '") + c + "'");
  return error(start, "unexpected character");
}

Token Lexer::lexIdentifier(const char *start) {
  while (cursor != buffer.end() &&
         (std::isalnum(static_cast<unsigned char>(*cursor)) || *cursor == '_'))
    ++cursor;
  llvm::StringRef word(start, cursor - start);
  TokenKind kind = llvm::StringSwitch<TokenKind>(word)
                       .Case("model", TokenKind::KwModel)
                       .Case("block", TokenKind::KwBlock)
                       .Case("param", TokenKind::KwParam)
                       .Case("return", TokenKind::KwReturn)
                       .Cases({"true", "True"}, TokenKind::KwTrue)
                       .Cases({"false", "False"}, TokenKind::KwFalse)
                       .Case("None", TokenKind::KwNone)
                       .Default(TokenKind::Identifier);
  return make(kind, start);
}

Token Lexer::lexNumber(const char *start) {
  auto isDigit = [&] {
    return cursor != buffer.end() &&
           std::isdigit(static_cast<unsigned char>(*cursor));
  };
  bool isFloat = *start == '.';
  while (isDigit())
    ++cursor;
  if (!isFloat && cursor != buffer.end() && *cursor == '.') {
    isFloat = true;
    ++cursor;
    while (isDigit())
      ++cursor;
  }
  if (cursor != buffer.end() && (*cursor == 'e' || *cursor == 'E')) {
    const char *exponent = cursor++;
    if (cursor != buffer.end() && (*cursor == '+' || *cursor == '-'))
      ++cursor;
    if (!isDigit())
      return error(exponent, "expected digits in the exponent");
    while (isDigit())
      ++cursor;
    isFloat = true;
  }
  if (cursor != buffer.end() &&
      (std::isalpha(static_cast<unsigned char>(*cursor)) || *cursor == '_'))
    return error(cursor, std::string("unexpected character '") + *cursor +
                             "' in a number");
  return make(isFloat ? TokenKind::Float : TokenKind::Integer, start);
}

Token Lexer::lexString(const char *start) {
  char quote = *start;
  std::string value;
  while (cursor != buffer.end() && *cursor != quote && *cursor != '\n') {
    char c = *cursor++;
    if (c == '\\' && cursor != buffer.end() && *cursor != '\n') {
      char escaped = *cursor++;
      switch (escaped) {
      case 'n':
        value += '\n';
        break;
      case 't':
        value += '\t';
        break;
      default:
        value += escaped;
        break;
      }
      continue;
    }
    value += c;
  }
  if (cursor == buffer.end() || *cursor != quote)
    return error(start, "unterminated string");
  ++cursor;
  Token token = make(TokenKind::String, start);
  token.spelling = llvm::StringRef(start + 1, cursor - start - 2);
  token.text = std::move(value);
  return token;
}

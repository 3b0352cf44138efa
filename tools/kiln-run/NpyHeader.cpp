//===- NpyHeader.cpp - The header dictionary of a .npy file ---------------===//

#include "NpyHeader.h"

#include "ToolError.h"

namespace kiln::run {
namespace {

/// A recursive-descent reader for the subset of Python literals that .npy
/// headers use: a dict of string keys to strings, booleans and int tuples.
class HeaderReader {
public:
  HeaderReader(std::string_view header, const std::string &sourceName)
      : text(header), source(sourceName) {}

  NpyHeader read();

private:
  [[noreturn]] void fail(const std::string &message) const {
    throw ToolError(source + ": malformed .npy header: " + message);
  }
  void skipSpace() {
    while (position < text.size() &&
           (text[position] == ' ' || text[position] == '\t' ||
            text[position] == '\n' || text[position] == '\r'))
      ++position;
  }
  bool consume(char c) {
    skipSpace();
    if (position < text.size() && text[position] == c) {
      ++position;
      return true;
    }
    return false;
  }
  void expect(char c) {
    if (!consume(c))
      fail(std::string("expected '") + c + "' at offset " +
           std::to_string(position));
  }
  bool consumeWord(std::string_view word) {
    skipSpace();
    if (text.substr(position, word.size()) != word)
      return false;
    position += word.size();
    return true;
  }
  std::string readString();
  bool readBool();
  int64_t readInteger();
  std::vector<int64_t> readShape();

  std::string_view text;
  const std::string &source;
  size_t position = 0;
};

std::string HeaderReader::readString() {
  skipSpace();
  if (position >= text.size() ||
      (text[position] != '\'' && text[position] != '"'))
    fail("expected a string at offset " + std::to_string(position));
  char quote = text[position++];
  size_t end = text.find(quote, position);
  if (end == std::string_view::npos)
    fail("unterminated string");
  std::string value(text.substr(position, end - position));
  position = end + 1;
  return value;
}

bool HeaderReader::readBool() {
  if (consumeWord("True"))
    return true;
  if (consumeWord("False"))
    return false;
  fail("expected True or False at offset " + std::to_string(position));
}

int64_t HeaderReader::readInteger() {
  skipSpace();
  size_t start = position;
  int64_t value = 0;
  while (position < text.size() && text[position] >= '0' &&
         text[position] <= '9') {
    if (position - start >= 18)
      fail("dimension too large");
    value = value * 10 + (text[position++] - '0');
  }
  if (position == start)
    fail("expected a non-negative integer at offset " +
         std::to_string(position));
  consume('L');
  return value;
}

std::vector<int64_t> HeaderReader::readShape() {
  std::vector<int64_t> shape;
  expect('(');
  if (consume(')'))
    return shape;
  while (true) {
    shape.push_back(readInteger());
    if (consume(')'))
      return shape;
    expect(',');
    if (consume(')'))
      return shape;
  }
}

NpyHeader HeaderReader::read() {
  NpyHeader header;
  bool sawDescr = false, sawOrder = false, sawShape = false;
  expect('{');
  while (!consume('}')) {
    std::string key = readString();
    expect(':');
    if (key == "descr" && !sawDescr) {
      header.descr = readString();
      sawDescr = true;
    } else if (key == "fortran_order" && !sawOrder) {
      header.fortranOrder = readBool();
      sawOrder = true;
    } else if (key == "shape" && !sawShape) {
      header.shape = readShape();
      sawShape = true;
    } else {
      fail("unexpected or repeated key '" + key + "'");
    }
    if (!consume(',')) {
      expect('}');
      break;
    }
  }
  skipSpace();
  if (position != text.size())
    fail("unexpected text after the dict");
  if (!sawDescr || !sawOrder || !sawShape)
    fail("it needs the keys 'descr', 'fortran_order' and 'shape'");
  return header;
}

} // namespace

NpyHeader parseNpyHeader(std::string_view text, const std::string &source) {
  return HeaderReader(text, source).read();
}

std::string formatNpyHeader(const NpyHeader &header) {
  std::string shape = "(";
  for (size_t i = 0; i < header.shape.size(); ++i)
    shape += (i > 0 ? ", " : "") + std::to_string(header.shape[i]);
  if (header.shape.size() == 1)
    shape += ",";
  shape += ")";
  return "{'descr': '" + header.descr +
         "', 'fortran_order': " + (header.fortranOrder ? "True" : "False") +
         ", 'shape': " + shape + ", }";
}

std::string encodeNpyPreamble(const NpyHeader &header) {
  std::string dict = formatNpyHeader(header);
  size_t prefix = kNpyMagicSize + 2 + 2;
  size_t unpadded = prefix + dict.size() + 1;
  size_t padded = (unpadded + kNpyHeaderAlignment - 1) / kNpyHeaderAlignment *
                  kNpyHeaderAlignment;
  dict.append(padded - unpadded, ' ');
  dict += '\n';

  std::string bytes(kNpyMagic, kNpyMagicSize);
  bytes += '\x01';
  bytes += '\x00';
  bytes += static_cast<char>(dict.size() & 0xff);
  bytes += static_cast<char>((dict.size() >> 8) & 0xff);
  return bytes + dict;
}

} // namespace kiln::run

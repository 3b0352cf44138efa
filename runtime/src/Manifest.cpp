//===- Manifest.cpp - The artifact manifest and its parser ----------------===//

#include "Manifest.h"

#include "ElementType.h"

#include <optional>

namespace kiln::runtime {
namespace {

bool isIdentifier(std::string_view text) {
  if (text.empty())
    return false;
  auto isAlpha = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  };
  auto isDigit = [](char c) { return c >= '0' && c <= '9'; };
  if (!isAlpha(text.front()))
    return false;
  for (char c : text)
    if (!isAlpha(c) && !isDigit(c))
      return false;
  return true;
}

/// Parses a non-empty string of at most `maxDigits` decimal digits.
std::optional<int64_t> parseUnsigned(std::string_view text, size_t maxDigits) {
  if (text.empty() || text.size() > maxDigits)
    return std::nullopt;
  int64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9')
      return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

std::vector<std::string_view> splitOn(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    size_t end = text.find(separator, start);
    if (end == std::string_view::npos) {
      parts.push_back(text.substr(start));
      return parts;
    }
    parts.push_back(text.substr(start, end - start));
    start = end + 1;
  }
}

std::string quoted(std::string_view text) {
  return "'" + std::string(text) + "'";
}

class ManifestParser {
public:
  std::variant<Manifest, ManifestError> parse(std::string_view text);

private:
  /// Each returns false after recording an error.
  bool parseLine(std::string_view line);
  bool parseHeader(const std::vector<std::string_view> &fields);
  bool parseFunction(const std::vector<std::string_view> &fields);
  bool parseArgument(const std::vector<std::string_view> &fields);
  bool parseEnd(const std::vector<std::string_view> &fields);
  bool parseShape(std::string_view text, std::vector<int64_t> &dims);
  bool fail(std::string message,
            ManifestError::Kind kind = ManifestError::Kind::Malformed);

  Manifest manifest{0, {}};
  ManifestError error{ManifestError::Kind::Malformed, 0, ""};
  unsigned lineNumber = 0;
  std::string_view currentLine;
  bool sawHeader = false;
  bool inFunction = false;
  unsigned functionLine = 0;
};

bool ManifestParser::fail(std::string message, ManifestError::Kind kind) {
  error = ManifestError{kind, lineNumber, std::move(message)};
  return false;
}

std::variant<Manifest, ManifestError>
ManifestParser::parse(std::string_view text) {
  std::vector<std::string_view> lines = splitOn(text, '\n');
  // A final newline ends the last line rather than starting an empty one.
  if (lines.size() > 1 && lines.back().empty())
    lines.pop_back();
  for (std::string_view line : lines) {
    ++lineNumber;
    if (!line.empty() && line.back() == '\r')
      line.remove_suffix(1);
    if (!parseLine(line))
      return error;
  }
  if (!sawHeader) {
    lineNumber = 1;
    fail("expected 'kiln-artifact <abi-version>', got an empty manifest");
    return error;
  }
  if (inFunction) {
    lineNumber = functionLine;
    fail("function " + quoted(manifest.functions.back().name) +
         " is not closed by 'end'");
    return error;
  }
  if (manifest.functions.empty()) {
    fail("the manifest declares no functions");
    return error;
  }
  return std::move(manifest);
}

bool ManifestParser::parseLine(std::string_view line) {
  if (line.empty() || line.front() == '#')
    return true;
  currentLine = line;
  std::vector<std::string_view> fields = splitOn(line, ' ');
  for (std::string_view field : fields)
    if (field.empty())
      return fail("fields must be separated by single spaces, got " +
                  quoted(line));
  std::string_view kind = fields.front();
  if (!sawHeader)
    return parseHeader(fields);
  if (kind == "function")
    return parseFunction(fields);
  if (kind == "input" || kind == "output")
    return parseArgument(fields);
  if (kind == "end")
    return parseEnd(fields);
  if (kind == "kiln-artifact")
    return fail("duplicate 'kiln-artifact' line");
  return fail("unknown line kind " + quoted(kind) +
              " (expected function, input, output or end)");
}

bool ManifestParser::parseHeader(const std::vector<std::string_view> &fields) {
  if (fields.size() != 2 || fields[0] != "kiln-artifact")
    return fail("expected 'kiln-artifact <abi-version>', got " +
                quoted(currentLine));
  std::optional<int64_t> version = parseUnsigned(fields[1], 9);
  if (!version)
    return fail("ABI version must be a decimal number, got " +
                quoted(fields[1]));
  manifest.abiVersion = static_cast<uint32_t>(*version);
  if (manifest.abiVersion != KILN_ABI_VERSION)
    return fail("manifest has ABI version " + std::to_string(*version) +
                    ", this runtime reads version " +
                    std::to_string(KILN_ABI_VERSION),
                ManifestError::Kind::UnsupportedVersion);
  sawHeader = true;
  return true;
}

bool ManifestParser::parseFunction(
    const std::vector<std::string_view> &fields) {
  if (fields.size() != 2)
    return fail("expected 'function <name>'");
  if (inFunction)
    return fail("function " + quoted(fields[1]) + " starts before function " +
                quoted(manifest.functions.back().name) + " has its 'end'");
  if (!isIdentifier(fields[1]))
    return fail("function name " + quoted(fields[1]) +
                " is not a C identifier");
  for (const ManifestFunction &function : manifest.functions)
    if (function.name == fields[1])
      return fail("duplicate function " + quoted(fields[1]));
  manifest.functions.push_back(
      ManifestFunction{std::string(fields[1]), {}, {}});
  inFunction = true;
  functionLine = lineNumber;
  return true;
}

bool ManifestParser::parseArgument(
    const std::vector<std::string_view> &fields) {
  std::string_view kind = fields[0];
  if (fields.size() != 4)
    return fail("expected '" + std::string(kind) +
                " <name> <element-type> <shape>'");
  if (!inFunction)
    return fail(quoted(kind) + " line outside a function");
  ManifestFunction &function = manifest.functions.back();
  std::string_view name = fields[1];
  if (!isIdentifier(name))
    return fail(std::string(kind) + " name " + quoted(name) +
                " is not a C identifier");
  for (const auto *arguments : {&function.inputs, &function.outputs})
    for (const ManifestTensor &argument : *arguments)
      if (argument.name == name)
        return fail("function " + quoted(function.name) +
                    " has two arguments named " + quoted(name));
  if (kind == "input" && !function.outputs.empty())
    return fail("input " + quoted(name) +
                " follows an output; inputs come first");
  std::optional<kiln_dtype> dtype = parseElementType(fields[2]);
  if (!dtype)
    return fail("unknown element type " + quoted(fields[2]) +
                " (expected f32, f64, i32, i64 or i1)");
  ManifestTensor tensor{std::string(name), *dtype, {}};
  if (!parseShape(fields[3], tensor.dims))
    return false;
  (kind == "input" ? function.inputs : function.outputs)
      .push_back(std::move(tensor));
  return true;
}

bool ManifestParser::parseEnd(const std::vector<std::string_view> &fields) {
  if (fields.size() != 1)
    return fail("expected 'end' alone on its line");
  if (!inFunction)
    return fail("'end' outside a function");
  inFunction = false;
  return true;
}

bool ManifestParser::parseShape(std::string_view text,
                                std::vector<int64_t> &dims) {
  if (text == "scalar")
    return true;
  std::vector<std::string_view> parts = splitOn(text, 'x');
  if (parts.size() > KILN_MAX_RANK)
    return fail("shape " + quoted(text) + " has rank " +
                std::to_string(parts.size()) + ", more than the maximum " +
                std::to_string(KILN_MAX_RANK));
  for (std::string_view part : parts) {
    if (part == "?") {
      dims.push_back(kDynamicDim);
      continue;
    }
    std::optional<int64_t> dim = parseUnsigned(part, 15);
    if (!dim)
      return fail("malformed shape " + quoted(text) +
                  " (expected dimensions or '?' joined by 'x', or 'scalar')");
    dims.push_back(*dim);
  }
  return true;
}

} // namespace

std::variant<Manifest, ManifestError> parseManifest(std::string_view text) {
  return ManifestParser().parse(text);
}

} // namespace kiln::runtime

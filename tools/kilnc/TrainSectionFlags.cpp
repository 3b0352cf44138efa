//===- TrainSectionFlags.cpp - A train section from flags -----------------===//

#include "tools/kilnc/TrainSectionFlags.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Location.h"
#include "llvm/Support/WithColor.h"

using namespace llvm;

namespace kiln {
namespace {

Error flagError(StringRef flag, const Twine &message) {
  return createStringError(inconvertibleErrorCode(),
                           flag + ": " + message);
}

/// The first file location inside `location`.
mlir::FileLineColLoc fileLocation(mlir::Location location) {
  mlir::FileLineColLoc found;
  location->walk([&](mlir::Location inner) {
    if (auto fileLoc = dyn_cast<mlir::FileLineColLoc>(inner)) {
      found = fileLoc;
      return mlir::WalkResult::interrupt();
    }
    return mlir::WalkResult::advance();
  });
  return found;
}

} // namespace

void FlagTrainSection::append(StringRef text) {
  for (char c : text) {
    source.push_back(c);
    if (c == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
}

void FlagTrainSection::appendValue(StringRef flag, StringRef value,
                                   unsigned offset, StringRef part,
                                   bool quoted) {
  segments.push_back({line, column,
                      static_cast<unsigned>(part.size() + (quoted ? 2 : 0)),
                      flag.str(), value.str(), offset, quoted});
  if (quoted)
    append("\"" + part.str() + "\"");
  else
    append(part);
}

Expected<FlagTrainSection>
FlagTrainSection::build(StringRef model, const TrainSectionFlags &flags) {
  struct Required {
    StringRef flag;
    const std::string &value;
  };
  for (Required r : {Required{"--loss", flags.loss},
                     Required{"--optimizer", flags.optimizer}})
    if (StringRef(r.value).trim().empty())
      return flagError(r.flag, "is required to train an ONNX model without "
                               "--train-section");
  for (Required r : {Required{"--loss", flags.loss},
                     Required{"--labels", flags.labels},
                     Required{"--optimizer", flags.optimizer},
                     Required{"--frozen", flags.frozen}})
    if (StringRef(r.value).find_first_of("\n\r") != StringRef::npos)
      return flagError(r.flag, "must be one line");

  FlagTrainSection section;
  section.append(("train " + model + "(").str());
  section.appendValue("--labels", flags.labels, 0, flags.labels, false);
  section.append(") {\n  loss = ");
  section.appendValue("--loss", flags.loss, 0, flags.loss, false);
  section.append("\n  optimizer = ");
  section.appendValue("--optimizer", flags.optimizer, 0, flags.optimizer,
                      false);
  section.append("\n");
  if (!StringRef(flags.frozen).trim().empty()) {
    section.append("  frozen = [");
    StringRef rest = flags.frozen;
    size_t start = 0;
    bool first = true;
    while (start <= rest.size()) {
      size_t comma = rest.find(',', start);
      if (comma == StringRef::npos)
        comma = rest.size();
      StringRef item = rest.slice(start, comma);
      size_t lead = item.size() - item.ltrim().size();
      StringRef name = item.trim();
      if (name.contains('"') || name.contains('\\'))
        return flagError("--frozen", "'" + name +
                                         "' is not a parameter name");
      if (!name.empty()) {
        if (!first)
          section.append(", ");
        section.appendValue("--frozen", flags.frozen, start + lead, name,
                            true);
        first = false;
      }
      start = comma + 1;
    }
    section.append("]\n");
  }
  section.append("}\n");
  return section;
}

void FlagTrainSection::printOne(const mlir::Diagnostic &diagnostic,
                                raw_ostream &os) const {
  mlir::FileLineColLoc fileLoc = fileLocation(diagnostic.getLocation());
  unsigned diagLine = fileLoc ? fileLoc.getLine() : 0;
  unsigned diagColumn = fileLoc ? fileLoc.getColumn() : 0;
  const Segment *found = nullptr;
  for (const Segment &s : segments)
    if (s.line == diagLine && diagColumn >= s.column &&
        diagColumn <= s.column + s.length)
      found = &s;
  // A position right after a value (a missing argument, the end of the
  // line) belongs to the last value on that line.
  if (!found)
    for (const Segment &s : segments)
      if (s.line == diagLine && diagColumn >= s.column)
        found = &s;

  raw_ostream &(*label)(raw_ostream &, StringRef, bool) = nullptr;
  switch (diagnostic.getSeverity()) {
  case mlir::DiagnosticSeverity::Error:
    label = &WithColor::error;
    break;
  case mlir::DiagnosticSeverity::Warning:
    label = &WithColor::warning;
    break;
  default:
    label = &WithColor::note;
    break;
  }
  label(os, "kilnc", false);
  if (!found) {
    os << diagnostic.str() << " (in the train section built from the "
       << "command line)\n";
    return;
  }
  os << found->flag << ": " << diagnostic.str() << "\n";
  unsigned inPart = diagColumn - found->column;
  if (found->quoted)
    inPart = inPart == 0 ? 0 : inPart - 1;
  unsigned caret = std::min<unsigned>(found->offset + inPart,
                                      found->value.size());
  os << "  " << found->value << "\n";
  os << "  " << std::string(caret, ' ') << "^\n";
}

bool FlagTrainSection::print(const mlir::Diagnostic &diagnostic,
                             raw_ostream &os) const {
  mlir::FileLineColLoc fileLoc = fileLocation(diagnostic.getLocation());
  if (!fileLoc || fileLoc.getFilename() != kBufferName)
    return false;
  printOne(diagnostic, os);
  for (const mlir::Diagnostic &note : diagnostic.getNotes())
    printOne(note, os);
  return true;
}

} // namespace kiln

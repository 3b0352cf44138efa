//===- TrainSectionFlags.h - A train section from flags ---------*- C++ -*-===//
//
// `kilnc --train model.onnx --loss ... --labels ... --optimizer ...
// [--frozen a,b]` describes a train section on the command line. These
// helpers write it as model-language text, one setting a line,
//
//   train <model>(<labels>) {
//     loss = <loss>
//     optimizer = <optimizer>
//     frozen = ["a", "b"]
//   }
//
// and print the diagnostics that the model-language frontend reports on
// that text against the flag the offending token came from.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_TOOLS_KILNC_TRAINSECTIONFLAGS_H
#define KILN_TOOLS_KILNC_TRAINSECTIONFLAGS_H

#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Error.h"

#include <string>

namespace kiln {

struct TrainSectionFlags {
  std::string loss, labels, optimizer;
  /// Parameter names separated by commas.
  std::string frozen;
};

/// The text of a train section built from flags, and where each flag's
/// value lies in it.
class FlagTrainSection {
public:
  /// The name the text's buffer gets; diagnostics located in it are
  /// printed against the flags.
  static constexpr llvm::StringLiteral kBufferName = "<command line>";

  /// The train section of `model` described by `flags`; an error names a
  /// flag whose value cannot be written into the section (a missing loss or
  /// optimizer, a line break, a quote in a frozen name).
  static llvm::Expected<FlagTrainSection> build(llvm::StringRef model,
                                                const TrainSectionFlags &flags);

  const std::string &text() const { return source; }

  /// Prints `diagnostic` (and its notes) when it is located in the text:
  /// as `kilnc: error: --loss: message`, then the flag's value and a caret
  /// under the offending character. Returns false for other locations.
  bool print(const mlir::Diagnostic &diagnostic, llvm::raw_ostream &os) const;

private:
  /// A flag's value (or, for --frozen, one name) copied into the text.
  struct Segment {
    unsigned line;     // 1-based
    unsigned column;   // 1-based column of the value's first character
    unsigned length;   // characters in the text, quotes included
    std::string flag;  // "--loss"
    std::string value; // the flag's whole value
    unsigned offset;   // where the copied part starts in `value`
    bool quoted;       // a frozen name, written between quotes
  };

  void append(llvm::StringRef text);
  void appendValue(llvm::StringRef flag, llvm::StringRef value,
                   unsigned offset, llvm::StringRef part, bool quoted);
  void printOne(const mlir::Diagnostic &diagnostic, llvm::raw_ostream &os) const;

  std::string source;
  unsigned line = 1, column = 1;
  llvm::SmallVector<Segment> segments;
};

} // namespace kiln

#endif // KILN_TOOLS_KILNC_TRAINSECTIONFLAGS_H

//===- Suggestions.h - Hints for misspelled names --------------*- C++ -*-===//

#ifndef KILN_FRONTEND_DSL_SUGGESTIONS_H
#define KILN_FRONTEND_DSL_SUGGESTIONS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <string>

namespace kiln::dsl {

/// "; did you mean 'dense'?" when a candidate is within a small edit
/// distance of `name`, or "".
std::string didYouMean(llvm::StringRef name,
                       llvm::ArrayRef<llvm::StringRef> candidates);

} // namespace kiln::dsl

#endif // KILN_FRONTEND_DSL_SUGGESTIONS_H

//===- Suggestions.cpp - Hints for misspelled names -----------------------===//

#include "compiler/frontend/dsl/Suggestions.h"

std::string kiln::dsl::didYouMean(llvm::StringRef name,
                                  llvm::ArrayRef<llvm::StringRef> candidates) {
  unsigned limit = name.size() < 4 ? 1 : 2;
  llvm::StringRef best;
  unsigned bestDistance = limit + 1;
  for (llvm::StringRef candidate : candidates) {
    unsigned distance =
        name.edit_distance(candidate, /*AllowReplacements=*/true,
                           /*MaxEditDistance=*/limit);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best.empty())
    return "";
  return "; did you mean '" + best.str() + "'?";
}

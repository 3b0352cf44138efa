//===- Patterns.h - Patterns of the kiln-to-linalg lowering -----*- C++ -*-===//

#ifndef KILN_COMPILER_CONVERSION_KILNTOLINALG_PATTERNS_H
#define KILN_COMPILER_CONVERSION_KILNTOLINALG_PATTERNS_H

namespace mlir {
class RewritePatternSet;
} // namespace mlir

namespace kiln {

void populateElementwiseLoweringPatterns(mlir::RewritePatternSet &patterns);
void populateReductionLoweringPatterns(mlir::RewritePatternSet &patterns);
void populateMatmulLoweringPatterns(mlir::RewritePatternSet &patterns);
void populateConvolutionLoweringPatterns(mlir::RewritePatternSet &patterns);
void populatePoolingLoweringPatterns(mlir::RewritePatternSet &patterns);
void populateShapeLoweringPatterns(mlir::RewritePatternSet &patterns);
void populateAutodiffLoweringPatterns(mlir::RewritePatternSet &patterns);
void populateLogicLoweringPatterns(mlir::RewritePatternSet &patterns);
void populateMathLoweringPatterns(mlir::RewritePatternSet &patterns);
void populateIndexingLoweringPatterns(mlir::RewritePatternSet &patterns);
void populateRearrangeLoweringPatterns(mlir::RewritePatternSet &patterns);
void populateResizeLoweringPatterns(mlir::RewritePatternSet &patterns);
void populateScatterLoweringPatterns(mlir::RewritePatternSet &patterns);
void populateRandomLoweringPatterns(mlir::RewritePatternSet &patterns);

} // namespace kiln

#endif // KILN_COMPILER_CONVERSION_KILNTOLINALG_PATTERNS_H

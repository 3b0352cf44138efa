//===- AddArtifactTest.h - Tests run on every `add` artifact ----*- C++ -*-===//
//
// `add(a: f32[?,4], b: f32[?,4]) -> (y: f32[?,4])`, y = a + b, from two
// sources: the hand-written fixture and the artifact kilnc compiles into
// KILN_TEST_ARTIFACT_DIR. Tests on the second are skipped when it is absent.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_TEST_UNIT_RUNTIME_ADDARTIFACTTEST_H
#define KILN_TEST_UNIT_RUNTIME_ADDARTIFACTTEST_H

#include "TestSupport.h"

#include <vector>

namespace kiln::test {

struct AddArtifactSource {
  const char *label;
  std::string (*path)();
};

void PrintTo(const AddArtifactSource &source, std::ostream *os);

class AddArtifactTest : public ::testing::TestWithParam<AddArtifactSource> {
protected:
  void SetUp() override;

  /// A [batch, 4] f32 view of `values`.
  static kiln_tensor view(std::vector<float> &values, int64_t batch);

  ArtifactPtr artifact;
  const kiln_function *add = nullptr;
};

/// Both sources, for INSTANTIATE_TEST_SUITE_P with ::testing::ValuesIn.
const std::vector<AddArtifactSource> &addArtifactSources();
std::string
addArtifactSourceName(const ::testing::TestParamInfo<AddArtifactSource> &info);

} // namespace kiln::test

#endif // KILN_TEST_UNIT_RUNTIME_ADDARTIFACTTEST_H

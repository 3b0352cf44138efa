//===- AddArtifactTest.cpp - Tests run against every `add` artifact -------===//

#include "AddArtifactTest.h"

namespace kiln::test {
namespace {

std::string compiledAddPath() { return compiledArtifactPath("add.so"); }

} // namespace

void PrintTo(const AddArtifactSource &source, std::ostream *os) {
  *os << source.label;
}

void AddArtifactTest::SetUp() {
  std::string path = GetParam().path();
  if (!fileExists(path))
    GTEST_SKIP() << "no artifact at " << path;
  artifact = openArtifact(path);
  ASSERT_NE(artifact, nullptr);
  add = findFunction(artifact.get(), "add");
  ASSERT_NE(add, nullptr);
}

kiln_tensor AddArtifactTest::view(std::vector<float> &values, int64_t batch) {
  kiln_tensor tensor{};
  tensor.dtype = KILN_F32;
  tensor.rank = 2;
  tensor.dims[0] = batch;
  tensor.dims[1] = 4;
  tensor.data = values.data();
  return tensor;
}

const std::vector<AddArtifactSource> &addArtifactSources() {
  static const std::vector<AddArtifactSource> sources = {
      {"HandWrittenFixture", addFixturePath},
      {"KilncCompiled", compiledAddPath},
  };
  return sources;
}

std::string
addArtifactSourceName(const ::testing::TestParamInfo<AddArtifactSource> &info) {
  return info.param.label;
}

} // namespace kiln::test

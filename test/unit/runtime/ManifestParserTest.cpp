//===- ManifestParserTest.cpp - Parsing artifact manifests ----------------===//

#include "Manifest.h"

#include <gtest/gtest.h>

namespace {

using kiln::runtime::kDynamicDim;
using kiln::runtime::Manifest;
using kiln::runtime::ManifestError;
using kiln::runtime::parseManifest;

TEST(ManifestParserTest, ParsesFunctionsArgumentsAndShapes) {
  auto parsed = parseManifest("kiln-artifact 1\n"
                              "# a comment\n"
                              "function mlp\n"
                              "input x f32 ?x784\n"
                              "input flag i1 scalar\n"
                              "output probs f32 ?x10\n"
                              "end\n"
                              "\n"
                              "function step\n"
                              "input n i64 2x3x4\n"
                              "output m f64 1\n"
                              "end\n");
  ASSERT_TRUE(std::holds_alternative<Manifest>(parsed))
      << std::get<ManifestError>(parsed).message;
  const Manifest &manifest = std::get<Manifest>(parsed);
  EXPECT_EQ(manifest.abiVersion, 1u);
  ASSERT_EQ(manifest.functions.size(), 2u);

  const auto &mlp = manifest.functions[0];
  EXPECT_EQ(mlp.name, "mlp");
  ASSERT_EQ(mlp.inputs.size(), 2u);
  ASSERT_EQ(mlp.outputs.size(), 1u);
  EXPECT_EQ(mlp.inputs[0].name, "x");
  EXPECT_EQ(mlp.inputs[0].dtype, KILN_F32);
  EXPECT_EQ(mlp.inputs[0].dims, (std::vector<int64_t>{kDynamicDim, 784}));
  EXPECT_EQ(mlp.inputs[1].dtype, KILN_BOOL);
  EXPECT_TRUE(mlp.inputs[1].dims.empty());
  EXPECT_EQ(mlp.outputs[0].name, "probs");

  const auto &step = manifest.functions[1];
  EXPECT_EQ(step.inputs[0].dtype, KILN_I64);
  EXPECT_EQ(step.inputs[0].dims, (std::vector<int64_t>{2, 3, 4}));
  EXPECT_EQ(step.outputs[0].dtype, KILN_F64);
}

TEST(ManifestParserTest, AcceptsTextWithoutFinalNewline) {
  auto parsed =
      parseManifest("kiln-artifact 1\nfunction f\noutput y i32 2\nend");
  EXPECT_TRUE(std::holds_alternative<Manifest>(parsed));
}

TEST(ManifestParserTest, RejectsOtherAbiVersions) {
  auto parsed = parseManifest("kiln-artifact 2\nfunction f\nend\n");
  ASSERT_TRUE(std::holds_alternative<ManifestError>(parsed));
  const ManifestError &error = std::get<ManifestError>(parsed);
  EXPECT_EQ(error.kind, ManifestError::Kind::UnsupportedVersion);
  EXPECT_EQ(error.line, 1u);
  EXPECT_NE(error.message.find("version 2"), std::string::npos);
}

struct MalformedCase {
  const char *label;
  const char *text;
  unsigned line;
  const char *fragment;
};

void PrintTo(const MalformedCase &param, std::ostream *os) {
  *os << param.label;
}

class MalformedManifestTest : public ::testing::TestWithParam<MalformedCase> {};

TEST_P(MalformedManifestTest, ReportsLineAndReason) {
  const MalformedCase &param = GetParam();
  auto parsed = parseManifest(param.text);
  ASSERT_TRUE(std::holds_alternative<ManifestError>(parsed));
  const ManifestError &error = std::get<ManifestError>(parsed);
  EXPECT_EQ(error.kind, ManifestError::Kind::Malformed);
  EXPECT_EQ(error.line, param.line) << error.message;
  EXPECT_NE(error.message.find(param.fragment), std::string::npos)
      << error.message;
}

const MalformedCase malformedCases[] = {
    {"Empty", "", 1, "empty manifest"},
    {"MissingHeader", "function f\nend\n", 1, "expected 'kiln-artifact"},
    {"BadVersion", "kiln-artifact one\n", 1, "decimal number"},
    {"NoFunctions", "kiln-artifact 1\n", 1, "declares no functions"},
    {"DoubleSpace", "kiln-artifact 1\nfunction  f\n", 2, "single spaces"},
    {"TrailingSpace", "kiln-artifact 1\nfunction f \n", 2, "single spaces"},
    {"UnknownKind", "kiln-artifact 1\nfunction f\nweights w\nend\n", 3,
     "unknown line kind 'weights'"},
    {"DuplicateHeader", "kiln-artifact 1\nkiln-artifact 1\n", 2,
     "duplicate 'kiln-artifact'"},
    {"FunctionWithoutName", "kiln-artifact 1\nfunction\n", 2,
     "expected 'function <name>'"},
    {"FunctionNameNotIdentifier", "kiln-artifact 1\nfunction 9lives\n", 2,
     "not a C identifier"},
    {"DuplicateFunction", "kiln-artifact 1\nfunction f\nend\nfunction f\nend\n",
     4, "duplicate function 'f'"},
    {"NestedFunction", "kiln-artifact 1\nfunction f\nfunction g\n", 3,
     "before function 'f'"},
    {"UnclosedFunction", "kiln-artifact 1\nfunction f\ninput x f32 2\n", 2,
     "not closed by 'end'"},
    {"EndOutsideFunction", "kiln-artifact 1\nend\n", 2, "outside a function"},
    {"EndWithField", "kiln-artifact 1\nfunction f\nend f\n", 3, "alone"},
    {"InputOutsideFunction", "kiln-artifact 1\ninput x f32 2\n", 2,
     "outside a function"},
    {"InputMissingShape", "kiln-artifact 1\nfunction f\ninput x f32\n", 3,
     "expected 'input <name> <element-type> <shape>'"},
    {"ArgumentNameNotIdentifier",
     "kiln-artifact 1\nfunction f\ninput x-1 f32 2\n", 3, "not a C identifier"},
    {"DuplicateArgument",
     "kiln-artifact 1\nfunction f\ninput x f32 2\noutput x f32 2\n", 4,
     "two arguments named 'x'"},
    {"InputAfterOutput",
     "kiln-artifact 1\nfunction f\noutput y f32 2\ninput x f32 2\n", 4,
     "inputs come first"},
    {"UnknownElementType", "kiln-artifact 1\nfunction f\ninput x f16 2\n", 3,
     "unknown element type 'f16'"},
    {"EmptyDimension", "kiln-artifact 1\nfunction f\ninput x f32 2xx3\n", 3,
     "malformed shape '2xx3'"},
    {"NegativeDimension", "kiln-artifact 1\nfunction f\ninput x f32 -2\n", 3,
     "malformed shape"},
    {"HugeDimension",
     "kiln-artifact 1\nfunction f\ninput x f32 99999999999999999999\n", 3,
     "malformed shape"},
    {"RankTooLarge",
     "kiln-artifact 1\nfunction f\ninput x f32 1x1x1x1x1x1x1x1x1\n", 3,
     "more than the maximum 8"},
};

INSTANTIATE_TEST_SUITE_P(
    Cases, MalformedManifestTest, ::testing::ValuesIn(malformedCases),
    [](const ::testing::TestParamInfo<MalformedCase> &test) {
      return std::string(test.param.label);
    });

} // namespace

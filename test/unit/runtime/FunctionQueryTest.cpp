//===- FunctionQueryTest.cpp - Listing functions and their signatures -----===//

#include "TestSupport.h"

namespace {

using namespace kiln::test;

class FunctionQueryTest : public ::testing::Test {
protected:
  void SetUp() override {
    artifact = openArtifact(multiFixturePath());
    ASSERT_NE(artifact, nullptr);
  }
  ArtifactPtr artifact;
};

TEST_F(FunctionQueryTest, ListsFunctionsInManifestOrder) {
  ASSERT_EQ(kiln_artifact_function_count(artifact.get()), 2u);
  const kiln_function *fn = nullptr;
  ASSERT_KILN_OK(kiln_artifact_function_at(artifact.get(), 0, &fn));
  EXPECT_STREQ(kiln_function_name(fn), "scale");
  ASSERT_KILN_OK(kiln_artifact_function_at(artifact.get(), 1, &fn));
  EXPECT_STREQ(kiln_function_name(fn), "count_true");
}

TEST_F(FunctionQueryTest, FindsFunctionsByName) {
  const kiln_function *fn = findFunction(artifact.get(), "count_true");
  ASSERT_NE(fn, nullptr);
  EXPECT_STREQ(kiln_function_name(fn), "count_true");
  EXPECT_EQ(kiln_function_is_batched(fn), 0);
  EXPECT_EQ(kiln_function_is_batched(findFunction(artifact.get(), "scale")), 1);
}

TEST_F(FunctionQueryTest, DescribesArguments) {
  const kiln_function *fn = findFunction(artifact.get(), "scale");
  ASSERT_EQ(kiln_function_input_count(fn), 2u);
  ASSERT_EQ(kiln_function_output_count(fn), 1u);
  const kiln_tensor_desc *x = kiln_function_input(fn, 0);
  ASSERT_NE(x, nullptr);
  EXPECT_STREQ(x->name, "x");
  EXPECT_EQ(x->dtype, KILN_F64);
  EXPECT_EQ(x->rank, 2);
  EXPECT_EQ(x->dims[0], -1);
  EXPECT_EQ(x->dims[1], 3);
  const kiln_tensor_desc *factor = kiln_function_input(fn, 1);
  EXPECT_STREQ(factor->name, "factor");
  EXPECT_EQ(factor->rank, 0);
  const kiln_tensor_desc *y = kiln_function_output(fn, 0);
  EXPECT_STREQ(y->name, "y");

  const kiln_tensor_desc *mask =
      kiln_function_input(findFunction(artifact.get(), "count_true"), 0);
  EXPECT_EQ(mask->dtype, KILN_BOOL);
  EXPECT_EQ(mask->rank, 1);
  EXPECT_EQ(mask->dims[0], 5);
}

TEST_F(FunctionQueryTest, UnknownFunctionListsTheKnownOnes) {
  const kiln_function *fn = reinterpret_cast<const kiln_function *>(0x1);
  EXPECT_KILN_ERROR(kiln_artifact_find_function(artifact.get(), "mlp", &fn),
                    KILN_NOT_FOUND, "no function 'mlp'", "scale, count_true");
  EXPECT_EQ(fn, nullptr);
}

TEST_F(FunctionQueryTest, IndexOutOfRange) {
  const kiln_function *fn = nullptr;
  EXPECT_KILN_ERROR(kiln_artifact_function_at(artifact.get(), 2, &fn),
                    KILN_INVALID_ARGUMENT, "index 2 is out of range",
                    "2 functions");
  EXPECT_EQ(fn, nullptr);
  const kiln_function *scale = findFunction(artifact.get(), "scale");
  EXPECT_EQ(kiln_function_input(scale, 2), nullptr);
  EXPECT_EQ(kiln_function_output(scale, 1), nullptr);
}

TEST_F(FunctionQueryTest, NullArguments) {
  const kiln_function *fn = nullptr;
  EXPECT_EQ(kiln_artifact_function_count(nullptr), 0u);
  EXPECT_EQ(kiln_artifact_path(nullptr), nullptr);
  EXPECT_KILN_ERROR(kiln_artifact_function_at(nullptr, 0, &fn),
                    KILN_INVALID_ARGUMENT, "artifact is NULL");
  EXPECT_KILN_ERROR(kiln_artifact_function_at(artifact.get(), 0, nullptr),
                    KILN_INVALID_ARGUMENT, "out is NULL");
  EXPECT_KILN_ERROR(kiln_artifact_find_function(nullptr, "scale", &fn),
                    KILN_INVALID_ARGUMENT, "artifact is NULL");
  EXPECT_KILN_ERROR(kiln_artifact_find_function(artifact.get(), nullptr, &fn),
                    KILN_INVALID_ARGUMENT, "name is NULL");
  EXPECT_KILN_ERROR(
      kiln_artifact_find_function(artifact.get(), "scale", nullptr),
      KILN_INVALID_ARGUMENT, "out is NULL");
  EXPECT_EQ(kiln_function_name(nullptr), nullptr);
  EXPECT_EQ(kiln_function_input_count(nullptr), 0u);
  EXPECT_EQ(kiln_function_output_count(nullptr), 0u);
  EXPECT_EQ(kiln_function_input(nullptr, 0), nullptr);
  EXPECT_EQ(kiln_function_output(nullptr, 0), nullptr);
  EXPECT_EQ(kiln_function_is_batched(nullptr), 0);
}

TEST_F(FunctionQueryTest, ShapesForABatch) {
  const kiln_function *scale = findFunction(artifact.get(), "scale");
  kiln_tensor shape{};
  int marker = 0;
  shape.data = &marker;
  ASSERT_KILN_OK(kiln_function_input_shape(scale, 0, 5, &shape));
  EXPECT_EQ(shape.dtype, KILN_F64);
  EXPECT_EQ(shape.rank, 2);
  EXPECT_EQ(shape.dims[0], 5);
  EXPECT_EQ(shape.dims[1], 3);
  EXPECT_EQ(shape.data, &marker);
  ASSERT_KILN_OK(kiln_function_output_shape(scale, 0, 7, &shape));
  EXPECT_EQ(shape.dims[0], 7);
  EXPECT_EQ(kiln_tensor_byte_size(&shape), 7u * 3u * 8u);
  ASSERT_KILN_OK(kiln_function_input_shape(scale, 1, 7, &shape));
  EXPECT_EQ(shape.rank, 0);
  EXPECT_EQ(kiln_tensor_element_count(&shape), 1u);

  const kiln_function *count = findFunction(artifact.get(), "count_true");
  ASSERT_KILN_OK(kiln_function_output_shape(count, 0, 0, &shape));
  EXPECT_EQ(shape.dtype, KILN_I64);
  EXPECT_EQ(shape.rank, 0);
}

TEST_F(FunctionQueryTest, ShapeErrors) {
  const kiln_function *scale = findFunction(artifact.get(), "scale");
  kiln_tensor shape{};
  EXPECT_KILN_ERROR(kiln_function_output_shape(nullptr, 0, 1, &shape),
                    KILN_INVALID_ARGUMENT, "kiln_function_output_shape",
                    "fn is NULL");
  EXPECT_KILN_ERROR(kiln_function_output_shape(scale, 0, 1, nullptr),
                    KILN_INVALID_ARGUMENT, "(scale): out is NULL");
  EXPECT_KILN_ERROR(kiln_function_output_shape(scale, 1, 1, &shape),
                    KILN_INVALID_ARGUMENT, "index 1 is out of range",
                    "1 outputs");
  EXPECT_KILN_ERROR(kiln_function_input_shape(scale, 0, 0, &shape),
                    KILN_INVALID_ARGUMENT, "batch must be >= 1, got 0");
  EXPECT_KILN_ERROR(kiln_function_input_shape(scale, 0, -3, &shape),
                    KILN_INVALID_ARGUMENT, "got -3");
}

} // namespace

//===- MultiFunctionCallTest.cpp - f64, i1, scalars, unbatched calls ------===//

#include "TestSupport.h"

namespace {

using namespace kiln::test;

class MultiFunctionCallTest : public ::testing::Test {
protected:
  void SetUp() override {
    artifact = openArtifact(multiFixturePath());
    ASSERT_NE(artifact, nullptr);
    scale = findFunction(artifact.get(), "scale");
    countTrue = findFunction(artifact.get(), "count_true");
  }
  ArtifactPtr artifact;
  const kiln_function *scale = nullptr;
  const kiln_function *countTrue = nullptr;
};

TEST_F(MultiFunctionCallTest, ScalesByAScalar) {
  double x[6] = {1, 2, 3, 4, 5, 6};
  double factor = -0.5;
  double y[6] = {};
  kiln_tensor inputs[2] = {};
  ASSERT_KILN_OK(kiln_function_input_shape(scale, 0, 2, &inputs[0]));
  inputs[0].data = x;
  ASSERT_KILN_OK(kiln_function_input_shape(scale, 1, 2, &inputs[1]));
  inputs[1].data = &factor;
  kiln_tensor output{};
  ASSERT_KILN_OK(kiln_function_output_shape(scale, 0, 2, &output));
  output.data = y;
  ASSERT_KILN_OK(kiln_function_call(scale, inputs, 2, &output, 1));
  for (int i = 0; i < 6; ++i)
    EXPECT_EQ(y[i], x[i] * factor);
}

TEST_F(MultiFunctionCallTest, ScalarInputMustHaveRankZero) {
  double x[3] = {1, 2, 3};
  double factor[1] = {2};
  double y[3] = {};
  kiln_tensor inputs[2] = {};
  ASSERT_KILN_OK(kiln_function_input_shape(scale, 0, 1, &inputs[0]));
  inputs[0].data = x;
  inputs[1].dtype = KILN_F64;
  inputs[1].rank = 1;
  inputs[1].dims[0] = 1;
  inputs[1].data = factor;
  kiln_tensor output{};
  ASSERT_KILN_OK(kiln_function_output_shape(scale, 0, 1, &output));
  output.data = y;
  EXPECT_KILN_ERROR(kiln_function_call(scale, inputs, 2, &output, 1),
                    KILN_SHAPE_MISMATCH, "kiln_function_call(scale)",
                    "input 'factor': expected rank 0 (f64[]), got rank 1");
}

TEST_F(MultiFunctionCallTest, CallsAFunctionWithoutBatch) {
  uint8_t mask[5] = {1, 0, 1, 1, 0};
  int64_t n = -1;
  kiln_tensor input{};
  ASSERT_KILN_OK(kiln_function_input_shape(countTrue, 0, 0, &input));
  input.data = mask;
  kiln_tensor output{};
  ASSERT_KILN_OK(kiln_function_output_shape(countTrue, 0, 0, &output));
  output.data = &n;
  ASSERT_KILN_OK(kiln_function_call(countTrue, &input, 1, &output, 1));
  EXPECT_EQ(n, 3);
}

TEST_F(MultiFunctionCallTest, StaticShapeOfAnUnbatchedFunction) {
  uint8_t mask[6] = {};
  int64_t n = 0;
  kiln_tensor input{};
  input.dtype = KILN_BOOL;
  input.rank = 1;
  input.dims[0] = 6;
  input.data = mask;
  kiln_tensor output{};
  output.dtype = KILN_I64;
  output.data = &n;
  EXPECT_KILN_ERROR(kiln_function_call(countTrue, &input, 1, &output, 1),
                    KILN_SHAPE_MISMATCH,
                    "input 'mask': expected shape [5], got [6]");
  input.dims[0] = 5;
  input.dtype = KILN_I32;
  EXPECT_KILN_ERROR(kiln_function_call(countTrue, &input, 1, &output, 1),
                    KILN_TYPE_MISMATCH, "expected element type i1, got i32");
}

} // namespace

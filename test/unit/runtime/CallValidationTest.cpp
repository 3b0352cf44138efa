//===- CallValidationTest.cpp - Rejecting bad calls -----------------------===//

#include "AddArtifactTest.h"

namespace {

using namespace kiln::test;

/// A valid call for batch 2 whose views each test breaks in one way.
class CallValidationTest : public AddArtifactTest {
protected:
  void SetUp() override {
    AddArtifactTest::SetUp();
    if (IsSkipped() || HasFatalFailure())
      return;
    inputs[0] = view(a, 2);
    inputs[1] = view(b, 2);
    outputs[0] = view(y, 2);
  }

  kiln_status *call() { return kiln_function_call(add, inputs, 2, outputs, 1); }

  std::vector<float> a = std::vector<float>(8, 1.0f);
  std::vector<float> b = std::vector<float>(8, 2.0f);
  std::vector<float> y = std::vector<float>(8, 0.0f);
  kiln_tensor inputs[2] = {};
  kiln_tensor outputs[1] = {};
};

TEST_P(CallValidationTest, TheUnbrokenCallSucceeds) {
  EXPECT_KILN_OK(call());
  EXPECT_EQ(y, std::vector<float>(8, 3.0f));
}

TEST_P(CallValidationTest, NullPointers) {
  EXPECT_KILN_ERROR(kiln_function_call(nullptr, inputs, 2, outputs, 1),
                    KILN_INVALID_ARGUMENT, "kiln_function_call: fn is NULL");
  EXPECT_KILN_ERROR(kiln_function_call(add, nullptr, 2, outputs, 1),
                    KILN_INVALID_ARGUMENT, "kiln_function_call(add)",
                    "inputs is NULL");
  EXPECT_KILN_ERROR(kiln_function_call(add, inputs, 2, nullptr, 1),
                    KILN_INVALID_ARGUMENT, "outputs is NULL");
  inputs[1].data = nullptr;
  EXPECT_KILN_ERROR(call(), KILN_INVALID_ARGUMENT, "input 'b': data is NULL");
  inputs[1] = view(b, 2);
  outputs[0].data = nullptr;
  EXPECT_KILN_ERROR(call(), KILN_INVALID_ARGUMENT, "output 'y': data is NULL");
}

TEST_P(CallValidationTest, WrongInputCount) {
  EXPECT_KILN_ERROR(kiln_function_call(add, inputs, 1, outputs, 1),
                    KILN_INVALID_ARGUMENT, "expected 2 inputs (a, b), got 1");
  EXPECT_KILN_ERROR(kiln_function_call(add, inputs, 0, outputs, 1),
                    KILN_INVALID_ARGUMENT, "got 0");
}

TEST_P(CallValidationTest, WrongOutputCount) {
  EXPECT_KILN_ERROR(kiln_function_call(add, inputs, 2, outputs, 0),
                    KILN_INVALID_ARGUMENT, "expected 1 outputs (y), got 0");
  EXPECT_KILN_ERROR(kiln_function_call(add, inputs, 2, outputs, 3),
                    KILN_INVALID_ARGUMENT, "got 3");
}

TEST_P(CallValidationTest, WrongDtype) {
  inputs[1].dtype = KILN_F64;
  EXPECT_KILN_ERROR(call(), KILN_TYPE_MISMATCH,
                    "input 'b': expected element type f32, got f64");
  inputs[1].dtype = KILN_F32;
  outputs[0].dtype = KILN_I32;
  EXPECT_KILN_ERROR(call(), KILN_TYPE_MISMATCH,
                    "output 'y': expected element type f32, got i32");
}

TEST_P(CallValidationTest, DtypeOutsideTheEnum) {
  inputs[0].dtype = static_cast<kiln_dtype>(7);
  EXPECT_KILN_ERROR(call(), KILN_TYPE_MISMATCH, "invalid dtype value 7");
}

TEST_P(CallValidationTest, WrongRank) {
  inputs[0].rank = 3;
  inputs[0].dims[2] = 1;
  EXPECT_KILN_ERROR(call(), KILN_SHAPE_MISMATCH,
                    "input 'a': expected rank 2 (f32[?,4]), got rank 3 with "
                    "shape [2,4,1]");
  inputs[0].rank = 1;
  EXPECT_KILN_ERROR(call(), KILN_SHAPE_MISMATCH, "got rank 1 with shape [2]");
}

TEST_P(CallValidationTest, RankOutsideTheLimits) {
  inputs[0].rank = -1;
  EXPECT_KILN_ERROR(call(), KILN_SHAPE_MISMATCH, "got rank -1");
  inputs[0].rank = 1000;
  EXPECT_KILN_ERROR(call(), KILN_SHAPE_MISMATCH, "got rank 1000");
}

TEST_P(CallValidationTest, WrongStaticDim) {
  inputs[0].dims[1] = 5;
  EXPECT_KILN_ERROR(call(), KILN_SHAPE_MISMATCH,
                    "input 'a': expected shape [?,4], got [2,5] (dimension 1 "
                    "must be 4)");
}

TEST_P(CallValidationTest, BatchMustBePositive) {
  for (kiln_tensor &tensor : inputs)
    tensor.dims[0] = 0;
  outputs[0].dims[0] = 0;
  EXPECT_KILN_ERROR(call(), KILN_SHAPE_MISMATCH,
                    "input 'a': dimension 0 is the batch size and must be >= "
                    "1, got 0");
  inputs[0].dims[0] = -4;
  EXPECT_KILN_ERROR(call(), KILN_SHAPE_MISMATCH, "got -4");
}

TEST_P(CallValidationTest, InconsistentBatch) {
  std::vector<float> bigger(12, 2.0f);
  inputs[1] = view(bigger, 3);
  EXPECT_KILN_ERROR(call(), KILN_SHAPE_MISMATCH,
                    "inconsistent batch size: input 'b' dimension 0 is 3, but "
                    "input 'a' dimension 0 is 2");
}

TEST_P(CallValidationTest, WrongOutputShape) {
  std::vector<float> bigger(12, 0.0f);
  outputs[0] = view(bigger, 3);
  EXPECT_KILN_ERROR(call(), KILN_SHAPE_MISMATCH,
                    "output 'y': expected shape [2,4] for batch size 2 (set "
                    "by input 'a' dimension 0), got [3,4]");
  outputs[0] = view(y, 2);
  outputs[0].dims[1] = 2;
  EXPECT_KILN_ERROR(call(), KILN_SHAPE_MISMATCH,
                    "output 'y': expected shape [?,4], got [2,2]");
}

TEST_P(CallValidationTest, RejectedCallsLeaveOutputsUntouched) {
  inputs[1].dtype = KILN_I64;
  EXPECT_KILN_ERROR(call(), KILN_TYPE_MISMATCH, "input 'b'");
  EXPECT_EQ(y, std::vector<float>(8, 0.0f));
}

INSTANTIATE_TEST_SUITE_P(Artifacts, CallValidationTest,
                         ::testing::ValuesIn(addArtifactSources()),
                         addArtifactSourceName);

} // namespace

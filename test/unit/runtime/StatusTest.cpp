//===- StatusTest.cpp - Status, element type and tensor size helpers ------===//

#include "TestSupport.h"

#include <cstring>

namespace {

TEST(StatusTest, NullStatusMeansOk) {
  EXPECT_EQ(kiln_status_code(nullptr), KILN_OK);
  EXPECT_STREQ(kiln_status_message(nullptr), "OK");
  kiln_status_free(nullptr);
}

TEST(StatusTest, ErrorsCarryCodeAndMessage) {
  kiln_artifact *artifact = nullptr;
  kiln_status *status = kiln_artifact_open(nullptr, &artifact);
  ASSERT_NE(status, nullptr);
  EXPECT_EQ(kiln_status_code(status), KILN_INVALID_ARGUMENT);
  EXPECT_STREQ(kiln_status_message(status), "kiln_artifact_open: path is NULL");
  kiln_status_free(status);
}

TEST(StatusTest, EveryCodeHasAName) {
  EXPECT_STREQ(kiln_status_code_name(KILN_OK), "KILN_OK");
  EXPECT_STREQ(kiln_status_code_name(KILN_SHAPE_MISMATCH),
               "KILN_SHAPE_MISMATCH");
  EXPECT_STREQ(kiln_status_code_name(KILN_INTERNAL), "KILN_INTERNAL");
  EXPECT_STREQ(kiln_status_code_name(static_cast<kiln_status_code_t>(15)),
               "KILN_UNKNOWN");
}

TEST(DtypeTest, NamesAndSizes) {
  EXPECT_STREQ(kiln_dtype_name(KILN_F32), "f32");
  EXPECT_STREQ(kiln_dtype_name(KILN_F64), "f64");
  EXPECT_STREQ(kiln_dtype_name(KILN_I32), "i32");
  EXPECT_STREQ(kiln_dtype_name(KILN_I64), "i64");
  EXPECT_STREQ(kiln_dtype_name(KILN_BOOL), "i1");
  EXPECT_EQ(kiln_dtype_size(KILN_F32), 4u);
  EXPECT_EQ(kiln_dtype_size(KILN_F64), 8u);
  EXPECT_EQ(kiln_dtype_size(KILN_I32), 4u);
  EXPECT_EQ(kiln_dtype_size(KILN_I64), 8u);
  EXPECT_EQ(kiln_dtype_size(KILN_BOOL), 1u);
}

TEST(DtypeTest, ValuesOutsideTheEnum) {
  // 5 to 7 are values of the enum's type that name no element type.
  EXPECT_STREQ(kiln_dtype_name(static_cast<kiln_dtype>(5)), "invalid");
  EXPECT_STREQ(kiln_dtype_name(static_cast<kiln_dtype>(7)), "invalid");
  EXPECT_EQ(kiln_dtype_size(static_cast<kiln_dtype>(7)), 0u);
}

kiln_tensor makeTensor(kiln_dtype dtype, std::initializer_list<int64_t> dims) {
  kiln_tensor tensor{};
  tensor.dtype = dtype;
  tensor.rank = static_cast<int32_t>(dims.size());
  int32_t i = 0;
  for (int64_t dim : dims)
    tensor.dims[i++] = dim;
  return tensor;
}

TEST(TensorSizeTest, CountsElementsAndBytes) {
  kiln_tensor tensor = makeTensor(KILN_F64, {2, 3, 4});
  EXPECT_EQ(kiln_tensor_element_count(&tensor), 24u);
  EXPECT_EQ(kiln_tensor_byte_size(&tensor), 192u);
  kiln_tensor scalar = makeTensor(KILN_BOOL, {});
  EXPECT_EQ(kiln_tensor_element_count(&scalar), 1u);
  EXPECT_EQ(kiln_tensor_byte_size(&scalar), 1u);
}

TEST(TensorSizeTest, InvalidViewsHaveSizeZero) {
  EXPECT_EQ(kiln_tensor_element_count(nullptr), 0u);
  EXPECT_EQ(kiln_tensor_byte_size(nullptr), 0u);
  kiln_tensor negative = makeTensor(KILN_F32, {2, -1});
  EXPECT_EQ(kiln_tensor_element_count(&negative), 0u);
  kiln_tensor badRank = makeTensor(KILN_F32, {});
  badRank.rank = KILN_MAX_RANK + 1;
  EXPECT_EQ(kiln_tensor_element_count(&badRank), 0u);
  badRank.rank = -1;
  EXPECT_EQ(kiln_tensor_element_count(&badRank), 0u);
  kiln_tensor overflow =
      makeTensor(KILN_F32, {INT64_MAX, INT64_MAX, INT64_MAX});
  EXPECT_EQ(kiln_tensor_element_count(&overflow), 0u);
  kiln_tensor byteOverflow = makeTensor(KILN_F64, {INT64_MAX});
  EXPECT_EQ(kiln_tensor_byte_size(&byteOverflow), 0u);
  kiln_tensor badType = makeTensor(static_cast<kiln_dtype>(6), {2});
  EXPECT_EQ(kiln_tensor_byte_size(&badType), 0u);
}

TEST(VersionTest, RuntimeHasAVersion) {
  ASSERT_NE(kiln_runtime_version(), nullptr);
  EXPECT_GT(std::strlen(kiln_runtime_version()), 0u);
}

} // namespace

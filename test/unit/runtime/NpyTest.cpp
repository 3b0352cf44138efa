//===- NpyTest.cpp - kiln-run's .npy reading and writing ------------------===//

#include "Npy.h"
#include "NpyHeader.h"
#include "ToolError.h"

#include "TestSupport.h"

#include <cstring>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace {

using namespace kiln::run;
using kiln::test::makeTemporaryFolder;

/// A .npy file with the given header dict and data bytes.
std::string npyBytes(const std::string &dict, const std::string &data,
                     int major = 1) {
  std::string header = dict + "\n";
  std::string bytes = "\x93NUMPY";
  bytes += static_cast<char>(major);
  bytes += '\0';
  size_t length = header.size();
  bytes += static_cast<char>(length & 0xff);
  bytes += static_cast<char>((length >> 8) & 0xff);
  if (major == 2) {
    bytes += static_cast<char>((length >> 16) & 0xff);
    bytes += static_cast<char>((length >> 24) & 0xff);
  }
  return bytes + header + data;
}

std::string floatBytes(std::initializer_list<float> values) {
  std::string bytes(values.size() * sizeof(float), '\0');
  std::memcpy(bytes.data(), values.begin(), bytes.size());
  return bytes;
}

/// The ToolError message `body` throws, or "" if it throws none.
template <typename Body> std::string errorOf(Body body) {
  try {
    body();
  } catch (const ToolError &error) {
    return error.what();
  }
  return "";
}

TEST(NpyTest, DecodesVersionOneFloat32) {
  TensorBuffer tensor = decodeNpy(
      npyBytes("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }",
               floatBytes({1, 2, 3, 4})),
      "x.npy");
  EXPECT_EQ(tensor.dtype(), KILN_F32);
  EXPECT_EQ(tensor.dims(), (std::vector<int64_t>{2, 2}));
  const float *values = static_cast<const float *>(tensor.data());
  EXPECT_EQ(values[3], 4.0f);
}

TEST(NpyTest, DecodesVersionTwoScalarsAndOneDimensionalShapes) {
  TensorBuffer scalar = decodeNpy(
      npyBytes("{'descr': '<f4', 'fortran_order': False, 'shape': ()}",
               floatBytes({7}), 2),
      "s.npy");
  EXPECT_TRUE(scalar.dims().empty());
  EXPECT_EQ(*static_cast<const float *>(scalar.data()), 7.0f);
  TensorBuffer vector = decodeNpy(
      npyBytes("{\"shape\": (3,), \"fortran_order\": False, \"descr\": '|b1'}",
               std::string("\x01\x00\x02", 3)),
      "v.npy");
  EXPECT_EQ(vector.dtype(), KILN_BOOL);
  EXPECT_EQ(vector.dims(), (std::vector<int64_t>{3}));
  EXPECT_EQ(static_cast<const uint8_t *>(vector.data())[2], 1);
}

TEST(NpyTest, RoundTripsEveryElementType) {
  for (kiln_dtype dtype : {KILN_F32, KILN_F64, KILN_I32, KILN_I64, KILN_BOOL}) {
    TensorBuffer tensor(dtype, {3, 1, 2});
    auto *bytes = static_cast<uint8_t *>(tensor.data());
    for (size_t i = 0; i < tensor.byteSize(); ++i)
      bytes[i] = dtype == KILN_BOOL ? i % 2 : static_cast<uint8_t>(i * 7);
    std::string encoded = encodeNpy(tensor);
    EXPECT_EQ((encoded.size() - tensor.byteSize()) % 64, 0u);
    TensorBuffer decoded = decodeNpy(encoded, "round-trip");
    EXPECT_EQ(decoded.dtype(), dtype);
    EXPECT_EQ(decoded.dims(), tensor.dims());
    EXPECT_EQ(std::memcmp(decoded.data(), tensor.data(), tensor.byteSize()), 0)
        << kiln_dtype_name(dtype);
  }
}

TEST(NpyTest, RejectsUnsupportedInput) {
  const std::string good = "'fortran_order': False, 'shape': (2,)}";
  EXPECT_EQ(errorOf([&] {
              decodeNpy(
                  npyBytes("{'descr': '>f4', " + good, floatBytes({1, 2})),
                  "big.npy");
            }),
            "big.npy: unsupported .npy dtype '>f4' (supported: <f4 <f8 <i4 "
            "<i8 |b1)");
  EXPECT_NE(errorOf([&] {
              decodeNpy(npyBytes("{'descr': '<u2', " + good, "abcd"), "u.npy");
            }).find("unsupported .npy dtype '<u2'"),
            std::string::npos);
  EXPECT_NE(errorOf([&] {
              decodeNpy(
                  npyBytes("{'descr': '<f4', 'fortran_order': True, 'shape': "
                           "(2,)}",
                           floatBytes({1, 2})),
                  "f.npy");
            }).find("Fortran-order"),
            std::string::npos);
  EXPECT_EQ(errorOf([] { decodeNpy("PK\x03\x04 not npy", "z.npy"); }),
            "z.npy: not a .npy file (bad magic)");
  EXPECT_NE(errorOf([&] {
              decodeNpy(npyBytes("{'descr': '<f4', " + good, "", 3), "v3.npy");
            }).find("unsupported .npy format version 3.0"),
            std::string::npos);
}

TEST(NpyTest, RejectsMalformedHeadersAndSizes) {
  const char *badDicts[] = {
      "{'descr': '<f4', 'shape': (2,)}",
      "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), 'x': 1}",
      "{'descr': '<f4', 'fortran_order': Maybe, 'shape': (2,)}",
      "{'descr': '<f4', 'fortran_order': False, 'shape': (-2,)}",
      "{'descr': '<f4', 'fortran_order': False, 'shape': (2,)",
      "['descr']",
  };
  for (const char *dict : badDicts)
    EXPECT_NE(errorOf([&] {
                decodeNpy(npyBytes(dict, floatBytes({1, 2})), "h");
              }).find("h: malformed .npy header"),
              std::string::npos)
        << dict;
  const std::string dict =
      "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3)}";
  EXPECT_EQ(errorOf([&] { decodeNpy(npyBytes(dict, floatBytes({1})), "t"); }),
            "t: expected 24 bytes of data for shape and dtype in the header, "
            "found 4");
  EXPECT_NE(errorOf([&] {
              decodeNpy(npyBytes("{'descr': '<f4', 'fortran_order': False, "
                                 "'shape': (1,1,1,1,1,1,1,1,1)}",
                                 floatBytes({1})),
                        "r");
            }).find("rank 9 exceeds the maximum rank 8"),
            std::string::npos);
  EXPECT_NE(errorOf([] {
              decodeNpy(std::string("\x93NUMPY\x01\x00\xff", 9), "s");
            }).find("truncated"),
            std::string::npos);
}

TEST(NpyTest, WritesFilesAtomically) {
  std::string folder = makeTemporaryFolder();
  std::string path = folder + "/y.npy";
  TensorBuffer tensor(KILN_I64, {4});
  static_cast<int64_t *>(tensor.data())[3] = -9;
  writeNpyFileAtomically(path, tensor);
  TensorBuffer read = readNpyFile(path);
  EXPECT_EQ(static_cast<const int64_t *>(read.data())[3], -9);
  // Only the final file remains.
  std::ifstream temporary(path + ".tmp." + std::to_string(getpid()));
  EXPECT_FALSE(temporary.good());
}

TEST(NpyTest, ReportsUnreadableAndUnwritablePaths) {
  EXPECT_NE(errorOf([] {
              readNpyFile("/nonexistent/x.npy");
            }).find("cannot read '/nonexistent/x.npy'"),
            std::string::npos);
  TensorBuffer tensor(KILN_F32, {1});
  EXPECT_NE(errorOf([&] {
              writeNpyFileAtomically("/nonexistent/y.npy", tensor);
            }).find("cannot create"),
            std::string::npos);
}

TEST(NpyHeaderTest, FormatsLikeNumPy) {
  EXPECT_EQ(formatNpyHeader({"<f4", false, {2, 3}}),
            "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }");
  EXPECT_EQ(formatNpyHeader({"|b1", false, {5}}),
            "{'descr': '|b1', 'fortran_order': False, 'shape': (5,), }");
  EXPECT_EQ(formatNpyHeader({"<i8", false, {}}),
            "{'descr': '<i8', 'fortran_order': False, 'shape': (), }");
}

} // namespace

//===- KilnRunToolTest.cpp - kiln-run end to end on the add fixture -------===//

#include "Npy.h"

#include "TestSupport.h"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <sys/wait.h>

namespace {

using namespace kiln::run;
using namespace kiln::test;

struct ToolResult {
  int exitCode;
  std::string out;
  std::string err;
};

std::string readFile(const std::string &path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream contents;
  contents << file.rdbuf();
  return contents.str();
}

std::string shellQuote(const std::string &text) {
  std::string quoted = "'";
  for (char c : text)
    quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

class KilnRunToolTest : public ::testing::Test {
protected:
  void SetUp() override { folder = makeTemporaryFolder(); }

  ToolResult run(const std::vector<std::string> &arguments) {
    std::string command = shellQuote(kilnRunPath());
    for (const std::string &argument : arguments)
      command += " " + shellQuote(argument);
    std::string out = folder + "/stdout.txt", err = folder + "/stderr.txt";
    command += " >" + shellQuote(out) + " 2>" + shellQuote(err);
    int status = std::system(command.c_str());
    int exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return ToolResult{exitCode, readFile(out), readFile(err)};
  }

  std::string writeFloats(const std::string &name, std::vector<int64_t> dims,
                          float first) {
    TensorBuffer tensor(KILN_F32, std::move(dims));
    float *values = static_cast<float *>(tensor.data());
    for (size_t i = 0; i < tensor.elementCount(); ++i)
      values[i] = first + static_cast<float>(i);
    std::string path = folder + "/" + name;
    writeNpyFileAtomically(path, tensor);
    return path;
  }

  std::string folder;
};

TEST_F(KilnRunToolTest, ListsFunctions) {
  ToolResult result = run({multiFixturePath(), "--list"});
  EXPECT_EQ(result.exitCode, 0) << result.err;
  EXPECT_EQ(result.out, "scale(x: f64[?,3], factor: f64[]) -> (y: f64[?,3])\n"
                        "count_true(mask: i1[5]) -> (n: i64[])\n");
}

TEST_F(KilnRunToolTest, AddsInputsFromFiles) {
  std::string a = writeFloats("a.npy", {3, 4}, 0.0f);
  std::string b = writeFloats("b.npy", {3, 4}, 100.0f);
  std::string outDir = folder + "/out";
  ToolResult result = run({addFixturePath(), "--input", "a=" + a, "--input",
                           "b=" + b, "--output-dir", outDir});
  ASSERT_EQ(result.exitCode, 0) << result.err;
  EXPECT_EQ(result.out, "wrote " + outDir + "/y.npy (f32[3,4])\n");
  TensorBuffer y = readNpyFile(outDir + "/y.npy");
  ASSERT_EQ(y.dims(), (std::vector<int64_t>{3, 4}));
  const float *values = static_cast<const float *>(y.data());
  for (size_t i = 0; i < 12; ++i)
    EXPECT_EQ(values[i], 100.0f + 2.0f * static_cast<float>(i));
}

TEST_F(KilnRunToolTest, RandomInputsAreSeeded) {
  std::string first = folder + "/first", second = folder + "/second";
  ASSERT_EQ(run({addFixturePath(), "--batch", "5", "--seed", "7",
                 "--output-dir", first})
                .exitCode,
            0);
  ASSERT_EQ(run({addFixturePath(), "--batch", "5", "--seed", "7",
                 "--output-dir", second})
                .exitCode,
            0);
  std::string bytes = readFile(first + "/y.npy");
  EXPECT_EQ(bytes, readFile(second + "/y.npy"));
  TensorBuffer y = decodeNpy(bytes, "y.npy");
  EXPECT_EQ(y.dims(), (std::vector<int64_t>{5, 4}));
  const float *values = static_cast<const float *>(y.data());
  for (size_t i = 0; i < y.elementCount(); ++i)
    EXPECT_TRUE(values[i] >= -2.0f && values[i] <= 2.0f) << values[i];
}

TEST_F(KilnRunToolTest, BatchComesFromAGivenInput) {
  std::string a = writeFloats("a.npy", {6, 4}, 1.0f);
  ToolResult result =
      run({addFixturePath(), "--input", "a=" + a, "--output-dir", folder});
  ASSERT_EQ(result.exitCode, 0) << result.err;
  EXPECT_EQ(readNpyFile(folder + "/y.npy").dims(),
            (std::vector<int64_t>{6, 4}));
}

TEST_F(KilnRunToolTest, Benchmarks) {
  ToolResult result =
      run({addFixturePath(), "--bench", "20", "--output-dir", folder});
  ASSERT_EQ(result.exitCode, 0) << result.err;
  EXPECT_NE(result.out.find("median latency: "), std::string::npos);
  EXPECT_NE(result.out.find(" ms over 20 runs\n"), std::string::npos);
  EXPECT_NE(result.out.find("min latency: "), std::string::npos);
}

TEST_F(KilnRunToolTest, CallsANamedFunction) {
  ToolResult result = run(
      {multiFixturePath(), "--function", "count_true", "--output-dir", folder});
  ASSERT_EQ(result.exitCode, 0) << result.err;
  TensorBuffer n = readNpyFile(folder + "/n.npy");
  EXPECT_EQ(n.dtype(), KILN_I64);
  EXPECT_TRUE(n.dims().empty());
  int64_t count = *static_cast<const int64_t *>(n.data());
  EXPECT_TRUE(count >= 0 && count <= 5);
}

struct ErrorCase {
  const char *label;
  std::vector<std::string> (*arguments)(const std::string &folder);
  const char *fragment;
};

void PrintTo(const ErrorCase &param, std::ostream *os) { *os << param.label; }

class KilnRunErrorTest : public KilnRunToolTest,
                         public ::testing::WithParamInterface<ErrorCase> {};

TEST_P(KilnRunErrorTest, ReportsAndExitsWithOne) {
  ToolResult result = run(GetParam().arguments(folder));
  EXPECT_EQ(result.exitCode, 1);
  EXPECT_EQ(result.err.rfind("kiln-run: error: ", 0), 0u) << result.err;
  EXPECT_NE(result.err.find(GetParam().fragment), std::string::npos)
      << result.err;
}

const ErrorCase errorCases[] = {
    {"NoArtifact",
     [](const std::string &) { return std::vector<std::string>{}; },
     "no artifact given"},
    {"MissingArtifact",
     [](const std::string &folder) {
       return std::vector<std::string>{folder + "/none.so"};
     },
     "cannot be read"},
    {"WrongAbi",
     [](const std::string &) {
       return std::vector<std::string>{wrongAbiFixturePath()};
     },
     "ABI version 2"},
    {"UnknownFunction",
     [](const std::string &) {
       return std::vector<std::string>{addFixturePath(), "--function", "sub"};
     },
     "no function 'sub'"},
    {"UnknownInput",
     [](const std::string &) {
       return std::vector<std::string>{addFixturePath(), "--input", "c=c.npy"};
     },
     "function 'add' has no input named 'c' (inputs: a, b)"},
    {"MissingInputFile",
     [](const std::string &folder) {
       return std::vector<std::string>{addFixturePath(), "--input",
                                       "a=" + folder + "/none.npy"};
     },
     "cannot read"},
    {"UnsupportedDtype",
     [](const std::string &folder) {
       std::string path = folder + "/u8.npy";
       std::string dict =
           "{'descr': '|u1', 'fortran_order': False, 'shape': (1, 4), }\n";
       std::ofstream(path, std::ios::binary)
           << std::string("\x93NUMPY\x01\x00", 8)
           << static_cast<char>(dict.size()) << '\0' << dict << "abcd";
       return std::vector<std::string>{addFixturePath(), "--input",
                                       "a=" + path};
     },
     "unsupported .npy dtype '|u1'"},
    {"WrongInputShape",
     [](const std::string &folder) {
       std::string path = folder + "/a.npy";
       TensorBuffer tensor(KILN_F32, {2, 5});
       writeNpyFileAtomically(path, tensor);
       return std::vector<std::string>{addFixturePath(), "--input",
                                       "a=" + path};
     },
     "input 'a': expected shape [?,4], got [2,5]"},
    {"BatchDisagreesWithInput",
     [](const std::string &folder) {
       std::string path = folder + "/a.npy";
       writeNpyFileAtomically(path, TensorBuffer(KILN_F32, {2, 4}));
       return std::vector<std::string>{addFixturePath(), "--batch", "3",
                                       "--input", "a=" + path};
     },
     "inconsistent batch size"},
};

INSTANTIATE_TEST_SUITE_P(Cases, KilnRunErrorTest,
                         ::testing::ValuesIn(errorCases),
                         [](const ::testing::TestParamInfo<ErrorCase> &test) {
                           return std::string(test.param.label);
                         });

} // namespace

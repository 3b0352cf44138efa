//===- KilnRunSupportTest.cpp - kiln-run's options, signatures, timing ----===//

#include "Benchmark.h"
#include "Options.h"
#include "RandomFill.h"
#include "Signature.h"
#include "ToolError.h"

#include "TestSupport.h"

namespace {

using namespace kiln::run;

std::string optionError(const std::vector<std::string> &arguments) {
  try {
    parseOptions(arguments);
  } catch (const ToolError &error) {
    return error.what();
  }
  return "";
}

TEST(OptionsTest, ParsesEveryOption) {
  Options options =
      parseOptions({"model.so", "--function", "mlp", "--input", "x=in.npy",
                    "--input=w=w.npy", "--batch", "3", "--seed=9",
                    "--output-dir", "out", "--bench", "10", "--list"});
  EXPECT_EQ(options.artifactPath, "model.so");
  EXPECT_EQ(options.functionName, "mlp");
  ASSERT_EQ(options.inputFiles.size(), 2u);
  EXPECT_EQ(options.inputFiles[0].name, "x");
  EXPECT_EQ(options.inputFiles[0].path, "in.npy");
  EXPECT_EQ(options.inputFiles[1].name, "w");
  EXPECT_EQ(options.inputFiles[1].path, "w.npy");
  EXPECT_EQ(options.batch, 3);
  EXPECT_EQ(options.seed, 9u);
  EXPECT_EQ(options.outputDir, "out");
  EXPECT_EQ(options.benchRuns, 10);
  EXPECT_TRUE(options.list);
}

TEST(OptionsTest, Defaults) {
  Options options = parseOptions({"a.so"});
  EXPECT_FALSE(options.functionName);
  EXPECT_FALSE(options.batch);
  EXPECT_EQ(options.seed, 0u);
  EXPECT_EQ(options.outputDir, ".");
  EXPECT_FALSE(options.benchRuns);
  EXPECT_FALSE(options.list);
  EXPECT_TRUE(parseOptions({"--help"}).help);
}

TEST(OptionsTest, RejectsBadCommandLines) {
  EXPECT_NE(optionError({}).find("no artifact given"), std::string::npos);
  EXPECT_NE(optionError({"a.so", "b.so"}).find("expected one artifact"),
            std::string::npos);
  EXPECT_EQ(optionError({"a.so", "--frobnicate"}),
            "unknown option '--frobnicate' (see --help)");
  EXPECT_EQ(optionError({"a.so", "--batch"}), "--batch expects a value");
  EXPECT_EQ(optionError({"a.so", "--batch", "0"}),
            "--batch expects a positive integer, got '0'");
  EXPECT_EQ(optionError({"a.so", "--batch", "-2"}),
            "--batch expects a non-negative integer, got '-2'");
  EXPECT_EQ(optionError({"a.so", "--bench", "x"}),
            "--bench expects a non-negative integer, got 'x'");
  EXPECT_EQ(optionError({"a.so", "--seed", "99999999999999999999999"}),
            "--seed value '99999999999999999999999' is too large");
  EXPECT_EQ(optionError({"a.so", "--input", "x.npy"}),
            "--input expects NAME=FILE.npy, got 'x.npy'");
  EXPECT_EQ(optionError({"a.so", "--input", "=x.npy"}),
            "--input expects NAME=FILE.npy, got '=x.npy'");
  EXPECT_EQ(optionError({"a.so", "--list=yes"}), "--list takes no value");
}

TEST(SignatureTest, FormatsLikeTheManifest) {
  kiln::test::ArtifactPtr artifact =
      kiln::test::openArtifact(kiln::test::multiFixturePath());
  ASSERT_NE(artifact, nullptr);
  EXPECT_EQ(formatSignature(kiln::test::findFunction(artifact.get(), "scale")),
            "scale(x: f64[?,3], factor: f64[]) -> (y: f64[?,3])");
  EXPECT_EQ(
      formatSignature(kiln::test::findFunction(artifact.get(), "count_true")),
      "count_true(mask: i1[5]) -> (n: i64[])");
}

TEST(BenchmarkTest, SummarizesLatencies) {
  LatencySummary odd = summarizeLatencies({5.0, 1.0, 3.0});
  EXPECT_EQ(odd.medianMs, 3.0);
  EXPECT_EQ(odd.minMs, 1.0);
  EXPECT_EQ(odd.runs, 3);
  LatencySummary even = summarizeLatencies({4.0, 1.0, 2.0, 8.0});
  EXPECT_EQ(even.medianMs, 3.0);
  EXPECT_EQ(even.minMs, 1.0);
}

TEST(BenchmarkTest, WarmsUpOnceThenTimesEachRun) {
  int calls = 0;
  LatencySummary summary = benchmark(5, [&] { ++calls; });
  EXPECT_EQ(calls, 6);
  EXPECT_EQ(summary.runs, 5);
  EXPECT_GE(summary.medianMs, summary.minMs);
}

TEST(BenchmarkTest, FormatsMillisecondsWithoutExponent) {
  EXPECT_EQ(formatMilliseconds(12.34567), "12.346");
  EXPECT_EQ(formatMilliseconds(1.0), "1.000");
  EXPECT_EQ(formatMilliseconds(0.0123), "0.0123");
  EXPECT_EQ(formatMilliseconds(0.0000451), "0.0000451");
  EXPECT_EQ(formatMilliseconds(0.0), "0.000");
}

TEST(RandomFillTest, SeededUniformValuesInRange) {
  TensorBuffer first(KILN_F32, {1000}), second(KILN_F32, {1000});
  RandomSource a(42), b(42);
  fillRandom(first, a);
  fillRandom(second, b);
  const float *values = static_cast<const float *>(first.data());
  float low = 1, high = -1;
  for (size_t i = 0; i < 1000; ++i) {
    low = std::min(low, values[i]);
    high = std::max(high, values[i]);
    ASSERT_EQ(values[i], static_cast<const float *>(second.data())[i]);
  }
  EXPECT_GE(low, -1.0f);
  EXPECT_LE(high, 1.0f);
  EXPECT_LT(low, -0.9f);
  EXPECT_GT(high, 0.9f);

  TensorBuffer ints(KILN_I64, {100});
  fillRandom(ints, a);
  for (size_t i = 0; i < 100; ++i) {
    int64_t value = static_cast<const int64_t *>(ints.data())[i];
    ASSERT_TRUE(value >= -1 && value <= 1) << value;
  }
}

TEST(RandomFillTest, DifferentSeedsDiffer) {
  RandomSource a(1), b(2);
  EXPECT_NE(a.next(), b.next());
}

TEST(TensorBufferTest, RejectsImpossibleShapes) {
  EXPECT_THROW(TensorBuffer(KILN_F32, {-1}), ToolError);
  EXPECT_THROW(TensorBuffer(KILN_F32, {1, 1, 1, 1, 1, 1, 1, 1, 1}), ToolError);
  EXPECT_THROW(TensorBuffer(KILN_F64, {INT64_MAX, INT64_MAX}), ToolError);
  TensorBuffer empty(KILN_F32, {0, 4});
  EXPECT_EQ(empty.byteSize(), 0u);
  EXPECT_NE(empty.data(), nullptr);
}

} // namespace

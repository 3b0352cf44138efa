//===- Benchmark.h - Timing repeated calls ----------------------*- C++ -*-===//

#ifndef KILN_TOOLS_KILNRUN_BENCHMARK_H
#define KILN_TOOLS_KILNRUN_BENCHMARK_H

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace kiln::run {

struct LatencySummary {
  double medianMs;
  double minMs;
  int64_t runs;
};

/// Median and minimum of per-call latencies in milliseconds (not empty).
LatencySummary summarizeLatencies(std::vector<double> latenciesMs);

/// Calls `call` once to warm up, then `runs` times, timing each call.
LatencySummary benchmark(int64_t runs, const std::function<void()> &call);

/// Milliseconds with at least three significant digits and no exponent:
/// "12.346", "0.0123", "0.0000451".
std::string formatMilliseconds(double ms);

} // namespace kiln::run

#endif // KILN_TOOLS_KILNRUN_BENCHMARK_H

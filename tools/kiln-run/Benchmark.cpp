//===- Benchmark.cpp - Timing repeated calls ------------------------------===//

#include "Benchmark.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

namespace kiln::run {

LatencySummary summarizeLatencies(std::vector<double> latenciesMs) {
  std::sort(latenciesMs.begin(), latenciesMs.end());
  size_t count = latenciesMs.size();
  double median =
      count % 2 == 1
          ? latenciesMs[count / 2]
          : (latenciesMs[count / 2 - 1] + latenciesMs[count / 2]) / 2.0;
  return LatencySummary{median, latenciesMs.front(),
                        static_cast<int64_t>(count)};
}

LatencySummary benchmark(int64_t runs, const std::function<void()> &call) {
  using Clock = std::chrono::steady_clock;
  call();
  std::vector<double> latenciesMs;
  latenciesMs.reserve(static_cast<size_t>(runs));
  for (int64_t i = 0; i < runs; ++i) {
    Clock::time_point start = Clock::now();
    call();
    std::chrono::duration<double, std::milli> elapsed = Clock::now() - start;
    latenciesMs.push_back(elapsed.count());
  }
  return summarizeLatencies(std::move(latenciesMs));
}

std::string formatMilliseconds(double ms) {
  int decimals = 3;
  if (ms > 0 && ms < 1)
    decimals = std::min(12, 2 - static_cast<int>(std::floor(std::log10(ms))));
  char text[64];
  std::snprintf(text, sizeof(text), "%.*f", decimals, ms);
  return text;
}

} // namespace kiln::run

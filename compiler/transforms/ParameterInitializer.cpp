//===- ParameterInitializer.cpp - Initial values of parameters ------------===//

#include "compiler/transforms/ParameterInitializer.h"
#include "dialects/kiln/IdentityMatrix.h"

#include "llvm/ADT/StringSwitch.h"
#include <cmath>

using namespace llvm;

namespace kiln {
namespace {

class SplitMix64 {
public:
  explicit SplitMix64(uint64_t seed) : state(seed) {}

  uint64_t next() {
    uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }

  /// Uniform in [0, 1).
  double uniform() { return static_cast<double>(next() >> 40) * 0x1.0p-24; }

  /// Standard normal.
  double normal() {
    double u1 = 1.0 - uniform(); // (0, 1]
    double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
  }

private:
  uint64_t state;
};

struct Fans {
  double in, out;
};

Fans computeFans(ArrayRef<int64_t> shape) {
  if (shape.empty())
    return {1, 1};
  if (shape.size() == 1)
    return {double(shape[0]), double(shape[0])};
  if (shape.size() == 2)
    return {double(shape[0]), double(shape[1])};
  double receptive = 1;
  for (int64_t d : shape.drop_front(2))
    receptive *= d;
  return {shape[1] * receptive, shape[0] * receptive};
}

} // namespace

void initializeParameter(StringRef initializer, ArrayRef<double> args,
                         ArrayRef<int64_t> shape, uint64_t seed,
                         MutableArrayRef<double> values) {
  SplitMix64 rng(seed);
  Fans fans = computeFans(shape);
  auto fillUniform = [&](double low, double high) {
    for (double &v : values)
      v = low + (high - low) * rng.uniform();
  };
  auto fillNormal = [&](double mean, double std) {
    for (double &v : values)
      v = mean + std * rng.normal();
  };
  if (initializer == "zeros") {
    std::fill(values.begin(), values.end(), 0.0);
  } else if (initializer == "identity") {
    fillIdentity(shape, values);
  } else if (initializer == "ones") {
    std::fill(values.begin(), values.end(), 1.0);
  } else if (initializer == "constant") {
    std::fill(values.begin(), values.end(), args[0]);
  } else if (initializer == "uniform") {
    fillUniform(args[0], args[1]);
  } else if (initializer == "normal") {
    fillNormal(args[0], args[1]);
  } else if (initializer == "glorot_uniform") {
    double limit = std::sqrt(6.0 / (fans.in + fans.out));
    fillUniform(-limit, limit);
  } else if (initializer == "glorot_normal") {
    fillNormal(0.0, std::sqrt(2.0 / (fans.in + fans.out)));
  } else if (initializer == "he_uniform") {
    double limit = std::sqrt(6.0 / fans.in);
    fillUniform(-limit, limit);
  } else if (initializer == "he_normal") {
    fillNormal(0.0, std::sqrt(2.0 / fans.in));
  }
}

} // namespace kiln

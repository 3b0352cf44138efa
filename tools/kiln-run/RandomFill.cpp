//===- RandomFill.cpp - Seeded random tensor contents ---------------------===//

#include "RandomFill.h"

namespace kiln::run {

uint64_t RandomSource::next() {
  uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

double RandomSource::nextSigned() {
  double unit = static_cast<double>(next() >> 11) * 0x1.0p-53;
  return 2.0 * unit - 1.0;
}

namespace {

template <typename T, typename Generate>
void fillWith(TensorBuffer &tensor, Generate generate) {
  T *values = static_cast<T *>(tensor.data());
  for (size_t i = 0; i < tensor.elementCount(); ++i)
    values[i] = generate();
}

} // namespace

void fillRandom(TensorBuffer &tensor, RandomSource &random) {
  auto signedUnit = [&] { return random.nextSigned(); };
  auto minusOneZeroOne = [&] {
    return static_cast<int>(random.next() % 3) - 1;
  };
  switch (tensor.dtype()) {
  case KILN_F32:
    fillWith<float>(tensor, [&] { return static_cast<float>(signedUnit()); });
    return;
  case KILN_F64:
    fillWith<double>(tensor, signedUnit);
    return;
  case KILN_I32:
    fillWith<int32_t>(tensor, minusOneZeroOne);
    return;
  case KILN_I64:
    fillWith<int64_t>(tensor, minusOneZeroOne);
    return;
  case KILN_BOOL:
    fillWith<uint8_t>(tensor,
                      [&] { return static_cast<uint8_t>(random.next() & 1); });
    return;
  }
}

} // namespace kiln::run

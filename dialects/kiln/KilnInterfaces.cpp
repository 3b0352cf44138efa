//===- KilnInterfaces.cpp - Interfaces of kiln ops ------------------------===//

#include "dialects/kiln/KilnInterfaces.h"

#include "dialects/kiln/KilnInterfaces.cpp.inc"

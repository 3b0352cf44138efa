# Finds Kiln's dependencies, all from Debian packages (scripts/install-deps.sh).

# LLVM and MLIR 22, linked as the shared libLLVM and libMLIR.
set(KILN_LLVM_ROOT /usr/lib/llvm-22)
set(MLIR_DIR ${KILN_LLVM_ROOT}/lib/cmake/mlir CACHE PATH "MLIR CMake config")
set(LLVM_DIR ${KILN_LLVM_ROOT}/lib/cmake/llvm CACHE PATH "LLVM CMake config")
find_package(MLIR REQUIRED CONFIG)
message(STATUS "Using MLIRConfig.cmake in: ${MLIR_DIR} (LLVM ${LLVM_PACKAGE_VERSION})")

list(APPEND CMAKE_MODULE_PATH "${MLIR_CMAKE_DIR}" "${LLVM_CMAKE_DIR}")
set(LLVM_RUNTIME_OUTPUT_INTDIR ${CMAKE_RUNTIME_OUTPUT_DIRECTORY})
set(LLVM_LIBRARY_OUTPUT_INTDIR ${CMAKE_LIBRARY_OUTPUT_DIRECTORY})
set(MLIR_BINARY_DIR ${CMAKE_BINARY_DIR})
include(TableGen)
include(AddLLVM)
include(AddMLIR)
include(HandleLLVMOptions)

include_directories(SYSTEM ${LLVM_INCLUDE_DIRS} ${MLIR_INCLUDE_DIRS})
include_directories(${KILN_SOURCE_DIR} ${KILN_BINARY_DIR})
link_directories(${LLVM_BUILD_LIBRARY_DIR})
separate_arguments(KILN_LLVM_DEFINITIONS NATIVE_COMMAND "${LLVM_DEFINITIONS}")
add_definitions(${KILN_LLVM_DEFINITIONS})

# Every Kiln library links these two shared libraries, never LLVM's static archives:
# a process that also loads Halide (built on LLVM 14) needs both LLVMs to be shared
# libraries with versioned symbols.
set(KILN_MLIR_LIBS MLIR LLVM)

# lld, linked in-process to write shared-library artifacts.
find_package(LLD REQUIRED CONFIG HINTS ${KILN_LLVM_ROOT}/lib/cmake/lld)

# Halide 14. Not find_package(Halide): its config loads LLVM 14's CMake files over LLVM 22's.
find_library(KILN_HALIDE_LIBRARY NAMES Halide14 Halide PATHS /usr/lib/x86_64-linux-gnu NO_DEFAULT_PATH REQUIRED)
set(KILN_HALIDE_INCLUDE_DIR /usr/include/halide14)
add_library(kiln_halide INTERFACE)
target_link_libraries(kiln_halide INTERFACE ${KILN_HALIDE_LIBRARY})
target_include_directories(kiln_halide SYSTEM INTERFACE ${KILN_HALIDE_INCLUDE_DIR})

# ONNX protobuf definitions.
# onnx_proto links protobuf::libprotobuf, so Protobuf comes first.
find_package(Protobuf REQUIRED)
find_package(ONNX REQUIRED)

find_package(GTest REQUIRED)
find_package(Threads REQUIRED)

set(KILN_LIT ${KILN_LLVM_ROOT}/bin/lit)
set(KILN_PYTHON /usr/bin/python3)

#!/usr/bin/env bash
# Installs every Debian package that Kiln's build, demo and tests need.
# Idempotent: it asks apt only for what is missing, and runs `apt-get update`
# only when something is missing.
set -euo pipefail

packages=(
  # build
  cmake ninja-build ccache g++ make pkg-config
  # LLVM / MLIR 22, lit and FileCheck, in-process linking
  llvm-22-dev llvm-22-tools libmlir-22-dev mlir-22-tools liblld-22-dev lld-22
  # fuzzers and sanitizers
  clang-22 libclang-rt-22-dev
  # Halide 14 (built on its own LLVM 14)
  libhalide14-0-dev
  # ONNX and protobuf
  libonnx-dev libprotobuf-dev protobuf-compiler libonnx-testdata
  # unit tests
  libgtest-dev googletest
  # references in tests
  python3 python3-numpy python3-onnx python3-torch python3-torchvision python3-sklearn
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"

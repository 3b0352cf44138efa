#!/usr/bin/env bash
# Installs what bench/onnx_vs_ort needs beyond scripts/install-deps.sh:
# Node.js and npm (Debian packages) and the npm package onnxruntime-node,
# whose tarball carries the Linux x64 CPU build of ONNX Runtime.
# Idempotent: it installs only what is missing or of another version.
#
# Usage: scripts/install-bench-deps.sh [FOLDER]
#   FOLDER receives node_modules/ (default: $KILN_BENCH_NODE_DIR, else
#   build/bench-node under the repository; build/ is git-ignored).
set -euo pipefail

ORT_VERSION=1.20.1
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
folder="${1:-${KILN_BENCH_NODE_DIR:-$root/build/bench-node}}"

# Node.js 18 or newer, and npm. A Node.js from elsewhere (e.g. NodeSource,
# which bundles npm) is kept.
missing=()
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-bench-deps: installing ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" -lt 18 ]; then
  echo "install-bench-deps: error: Node.js $(node --version) is too old (need 18 or newer)" >&2
  exit 1
fi

# onnxruntime-node. --ignore-scripts skips its install script, which only
# downloads GPU providers; the CPU binary is in the package itself.
package="$folder/node_modules/onnxruntime-node/package.json"
binary="$folder/node_modules/onnxruntime-node/bin/napi-v3/linux/x64/onnxruntime_binding.node"
installed="$(node -p "try { require('$package').version } catch (e) { '' }")"
if [ "$installed" = "$ORT_VERSION" ] && [ -f "$binary" ]; then
  echo "install-bench-deps: onnxruntime-node $ORT_VERSION present in $folder"
  exit 0
fi
echo "install-bench-deps: installing onnxruntime-node@$ORT_VERSION into $folder"
mkdir -p "$folder"
npm install --prefix "$folder" --ignore-scripts --no-save --no-audit --no-fund \
  --loglevel=error "onnxruntime-node@$ORT_VERSION"
if [ ! -f "$binary" ]; then
  echo "install-bench-deps: error: $binary is missing after the installation" >&2
  exit 1
fi

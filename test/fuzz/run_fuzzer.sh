#!/bin/sh
# Runs the ONNX importer's fuzz target for a bounded time, from a corpus
# seeded with small models of ONNX's backend test data (when installed).
#   run_fuzzer.sh FUZZER SECONDS WORK_DIR
set -eu
fuzzer=$1 seconds=$2 work=$3
rm -rf "$work" && mkdir -p "$work/corpus" "$work/fuzz"
data=/usr/share/libonnx-testdata/data/node
if [ -d "$data" ]; then
  for case in "$data"/test_*; do
    model="$case/model.onnx"
    [ -f "$model" ] && [ "$(stat -c %s "$model")" -lt 4096 ] &&
      cp "$model" "$work/corpus/$(basename "$case").onnx"
  done
fi
cd "$work"
exec "$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 \
  -seed=1 -print_final_stats=1 corpus

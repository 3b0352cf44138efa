#!/usr/bin/env python3
"""Reads the `final test accuracy X` line of a train-digits log and fails
unless X >= the given threshold."""
import re
import sys

log, threshold = sys.argv[1], float(sys.argv[2])
matches = re.findall(r"^final test accuracy ([0-9.]+)$", open(log).read(), re.M)
if not matches:
    sys.exit("no final test accuracy in " + log)
accuracy = float(matches[-1])
print(f"final test accuracy {accuracy:.4f} (threshold {threshold})")
sys.exit(0 if accuracy >= threshold else 1)

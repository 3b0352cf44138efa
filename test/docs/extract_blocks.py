#!/usr/bin/env python3
"""Writes each fenced code block of a Markdown file whose first line names a
file (`# file: NAME` or `/* file: NAME */`) into DIR/NAME, so that tests can
build the documentation's examples exactly as written."""
import os
import re
import sys

source, directory = sys.argv[1], sys.argv[2]
os.makedirs(directory, exist_ok=True)
blocks = re.findall(r"^```\w*\n(.*?)^```", open(source).read(), re.M | re.S)
written = 0
for block in blocks:
    m = re.match(r"(?:#|/\*) file: (\S+?)(?: \*/)?\n", block)
    if m:
        with open(os.path.join(directory, m.group(1)), "w") as f:
            f.write(block)
        written += 1
print("extracted %d files" % written)

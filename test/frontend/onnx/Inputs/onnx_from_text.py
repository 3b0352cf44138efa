"""Writes an ONNX model from ONNX's textual syntax (onnx.parser).

    onnx_from_text.py MODEL.txt MODEL.onnx [--initializers] [--external-data]
                      [--rename OLD=NEW ...] [--ir-version N]

Lines starting with '#' are dropped, so a lit test can hold the text.
Initializers are written as Constant nodes in the text; `--initializers`
turns every Constant node into a graph initializer, and `--external-data`
then stores them in a file beside the model. `--rename` gives a value a
name the text syntax cannot spell ("input.1"); `--ir-version` overrides the
IR version.
"""
import sys

import onnx
import onnx.parser
from onnx import numpy_helper


def constants_to_initializers(model):
    graph = model.graph
    kept = []
    for node in graph.node:
        if node.op_type == "Constant" and node.attribute[0].name == "value":
            # Stored as raw_data, as exporters do (and external data needs).
            value = numpy_helper.to_array(node.attribute[0].t)
            graph.initializer.append(
                numpy_helper.from_array(value, node.output[0]))
        else:
            kept.append(node)
    del graph.node[:]
    graph.node.extend(kept)


def rename(model, old, new):
    graph = model.graph
    for value in list(graph.input) + list(graph.output):
        if value.name == old:
            value.name = new
    for node in graph.node:
        node.input[:] = [new if n == old else n for n in node.input]
        node.output[:] = [new if n == old else n for n in node.output]


def main():
    source, target = sys.argv[1], sys.argv[2]
    flags = sys.argv[3:]
    renames = [flags[i + 1] for i, f in enumerate(flags) if f == "--rename"]
    with open(source) as f:
        text = "".join(line for line in f if not line.startswith("#"))
    model = onnx.parser.parse_model(text)
    if "--initializers" in flags or "--external-data" in flags:
        constants_to_initializers(model)
    for pair in renames:
        old, new = pair.split("=", 1)
        rename(model, old, new)
    if "--ir-version" in flags:
        model.ir_version = int(flags[flags.index("--ir-version") + 1])
    if "--external-data" in flags:
        onnx.save_model(model, target, save_as_external_data=True,
                        all_tensors_to_one_file=True, location="weights.bin",
                        size_threshold=0)
    else:
        onnx.save_model(model, target)


if __name__ == "__main__":
    main()

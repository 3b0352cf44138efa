"""What an ONNX model uses: operators, opsets, value kinds and element types.

The whole model is inspected, subgraphs (If, Loop, Scan bodies) included.
"""

from dataclasses import dataclass, field

import onnx

DEFAULT_DOMAINS = ("", "ai.onnx")


def element_type_name(data_type):
    """ONNX's name of a TensorProto element type, in lower case: float,
    int64, bool, float16, ..."""
    return onnx.TensorProto.DataType.Name(data_type).lower()


@dataclass
class ModelInfo:
    # (domain, op_type) of every node; the default domain is spelled "".
    ops: set = field(default_factory=set)
    # Op types of the main graph's nodes, in order.
    top_level_ops: list = field(default_factory=list)
    # The default domain's opset version, or None when the model has none.
    opset: int = None
    # Kinds of the values the graphs declare: tensor, sequence, optional, map,
    # sparse_tensor.
    value_kinds: set = field(default_factory=set)
    # Element types of declared tensors: graph inputs, outputs, value_info and
    # initializers, tensor attributes (Constant values) and Cast targets.
    element_types: set = field(default_factory=set)


def _add_type(info, type_proto):
    kind = type_proto.WhichOneof("value")
    if kind is None:
        return
    info.value_kinds.add(kind.replace("_type", ""))
    if kind in ("tensor_type", "sparse_tensor_type"):
        element = getattr(type_proto, kind).elem_type
        if element != onnx.TensorProto.UNDEFINED:
            info.element_types.add(element_type_name(element))
    elif kind == "sequence_type":
        _add_type(info, type_proto.sequence_type.elem_type)
    elif kind == "optional_type":
        _add_type(info, type_proto.optional_type.elem_type)
    elif kind == "map_type":
        info.element_types.add(element_type_name(type_proto.map_type.key_type))
        _add_type(info, type_proto.map_type.value_type)


def _add_attribute(info, attribute):
    kind = attribute.type
    if kind == onnx.AttributeProto.TENSOR:
        info.element_types.add(element_type_name(attribute.t.data_type))
    elif kind == onnx.AttributeProto.TENSORS:
        for tensor in attribute.tensors:
            info.element_types.add(element_type_name(tensor.data_type))
    elif kind == onnx.AttributeProto.GRAPH:
        _add_graph(info, attribute.g)
    elif kind == onnx.AttributeProto.GRAPHS:
        for graph in attribute.graphs:
            _add_graph(info, graph)


def _add_graph(info, graph):
    for value in list(graph.input) + list(graph.output) + list(graph.value_info):
        _add_type(info, value.type)
    for initializer in graph.initializer:
        info.element_types.add(element_type_name(initializer.data_type))
    for node in graph.node:
        domain = "" if node.domain in DEFAULT_DOMAINS else node.domain
        info.ops.add((domain, node.op_type))
        for attribute in node.attribute:
            _add_attribute(info, attribute)
            if node.op_type == "Cast" and attribute.name == "to" and not domain:
                info.element_types.add(element_type_name(attribute.i))


def inspect_model(model):
    """The ModelInfo of an onnx.ModelProto."""
    info = ModelInfo()
    for opset in model.opset_import:
        if opset.domain in DEFAULT_DOMAINS:
            info.opset = opset.version
    info.top_level_ops = [node.op_type for node in model.graph.node]
    _add_graph(info, model.graph)
    return info


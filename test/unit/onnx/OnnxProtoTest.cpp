//===- OnnxProtoTest.cpp - ONNX's protobuf classes link and round-trip ------===//
//
// The ONNX importer builds on Debian's onnx_proto (protobuf 3.21). This test
// checks that the library links into Kiln's build and that a model survives
// serialization and parsing, as the importer will read it.
//
//===----------------------------------------------------------------------===//

#include "onnx/onnx_pb.h"

#include <gtest/gtest.h>

namespace {

TEST(OnnxProto, ModelRoundTripsThroughSerialization) {
  onnx::ModelProto model;
  model.set_ir_version(8);
  onnx::OperatorSetIdProto *opset = model.add_opset_import();
  opset->set_domain("");
  opset->set_version(17);
  onnx::GraphProto *graph = model.mutable_graph();
  graph->set_name("relu_graph");
  onnx::NodeProto *node = graph->add_node();
  node->set_op_type("Relu");
  node->add_input("x");
  node->add_output("y");
  onnx::ValueInfoProto *input = graph->add_input();
  input->set_name("x");
  onnx::TypeProto_Tensor *tensor =
      input->mutable_type()->mutable_tensor_type();
  tensor->set_elem_type(onnx::TensorProto::FLOAT);
  tensor->mutable_shape()->add_dim()->set_dim_param("N");
  tensor->mutable_shape()->add_dim()->set_dim_value(4);

  std::string bytes;
  ASSERT_TRUE(model.SerializeToString(&bytes));
  onnx::ModelProto parsed;
  ASSERT_TRUE(parsed.ParseFromString(bytes));
  EXPECT_EQ(parsed.ir_version(), 8);
  EXPECT_EQ(parsed.opset_import(0).version(), 17);
  ASSERT_EQ(parsed.graph().node_size(), 1);
  EXPECT_EQ(parsed.graph().node(0).op_type(), "Relu");
  const auto &shape = parsed.graph().input(0).type().tensor_type().shape();
  EXPECT_EQ(shape.dim(0).dim_param(), "N");
  EXPECT_EQ(shape.dim(1).dim_value(), 4);

  onnx::ModelProto truncated;
  EXPECT_FALSE(truncated.ParseFromString(bytes.substr(0, bytes.size() / 2)));
}

} // namespace

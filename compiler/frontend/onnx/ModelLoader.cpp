//===- ModelLoader.cpp - Read and check an ONNX model file ----------------===//

#include "compiler/frontend/onnx/ModelLoader.h"

#include "onnx/onnx_pb.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

namespace kiln::onnx_import {
namespace {

llvm::Error failure(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

bool isDefaultDomain(const std::string &domain) {
  return domain.empty() || domain == "ai.onnx";
}

/// Replaces the external reference of `tensor` by its bytes, read from a
/// file in `directory`.
llvm::Error loadExternalData(onnx::TensorProto &tensor,
                             llvm::StringRef directory) {
  std::string location;
  uint64_t offset = 0;
  std::optional<uint64_t> length;
  for (const auto &entry : tensor.external_data()) {
    unsigned long long number = 0;
    if (entry.key() == "location") {
      location = entry.value();
    } else if (entry.key() == "offset" || entry.key() == "length") {
      if (llvm::getAsUnsignedInteger(entry.value(), 10, number))
        return failure("external data " + entry.key() + " '" + entry.value() +
                       "' is not a number");
      if (entry.key() == "offset")
        offset = number;
      else
        length = number;
    }
  }
  std::string what = "tensor '" + tensor.name() + "'";
  if (location.empty())
    return failure(what + " has external data but no location");
  if (llvm::sys::path::is_absolute(location))
    return failure(what + ": external data location '" + location +
                   "' must be relative to the model's folder");
  for (llvm::StringRef part :
       llvm::make_range(llvm::sys::path::begin(location),
                        llvm::sys::path::end(location)))
    if (part == "..")
      return failure(what + ": external data location '" + location +
                     "' leaves the model's folder");
  llvm::SmallString<256> path(directory);
  llvm::sys::path::append(path, location);
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (std::error_code ec = buffer.getError())
    return failure(what + ": cannot read external data '" + path.str() +
                   "': " + ec.message());
  uint64_t size = (*buffer)->getBufferSize();
  uint64_t count = length.value_or(size >= offset ? size - offset : 0);
  if (offset > size || count > size - offset)
    return failure(what + ": external data [" + llvm::Twine(offset) + ", " +
                   llvm::Twine(offset + count) + ") lies outside '" +
                   path.str() + "' (" + llvm::Twine(size) + " bytes)");
  tensor.set_raw_data((*buffer)->getBufferStart() + offset, count);
  tensor.clear_external_data();
  tensor.set_data_location(onnx::TensorProto::DEFAULT);
  return llvm::Error::success();
}

llvm::Error loadAllExternalData(onnx::GraphProto &graph,
                                llvm::StringRef directory) {
  auto visit = [&](onnx::TensorProto &tensor) -> llvm::Error {
    if (tensor.data_location() != onnx::TensorProto::EXTERNAL)
      return llvm::Error::success();
    return loadExternalData(tensor, directory);
  };
  for (onnx::TensorProto &tensor : *graph.mutable_initializer())
    if (llvm::Error e = visit(tensor))
      return e;
  for (onnx::NodeProto &node : *graph.mutable_node()) {
    for (onnx::AttributeProto &attribute : *node.mutable_attribute()) {
      if (attribute.has_t())
        if (llvm::Error e = visit(*attribute.mutable_t()))
          return e;
      if (attribute.has_g())
        if (llvm::Error e = loadAllExternalData(*attribute.mutable_g(),
                                                directory))
          return e;
    }
  }
  return llvm::Error::success();
}

llvm::Expected<int64_t> defaultOpset(const onnx::ModelProto &model) {
  std::optional<int64_t> opset;
  for (const auto &import : model.opset_import())
    if (isDefaultDomain(import.domain()))
      opset = import.version();
  if (!opset)
    return failure("the model imports no opset of the default ONNX domain");
  if (*opset < kMinOpset || *opset > kMaxOpset)
    return failure("opset " + llvm::Twine(*opset) +
                   " of the default domain is not supported (Kiln reads " +
                   llvm::Twine(kMinOpset) + " to " + llvm::Twine(kMaxOpset) +
                   ")");
  return *opset;
}

} // namespace

llvm::Expected<LoadedModel> loadModel(llvm::StringRef path) {
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (std::error_code ec = buffer.getError())
    return failure("cannot read '" + path + "': " + ec.message());
  return loadModel((*buffer)->getBuffer(), path);
}

llvm::Expected<LoadedModel> loadModel(llvm::StringRef bytes,
                                      llvm::StringRef path) {
  if (bytes.size() > size_t(INT32_MAX))
    return failure("the model is larger than 2 GiB; keep its weights in "
                   "external data files");
  LoadedModel loaded;
  loaded.proto = std::make_unique<onnx::ModelProto>();
  onnx::ModelProto &model = *loaded.proto;
  if (bytes.empty() ||
      !model.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())))
    return failure("not an ONNX model: the file is not a valid ModelProto "
                   "(truncated, corrupt, or another format)");
  if (!model.has_ir_version() || !model.has_graph())
    return failure("not an ONNX model: it has no IR version or no graph");
  if (model.ir_version() < kMinIrVersion || model.ir_version() > kMaxIrVersion)
    return failure("IR version " + llvm::Twine(model.ir_version()) +
                   " is not supported (Kiln reads " +
                   llvm::Twine(kMinIrVersion) + " to " +
                   llvm::Twine(kMaxIrVersion) + ")");
  auto opset = defaultOpset(model);
  if (!opset)
    return opset.takeError();
  loaded.opset = *opset;
  if (model.graph().node_size() == 0 && model.graph().output_size() == 0)
    return failure("the graph is empty");
  if (llvm::Error e = loadAllExternalData(*model.mutable_graph(),
                                          llvm::sys::path::parent_path(path)))
    return std::move(e);
  return loaded;
}

} // namespace kiln::onnx_import

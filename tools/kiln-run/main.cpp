//===- main.cpp - kiln-run: call a function of a Kiln artifact ------------===//
//
// kiln-run ARTIFACT.so [--function NAME] [--input NAME=FILE.npy ...]
//          [--batch N] [--seed S] [--output-dir DIR] [--bench N] [--list]
//
//===----------------------------------------------------------------------===//

#include "Benchmark.h"
#include "Npy.h"
#include "Options.h"
#include "RandomFill.h"
#include "Signature.h"
#include "TensorBuffer.h"
#include "ToolError.h"

#include "kiln/runtime.h"

#include <filesystem>
#include <iostream>
#include <map>
#include <memory>

using namespace kiln::run;

namespace {

/// Throws the status's message as a ToolError if it is an error.
void check(kiln_status *status) {
  if (!status)
    return;
  std::string message = kiln_status_message(status);
  kiln_status_free(status);
  throw ToolError(message);
}

struct ArtifactCloser {
  void operator()(kiln_artifact *artifact) const {
    kiln_artifact_close(artifact);
  }
};
using ArtifactHandle = std::unique_ptr<kiln_artifact, ArtifactCloser>;

ArtifactHandle openArtifact(const std::string &path) {
  kiln_artifact *artifact = nullptr;
  check(kiln_artifact_open(path.c_str(), &artifact));
  return ArtifactHandle(artifact);
}

void listFunctions(const kiln_artifact *artifact) {
  for (size_t i = 0; i < kiln_artifact_function_count(artifact); ++i) {
    const kiln_function *fn = nullptr;
    check(kiln_artifact_function_at(artifact, i, &fn));
    std::cout << formatSignature(fn) << "\n";
  }
}

const kiln_function *selectFunction(const kiln_artifact *artifact,
                                    const Options &options) {
  const kiln_function *fn = nullptr;
  if (options.functionName)
    check(kiln_artifact_find_function(artifact, options.functionName->c_str(),
                                      &fn));
  else
    check(kiln_artifact_function_at(artifact, 0, &fn));
  return fn;
}

std::string inputNames(const kiln_function *fn) {
  std::string names;
  for (size_t i = 0; i < kiln_function_input_count(fn); ++i)
    names +=
        (i > 0 ? ", " : "") + std::string(kiln_function_input(fn, i)->name);
  return names.empty() ? "none" : names;
}

/// Reads the --input files, keyed by input index.
std::map<size_t, TensorBuffer> readInputFiles(const kiln_function *fn,
                                              const Options &options) {
  std::map<size_t, TensorBuffer> given;
  for (const InputFile &file : options.inputFiles) {
    size_t index = 0;
    while (index < kiln_function_input_count(fn) &&
           file.name != kiln_function_input(fn, index)->name)
      ++index;
    if (index == kiln_function_input_count(fn))
      throw ToolError("function '" + std::string(kiln_function_name(fn)) +
                      "' has no input named '" + file.name +
                      "' (inputs: " + inputNames(fn) + ")");
    if (given.count(index))
      throw ToolError("input '" + file.name + "' is given twice");
    given.emplace(index, readNpyFile(file.path));
  }
  return given;
}

/// --batch, else the batch dimension of the first given input that has one,
/// else 1.
int64_t chooseBatch(const kiln_function *fn, const Options &options,
                    const std::map<size_t, TensorBuffer> &given) {
  if (options.batch)
    return *options.batch;
  for (const auto &[index, tensor] : given) {
    const kiln_tensor_desc *desc = kiln_function_input(fn, index);
    for (int32_t i = 0; i < desc->rank; ++i)
      if (desc->dims[i] < 0 && static_cast<size_t>(i) < tensor.dims().size())
        return tensor.dims()[i] > 0 ? tensor.dims()[i] : 1;
  }
  return 1;
}

TensorBuffer allocateLike(const kiln_tensor &shape) {
  return TensorBuffer(
      shape.dtype, std::vector<int64_t>(shape.dims, shape.dims + shape.rank));
}

std::vector<TensorBuffer> prepareInputs(const kiln_function *fn,
                                        std::map<size_t, TensorBuffer> given,
                                        int64_t batch, uint64_t seed) {
  RandomSource random(seed);
  std::vector<TensorBuffer> inputs;
  for (size_t i = 0; i < kiln_function_input_count(fn); ++i) {
    auto found = given.find(i);
    if (found != given.end()) {
      inputs.push_back(std::move(found->second));
      continue;
    }
    kiln_tensor shape{};
    check(kiln_function_input_shape(fn, i, batch, &shape));
    inputs.push_back(allocateLike(shape));
    fillRandom(inputs.back(), random);
  }
  return inputs;
}

std::vector<TensorBuffer> allocateOutputs(const kiln_function *fn,
                                          int64_t batch) {
  std::vector<TensorBuffer> outputs;
  for (size_t i = 0; i < kiln_function_output_count(fn); ++i) {
    kiln_tensor shape{};
    check(kiln_function_output_shape(fn, i, batch, &shape));
    outputs.push_back(allocateLike(shape));
  }
  return outputs;
}

std::vector<kiln_tensor> viewsOf(std::vector<TensorBuffer> &buffers) {
  std::vector<kiln_tensor> views;
  for (TensorBuffer &buffer : buffers)
    views.push_back(buffer.view());
  return views;
}

void writeOutputs(const kiln_function *fn,
                  const std::vector<TensorBuffer> &outputs,
                  const std::string &outputDir) {
  std::error_code error;
  std::filesystem::create_directories(outputDir, error);
  if (error)
    throw ToolError("cannot create output folder '" + outputDir +
                    "': " + error.message());
  for (size_t i = 0; i < outputs.size(); ++i) {
    const kiln_tensor_desc *desc = kiln_function_output(fn, i);
    std::string path =
        (std::filesystem::path(outputDir) / (std::string(desc->name) + ".npy"))
            .string();
    writeNpyFileAtomically(path, outputs[i]);
    kiln_tensor_desc written = *desc;
    for (size_t d = 0; d < outputs[i].dims().size(); ++d)
      written.dims[d] = outputs[i].dims()[d];
    std::cout << "wrote " << path << " (" << formatTensorDesc(written) << ")\n";
  }
}

int run(const Options &options) {
  if (options.threads)
    kiln_set_num_threads(static_cast<int>(*options.threads));
  ArtifactHandle artifact = openArtifact(options.artifactPath);
  if (options.list) {
    listFunctions(artifact.get());
    return 0;
  }
  const kiln_function *fn = selectFunction(artifact.get(), options);
  std::map<size_t, TensorBuffer> given = readInputFiles(fn, options);
  int64_t batch = chooseBatch(fn, options, given);
  std::vector<TensorBuffer> inputs =
      prepareInputs(fn, std::move(given), batch, options.seed);
  std::vector<TensorBuffer> outputs = allocateOutputs(fn, batch);
  std::vector<kiln_tensor> inputViews = viewsOf(inputs);
  std::vector<kiln_tensor> outputViews = viewsOf(outputs);

  auto call = [&] {
    check(kiln_function_call(fn, inputViews.data(), inputViews.size(),
                             outputViews.data(), outputViews.size()));
  };
  if (options.benchRuns) {
    LatencySummary summary = benchmark(*options.benchRuns, call);
    writeOutputs(fn, outputs, options.outputDir);
    std::cout << "median latency: " << formatMilliseconds(summary.medianMs)
              << " ms over " << summary.runs << " runs\n"
              << "min latency: " << formatMilliseconds(summary.minMs)
              << " ms\n";
    return 0;
  }
  call();
  writeOutputs(fn, outputs, options.outputDir);
  return 0;
}

} // namespace

int main(int argc, char **argv) {
  try {
    Options options =
        parseOptions(std::vector<std::string>(argv + 1, argv + argc));
    if (options.help) {
      std::cout << usageText();
      return 0;
    }
    return run(options);
  } catch (const std::exception &error) {
    std::cout.flush();
    std::cerr << "kiln-run: error: " << error.what() << "\n";
    return 1;
  }
}

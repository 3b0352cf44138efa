//===- CheckpointTest.cpp - kiln_checkpoint_save and _load ----------------===//

#include "TestSupport.h"

#include <cstdio>
#include <dirent.h>
#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>

namespace {

/// A fresh directory under the system's temporary folder.
class CheckpointTest : public ::testing::Test {
protected:
  void SetUp() override {
    char pattern[] = "/tmp/kiln-checkpoint-XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    dir = pattern;
    path = dir + "/state.ckpt";
  }
  void TearDown() override {
    for (const std::string &name : entries())
      std::remove((dir + "/" + name).c_str());
    rmdir(dir.c_str());
  }
  std::vector<std::string> entries() const {
    std::vector<std::string> names;
    if (DIR *d = opendir(dir.c_str())) {
      while (dirent *e = readdir(d))
        if (std::string(e->d_name) != "." && std::string(e->d_name) != "..")
          names.push_back(e->d_name);
      closedir(d);
    }
    return names;
  }
  static kiln_tensor view(kiln_dtype dtype, std::vector<int64_t> dims,
                          void *data) {
    kiln_tensor t{};
    t.dtype = dtype;
    t.rank = static_cast<int32_t>(dims.size());
    for (size_t i = 0; i < dims.size(); ++i)
      t.dims[i] = dims[i];
    t.data = data;
    return t;
  }
  static kiln_status_code_t codeOf(kiln_status *status) {
    kiln_status_code_t code = kiln_status_code(status);
    kiln_status_free(status);
    return code;
  }

  std::string dir, path;
  float weight[6] = {1.5f, -2, 3, 4, 5, 6.25f};
  float step = 7;
  int64_t counts[2] = {-3, 1ll << 40};
  const char *names[3] = {"dense.weight", "step", "counts"};
};

TEST_F(CheckpointTest, RoundTripsNamedTensors) {
  kiln_tensor tensors[3] = {view(KILN_F32, {2, 3}, weight),
                            view(KILN_F32, {}, &step),
                            view(KILN_I64, {2}, counts)};
  ASSERT_EQ(codeOf(kiln_checkpoint_save(path.c_str(), names, tensors, 3)),
            KILN_OK);
  // The temporary file was renamed: the directory holds the checkpoint only.
  EXPECT_EQ(entries(), std::vector<std::string>{"state.ckpt"});

  // Read back in another order, and only some of the tensors.
  float weightIn[6] = {}, stepIn = 0;
  const char *wanted[2] = {"step", "dense.weight"};
  kiln_tensor into[2] = {view(KILN_F32, {}, &stepIn),
                         view(KILN_F32, {2, 3}, weightIn)};
  ASSERT_EQ(codeOf(kiln_checkpoint_load(path.c_str(), wanted, into, 2)),
            KILN_OK);
  EXPECT_EQ(stepIn, 7.0f);
  for (int i = 0; i < 6; ++i)
    EXPECT_EQ(weightIn[i], weight[i]);
}

TEST_F(CheckpointTest, SavingAgainReplacesTheFileWhole) {
  kiln_tensor tensors[1] = {view(KILN_F32, {}, &step)};
  ASSERT_EQ(codeOf(kiln_checkpoint_save(path.c_str(), names + 1, tensors, 1)),
            KILN_OK);
  step = 8;
  ASSERT_EQ(codeOf(kiln_checkpoint_save(path.c_str(), names + 1, tensors, 1)),
            KILN_OK);
  float stepIn = 0;
  kiln_tensor into[1] = {view(KILN_F32, {}, &stepIn)};
  ASSERT_EQ(codeOf(kiln_checkpoint_load(path.c_str(), names + 1, into, 1)),
            KILN_OK);
  EXPECT_EQ(stepIn, 8.0f);
  EXPECT_EQ(entries().size(), 1u);
}

TEST_F(CheckpointTest, RejectsMismatchesWithoutWriting) {
  kiln_tensor tensors[3] = {view(KILN_F32, {2, 3}, weight),
                            view(KILN_F32, {}, &step),
                            view(KILN_I64, {2}, counts)};
  ASSERT_EQ(codeOf(kiln_checkpoint_save(path.c_str(), names, tensors, 3)),
            KILN_OK);
  float buffer[6] = {};
  float untouched = -1;
  const char *pair[2] = {"step", "dense.weight"};
  kiln_tensor wrongShape[2] = {view(KILN_F32, {}, &untouched),
                               view(KILN_F32, {3, 2}, buffer)};
  EXPECT_EQ(codeOf(kiln_checkpoint_load(path.c_str(), pair, wrongShape, 2)),
            KILN_SHAPE_MISMATCH);
  EXPECT_EQ(untouched, -1.0f); // nothing is copied unless everything matches
  kiln_tensor wrongType[1] = {view(KILN_F64, {2}, buffer)};
  EXPECT_EQ(codeOf(kiln_checkpoint_load(path.c_str(), names + 2, wrongType, 1)),
            KILN_TYPE_MISMATCH);
  const char *missing[1] = {"dense.bias"};
  kiln_tensor one[1] = {view(KILN_F32, {}, buffer)};
  EXPECT_EQ(codeOf(kiln_checkpoint_load(path.c_str(), missing, one, 1)),
            KILN_NOT_FOUND);
}

TEST_F(CheckpointTest, DetectsCorruptionAndTruncation) {
  kiln_tensor tensors[1] = {view(KILN_F32, {2, 3}, weight)};
  ASSERT_EQ(codeOf(kiln_checkpoint_save(path.c_str(), names, tensors, 1)),
            KILN_OK);
  std::string bytes;
  {
    std::ifstream in(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  float buffer[6] = {};
  kiln_tensor into[1] = {view(KILN_F32, {2, 3}, buffer)};
  for (const std::string &broken :
       {bytes.substr(0, bytes.size() - 5),
        std::string(bytes).replace(40, 1, "\x7f"), std::string("KILN")}) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << broken;
    kiln_status *status = kiln_checkpoint_load(path.c_str(), names, into, 1);
    EXPECT_EQ(kiln_status_code(status), KILN_IO_ERROR)
        << kiln_status_message(status);
    kiln_status_free(status);
  }
}

TEST_F(CheckpointTest, RejectsBadArguments) {
  kiln_tensor tensors[2] = {view(KILN_F32, {}, &step),
                            view(KILN_F32, {}, &step)};
  const char *duplicate[2] = {"step", "step"};
  EXPECT_EQ(codeOf(kiln_checkpoint_save(path.c_str(), duplicate, tensors, 2)),
            KILN_INVALID_ARGUMENT);
  EXPECT_EQ(codeOf(kiln_checkpoint_save(nullptr, names, tensors, 1)),
            KILN_INVALID_ARGUMENT);
  const char *empty[1] = {""};
  EXPECT_EQ(codeOf(kiln_checkpoint_save(path.c_str(), empty, tensors, 1)),
            KILN_INVALID_ARGUMENT);
  std::string missingDir = dir + "/no/such/dir/state.ckpt";
  EXPECT_EQ(codeOf(kiln_checkpoint_save(missingDir.c_str(), names + 1,
                                        tensors, 1)),
            KILN_IO_ERROR);
  EXPECT_TRUE(entries().empty());
}

} // namespace

//===- AddCallTest.cpp - Calling `add`, alone and from many threads -------===//

#include "AddArtifactTest.h"

#include <atomic>
#include <thread>

namespace {

using namespace kiln::test;

class AddCallTest : public AddArtifactTest {};

TEST_P(AddCallTest, DescribesTheAddSignature) {
  ASSERT_EQ(kiln_function_input_count(add), 2u);
  ASSERT_EQ(kiln_function_output_count(add), 1u);
  const kiln_tensor_desc *descs[] = {kiln_function_input(add, 0),
                                     kiln_function_input(add, 1),
                                     kiln_function_output(add, 0)};
  const char *names[] = {"a", "b", "y"};
  for (int i = 0; i < 3; ++i) {
    EXPECT_STREQ(descs[i]->name, names[i]);
    EXPECT_EQ(descs[i]->dtype, KILN_F32);
    EXPECT_EQ(descs[i]->rank, 2);
    EXPECT_EQ(descs[i]->dims[0], -1);
    EXPECT_EQ(descs[i]->dims[1], 4);
  }
  EXPECT_EQ(kiln_function_is_batched(add), 1);
}

TEST_P(AddCallTest, AddsForSeveralBatchSizes) {
  for (int64_t batch : {1, 2, 7, 64}) {
    std::vector<float> a(batch * 4), b(batch * 4), y(batch * 4, -1.0f);
    for (size_t i = 0; i < a.size(); ++i) {
      a[i] = 0.5f * static_cast<float>(i);
      b[i] = 100.0f - static_cast<float>(i);
    }
    kiln_tensor inputs[] = {view(a, batch), view(b, batch)};
    kiln_tensor output{};
    ASSERT_KILN_OK(kiln_function_output_shape(add, 0, batch, &output));
    ASSERT_EQ(kiln_tensor_byte_size(&output), y.size() * sizeof(float));
    output.data = y.data();
    ASSERT_KILN_OK(kiln_function_call(add, inputs, 2, &output, 1));
    for (size_t i = 0; i < y.size(); ++i)
      ASSERT_EQ(y[i], a[i] + b[i]) << "batch " << batch << ", element " << i;
  }
}

TEST_P(AddCallTest, ConcurrentCallsFromEightThreads) {
  constexpr int kThreads = 8;
  constexpr int kCallsPerThread = 200;
  std::atomic<int> failures{0};
  std::vector<std::string> firstError(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      const int64_t batch = 1 + t * 3;
      std::vector<float> a(batch * 4), b(batch * 4), y(batch * 4);
      kiln_tensor inputs[] = {view(a, batch), view(b, batch)};
      kiln_tensor output = view(y, batch);
      for (int call = 0; call < kCallsPerThread; ++call) {
        for (size_t i = 0; i < a.size(); ++i) {
          a[i] = static_cast<float>(t * 1000 + call);
          b[i] = static_cast<float>(i);
        }
        kiln_status *status = kiln_function_call(add, inputs, 2, &output, 1);
        bool ok = status == nullptr;
        if (!ok && firstError[t].empty())
          firstError[t] = kiln_status_message(status);
        kiln_status_free(status);
        for (size_t i = 0; ok && i < y.size(); ++i)
          ok = y[i] == a[i] + b[i];
        if (!ok) {
          if (firstError[t].empty())
            firstError[t] = "wrong result in call " + std::to_string(call);
          failures.fetch_add(1);
        }
      }
    });
  }
  for (std::thread &thread : threads)
    thread.join();
  EXPECT_EQ(failures.load(), 0);
  for (int t = 0; t < kThreads; ++t)
    EXPECT_TRUE(firstError[t].empty())
        << "thread " << t << ": " << firstError[t];
}

INSTANTIATE_TEST_SUITE_P(Artifacts, AddCallTest,
                         ::testing::ValuesIn(addArtifactSources()),
                         addArtifactSourceName);

} // namespace

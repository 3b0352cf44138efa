//===- TestSupport.h - Helpers for the runtime's unit tests -----*- C++ -*-===//

#ifndef KILN_TEST_UNIT_RUNTIME_TESTSUPPORT_H
#define KILN_TEST_UNIT_RUNTIME_TESTSUPPORT_H

#include "kiln/runtime.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace kiln::test {

/// Takes ownership of `status`: success if it is NULL.
::testing::AssertionResult isOk(kiln_status *status);

/// Takes ownership of `status`: success if it has `code` and its message
/// contains every one of `fragments`.
::testing::AssertionResult
isError(kiln_status *status, kiln_status_code_t code,
        std::initializer_list<std::string> fragments = {});

struct ArtifactCloser {
  void operator()(kiln_artifact *artifact) const {
    kiln_artifact_close(artifact);
  }
};
using ArtifactPtr = std::unique_ptr<kiln_artifact, ArtifactCloser>;

/// Opens `path`, failing the current test (and returning NULL) on error.
ArtifactPtr openArtifact(const std::string &path);

/// Looks a function up, failing the current test on error.
const kiln_function *findFunction(const kiln_artifact *artifact,
                                  const char *name);

/// Paths of the fixture libraries built beside the tests.
std::string addFixturePath();
std::string multiFixturePath();
std::string wrongAbiFixturePath();
std::string malformedManifestFixturePath();
std::string missingEntryFixturePath();
std::string missingAbiVersionFixturePath();
std::string notAnArtifactFixturePath();

/// `name` in the folder of kilnc-compiled test artifacts: the environment
/// variable KILN_TEST_ARTIFACT_DIR if set, else the folder configured at
/// build time.
std::string compiledArtifactPath(const std::string &name);

/// The kiln-run executable.
std::string kilnRunPath();

/// Writes `contents` to a new file in a fresh temporary folder and returns
/// its path.
std::string writeTemporaryFile(const std::string &name,
                               const std::string &contents);

/// A fresh, empty temporary folder.
std::string makeTemporaryFolder();

bool fileExists(const std::string &path);

} // namespace kiln::test

#define EXPECT_KILN_OK(expr) EXPECT_TRUE(::kiln::test::isOk(expr))
#define ASSERT_KILN_OK(expr) ASSERT_TRUE(::kiln::test::isOk(expr))
#define EXPECT_KILN_ERROR(expr, code, ...)                                     \
  EXPECT_TRUE(::kiln::test::isError(expr, code, {__VA_ARGS__}))

#endif // KILN_TEST_UNIT_RUNTIME_TESTSUPPORT_H

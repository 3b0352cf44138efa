//===- TestSupport.cpp - Helpers for the runtime's unit tests -------------===//

#include "TestSupport.h"

#include <cstdlib>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

namespace kiln::test {

::testing::AssertionResult isOk(kiln_status *status) {
  if (!status)
    return ::testing::AssertionSuccess();
  ::testing::AssertionResult result =
      ::testing::AssertionFailure()
      << kiln_status_code_name(kiln_status_code(status)) << ": "
      << kiln_status_message(status);
  kiln_status_free(status);
  return result;
}

::testing::AssertionResult
isError(kiln_status *status, kiln_status_code_t code,
        std::initializer_list<std::string> fragments) {
  if (!status)
    return ::testing::AssertionFailure()
           << "expected " << kiln_status_code_name(code) << ", got success";
  std::string message = kiln_status_message(status);
  kiln_status_code_t got = kiln_status_code(status);
  kiln_status_free(status);
  if (got != code)
    return ::testing::AssertionFailure()
           << "expected " << kiln_status_code_name(code) << ", got "
           << kiln_status_code_name(got) << ": " << message;
  for (const std::string &fragment : fragments)
    if (message.find(fragment) == std::string::npos)
      return ::testing::AssertionFailure()
             << "message lacks \"" << fragment << "\": " << message;
  return ::testing::AssertionSuccess();
}

ArtifactPtr openArtifact(const std::string &path) {
  kiln_artifact *artifact = nullptr;
  EXPECT_KILN_OK(kiln_artifact_open(path.c_str(), &artifact));
  return ArtifactPtr(artifact);
}

const kiln_function *findFunction(const kiln_artifact *artifact,
                                  const char *name) {
  const kiln_function *fn = nullptr;
  EXPECT_KILN_OK(kiln_artifact_find_function(artifact, name, &fn));
  return fn;
}

std::string addFixturePath() { return KILN_TEST_ADD_FIXTURE; }
std::string multiFixturePath() { return KILN_TEST_MULTI_FIXTURE; }
std::string wrongAbiFixturePath() { return KILN_TEST_WRONG_ABI_FIXTURE; }
std::string malformedManifestFixturePath() {
  return KILN_TEST_MALFORMED_MANIFEST_FIXTURE;
}
std::string missingEntryFixturePath() {
  return KILN_TEST_MISSING_ENTRY_FIXTURE;
}
std::string missingAbiVersionFixturePath() {
  return KILN_TEST_MISSING_ABI_VERSION_FIXTURE;
}
std::string notAnArtifactFixturePath() {
  return KILN_TEST_NOT_AN_ARTIFACT_FIXTURE;
}

std::string compiledArtifactPath(const std::string &name) {
  const char *fromEnvironment = std::getenv("KILN_TEST_ARTIFACT_DIR");
  std::string folder = fromEnvironment && *fromEnvironment
                           ? fromEnvironment
                           : KILN_TEST_ARTIFACT_DIR;
  return folder + "/" + name;
}

std::string kilnRunPath() { return KILN_TEST_KILN_RUN; }

std::string makeTemporaryFolder() {
  std::string pattern = ::testing::TempDir() + "kiln_runtime_test_XXXXXX";
  if (!mkdtemp(pattern.data()))
    ADD_FAILURE() << "mkdtemp failed for " << pattern;
  return pattern;
}

std::string writeTemporaryFile(const std::string &name,
                               const std::string &contents) {
  std::string path = makeTemporaryFolder() + "/" + name;
  std::ofstream(path, std::ios::binary) << contents;
  return path;
}

bool fileExists(const std::string &path) {
  struct stat info;
  return stat(path.c_str(), &info) == 0;
}

} // namespace kiln::test

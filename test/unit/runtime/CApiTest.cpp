//===- CApiTest.cpp - The runtime API used from C99 -----------------------===//

#include "CApiCheck.h"

#include "TestSupport.h"

namespace {

TEST(CApiTest, CallsAddFromC) {
  EXPECT_EQ(kiln_c_api_check(kiln::test::addFixturePath().c_str()), 0);
}

TEST(CApiTest, ReportsOpenFailureFromC) {
  EXPECT_EQ(kiln_c_api_check("/nonexistent/add.so"), 1);
}

} // namespace

// The lean-header rule: the core headers (traits, steps, algorithms, verify,
// walkers, config and the singly and compact layouts) include neither Boost
// nor <vector>, <string>, <iostream>, <memory> or <functional> directly, and
// only the list_head layout includes Boost. (libstdc++'s <ranges> pulls in
// <string> transitively: the rule is about each header's own lines.)
#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

namespace {

std::vector<std::string> includes_of(const std::string& header) {
  std::ifstream in(std::string(KIN_INCLUDE_DIR) + "/" + header);
  EXPECT_TRUE(in) << "cannot open " << header;
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);) {
    // "#include <name>" or "#include \"name\"", spaces allowed around '#'.
    auto hash = line.find_first_not_of(" \t");
    if (hash == std::string::npos || line[hash] != '#') continue;
    auto word = line.find_first_not_of(" \t", hash + 1);
    if (word == std::string::npos || line.compare(word, 7, "include") != 0) continue;
    auto open = line.find_first_of("<\"", word + 7);
    auto close = open == std::string::npos ? open : line.find_first_of(">\"", open + 1);
    if (close != std::string::npos) out.push_back(line.substr(open + 1, close - open - 1));
  }
  return out;
}

TEST(LeanHeaders, CoreHeadersIncludeNoHeavyOrAllocatingHeaders) {
  const std::vector<std::string> forbidden = {"vector", "string", "iostream", "memory", "functional"};
  for (const char* header : {"kin/traits.hpp", "kin/steps.hpp", "kin/algorithms.hpp", "kin/verify.hpp",
                             "kin/walkers.hpp", "kin/config.hpp", "kin/layouts/singly.hpp",
                             "kin/layouts/compact.hpp", "kin/reverse.hpp", "kin/walk.hpp"}) {
    auto incs = includes_of(header);
    EXPECT_FALSE(incs.empty()) << header;
    for (const auto& inc : incs) {
      EXPECT_NE(inc.rfind("boost/", 0), 0u) << header << " includes " << inc;
      for (const auto& f : forbidden) EXPECT_NE(inc, f) << header << " includes <" << inc << ">";
    }
  }
}

TEST(LeanHeaders, OnlyTheListLayoutIncludesBoost) {
  bool list_uses_boost = false;
  for (const auto& inc : includes_of("kin/layouts/list.hpp")) list_uses_boost |= inc.rfind("boost/", 0) == 0;
  EXPECT_TRUE(list_uses_boost);
}

} // namespace

// SPDX-License-Identifier: BSL-1.0
// The include rules: (1) the core headers include neither Boost nor
// <vector>, <string>, <iostream>, <memory> or <functional> directly, and
// only the list_head layout includes Boost (libstdc++'s <ranges> pulls in
// <string> transitively: the rule is about each header's own lines);
// (2) every header's direct kin -> kin includes are exactly the allowed
// edges committed in docs/includes.md, and each points to a lower level.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace lean_headers_test {

const std::string kInclude = KIN_INCLUDE_DIR;

std::vector<std::string> includes_of(const std::string& header) {
  std::ifstream in(kInclude + "/" + header);
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
  for (const char* header :
       {"kin/config.hpp", "kin/traits.hpp", "kin/value_traits.hpp", "kin/detail/siblings.hpp", "kin/steps.hpp",
        "kin/queries.hpp", "kin/verify.hpp", "kin/algorithms.hpp", "kin/walkers.hpp", "kin/reverse.hpp",
        "kin/traverse.hpp", "kin/allocating.hpp", "kin/tree.hpp", "kin/layouts/singly.hpp",
        "kin/layouts/compact.hpp", "kin/layouts/list.hpp"}) {
    auto incs = includes_of(header);
    EXPECT_FALSE(incs.empty()) << header;
    for (const auto& inc : incs) {
      if (std::string(header) != "kin/layouts/list.hpp") {
        EXPECT_NE(inc.rfind("boost/", 0), 0u) << header << " includes " << inc;
      }
      for (const auto& f : forbidden) EXPECT_NE(inc, f) << header << " includes <" << inc << ">";
    }
  }
}

TEST(LeanHeaders, OnlyTheListLayoutIncludesBoost) {
  bool list_uses_boost = false;
  for (const auto& inc : includes_of("kin/layouts/list.hpp")) list_uses_boost |= inc.rfind("boost/", 0) == 0;
  EXPECT_TRUE(list_uses_boost);
}

struct graph_entry {
  int level = 0;
  std::set<std::string> includes;
};

// The block between the kin-include-graph markers of docs/includes.md:
// "LEVEL kin/header.hpp: kin/a.hpp kin/b.hpp".
std::map<std::string, graph_entry> documented_graph() {
  std::ifstream in(kInclude + "/../docs/includes.md");
  EXPECT_TRUE(in) << "cannot open docs/includes.md";
  std::map<std::string, graph_entry> out;
  bool inside = false;
  for (std::string line; std::getline(in, line);) {
    if (line.find("kin-include-graph:begin") != std::string::npos) inside = true;
    else if (line.find("kin-include-graph:end") != std::string::npos) inside = false;
    else if (inside && line.find(".hpp:") != std::string::npos) {
      std::istringstream words(line);
      graph_entry e;
      std::string header;
      words >> e.level >> header;
      header.pop_back(); // the ':'
      for (std::string inc; words >> inc;) e.includes.insert(inc);
      EXPECT_TRUE(out.emplace(header, e).second) << header << " is listed twice";
    }
  }
  return out;
}

TEST(LeanHeaders, IncludeGraphIsTheDocumentedOneAndPointsDown) {
  const auto graph = documented_graph();
  ASSERT_FALSE(graph.empty());
  std::set<std::string> headers;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(kInclude + "/kin")) {
    if (entry.path().extension() == ".hpp") {
      headers.insert(std::filesystem::relative(entry.path(), kInclude).generic_string());
    }
  }
  for (const auto& header : headers) {
    const auto found = graph.find(header);
    ASSERT_NE(found, graph.end()) << header << " is missing from docs/includes.md";
    std::set<std::string> actual;
    for (const auto& inc : includes_of(header)) {
      if (inc.rfind("kin/", 0) == 0) actual.insert(inc);
    }
    EXPECT_EQ(actual, found->second.includes) << "the kin includes of " << header << " differ from docs/includes.md";
    for (const auto& inc : actual) {
      const auto target = graph.find(inc);
      ASSERT_NE(target, graph.end()) << inc;
      EXPECT_LT(target->second.level, found->second.level) << header << " includes " << inc << ", which is not below it";
    }
  }
  for (const auto& [header, entry] : graph) {
    EXPECT_TRUE(headers.count(header)) << "docs/includes.md lists " << header << ", which does not exist";
  }
}

} // namespace lean_headers_test

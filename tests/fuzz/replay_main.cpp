// SPDX-License-Identifier: BSL-1.0
// The replay driver: runs a fuzz target's LLVMFuzzerTestOneInput on every
// file it is given, or every regular file of every directory it is given
// (sorted by name, not recursive), as libFuzzer would run one input. Built
// with the ordinary compiler and linked with one target, it makes the
// committed corpus and crashers ordinary tests (ctest fuzz_replay.<target>).
//   kin_fuzz_replay_<target> [--optional] PATH...
// A PATH that does not exist is an error (exit 2), unless it follows
// --optional: then it holds nothing (crashers/ usually does not exist).
// Exit 0 when every input ran; a failing input aborts in the target, after
// the driver named it on standard error.
#include "fuzz_support.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace {

namespace fs = std::filesystem;

bool read_file(const fs::path& path, std::vector<std::uint8_t>& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return !in.bad();
}

} // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s [--optional] FILE-OR-DIRECTORY...\n", argv[0]);
    return 2;
  }
  std::vector<fs::path> inputs;
  bool optional = false;
  for (int i = 1; i < argc; ++i) {
    if (std::string_view(argv[i]) == "--optional") {
      optional = true;
      continue;
    }
    const fs::path arg = argv[i];
    std::error_code ec;
    if (!fs::exists(arg, ec)) {
      if (optional) continue;
      std::fprintf(stderr, "%s: no such file or directory\n", argv[i]);
      return 2;
    }
    if (fs::is_directory(arg, ec)) {
      std::vector<fs::path> files;
      for (const auto& entry : fs::directory_iterator(arg))
        if (entry.is_regular_file()) files.push_back(entry.path());
      std::sort(files.begin(), files.end());
      inputs.insert(inputs.end(), files.begin(), files.end());
    } else {
      inputs.push_back(arg);
    }
  }
  std::vector<std::uint8_t> bytes;
  std::size_t total = 0;
  for (const fs::path& path : inputs) {
    if (!read_file(path, bytes)) {
      std::fprintf(stderr, "%s: cannot read\n", path.c_str());
      return 2;
    }
    std::fprintf(stderr, "%s\n", path.c_str()); // names the input before it may abort
    // An empty vector's data() may be null: libFuzzer passes a valid pointer.
    static const std::uint8_t none = 0;
    LLVMFuzzerTestOneInput(bytes.empty() ? &none : bytes.data(), bytes.size());
    total += bytes.size();
  }
  std::printf("replayed %zu inputs (%zu bytes)\n", inputs.size(), total);
  return 0;
}

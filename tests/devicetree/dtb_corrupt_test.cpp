// SPDX-License-Identifier: BSL-1.0
// Bad blobs: each header rule with its offset, then every truncation of
// the smallest real blob (256 sampled ones of the others) and byte flips.
// Every bad blob must be rejected cleanly with an offset inside the blob;
// a flip that leaves a valid blob must load into a well-formed tree. (libfdt
// is not instrumented: AddressSanitizer watches kin's side only.)
#include "dt_support.hpp"

#include <kin/adapters/dtb.hpp>

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace dtb_corrupt_test {

using namespace dt_support;
using hook = kin::list_hook<>;
using node = kin::device_node<hook>;

// The blob trimmed to its header's total size, in aligned memory.
blob trimmed(const char* stem) {
  blob b = read_blob(std::string(stem) + ".dtb");
  b.size = be32(b.bytes() + 4);
  return b;
}

// Loads `size` bytes of `b`: either a well-formed tree or an error with an
// offset in the buffer and a message. Returns whether it loaded.
bool load_cleanly(const blob& b, std::size_t size) {
  auto loaded = kin::load_dtb<hook>(b.data(), size);
  if (!loaded) {
    EXPECT_LE(loaded.error().offset, size) << loaded.error().message;
    EXPECT_FALSE(loaded.error().message.empty());
    return false;
  }
  EXPECT_TRUE(kin::verify<node::traits>(&loaded->root()));
  std::size_t n = 0;
  for (node* x = kin::of::find_all_nodes(&loaded->root(), nullptr); x; x = kin::of::find_all_nodes(&loaded->root(), x)) {
    ++n;
    if (x->phandle) {
      EXPECT_NE(loaded->find_by_phandle(x->phandle), nullptr);
    }
  }
  EXPECT_EQ(n, loaded->size());
  return true;
}

kin::dtb_error error_of(const blob& b, std::size_t size) {
  auto loaded = kin::load_dtb<hook>(b.data(), size);
  EXPECT_FALSE(loaded);
  return loaded ? kin::dtb_error{} : loaded.error();
}

TEST(DtbCorrupt, HeaderRulesHaveTheirOffsets) {
  const blob good = trimmed("riscv64-virt");
  const std::size_t total = good.size;
  {
    const auto e = error_of(good, 3);
    EXPECT_EQ(e.offset, 3u);
    EXPECT_NE(e.message.find("shorter than a blob header"), std::string::npos) << e.message;
  }
  {
    const auto e = error_of(good, 20);
    EXPECT_EQ(e.offset, 20u);
    EXPECT_NE(e.message.find("inside the blob header"), std::string::npos) << e.message;
  }
  auto patched = [&](std::size_t at, std::uint32_t v) {
    blob b = good;
    put_be32(b.bytes() + at, v);
    return b;
  };
  {
    const auto e = error_of(patched(0, 0xd00dfeef), total);
    EXPECT_EQ(e.offset, 0u);
    EXPECT_NE(e.message.find("bad magic"), std::string::npos) << e.message;
  }
  {
    const auto e = error_of(good, total - 1);
    EXPECT_EQ(e.offset, 4u);
    EXPECT_NE(e.message.find("past the end"), std::string::npos) << e.message;
  }
  {
    const auto e = error_of(patched(20, 15), total);
    EXPECT_EQ(e.offset, 20u);
    EXPECT_NE(e.message.find("older than 16"), std::string::npos) << e.message;
  }
  EXPECT_EQ(error_of(patched(24, 18), total).offset, 24u);
  EXPECT_EQ(error_of(patched(8, static_cast<std::uint32_t>(total) + 4), total).offset, 8u);
  EXPECT_EQ(error_of(patched(8, 42), total).offset, 8u); // misaligned
  EXPECT_EQ(error_of(patched(12, static_cast<std::uint32_t>(total) + 1), total).offset, 12u);
  EXPECT_EQ(error_of(patched(16, 44), total).offset, 16u);
  EXPECT_EQ(error_of(patched(32, static_cast<std::uint32_t>(total)), total).offset, 32u);
  EXPECT_EQ(error_of(patched(36, static_cast<std::uint32_t>(total)), total).offset, 36u);
  // The structure block: a bad token, an unterminated name, a bad name offset.
  const std::uint32_t off_struct = be32(good.bytes() + 8);
  {
    const auto e = error_of(patched(off_struct, 7), total);
    EXPECT_EQ(e.offset, off_struct);
    EXPECT_NE(e.message.find("bad structure token"), std::string::npos) << e.message;
    EXPECT_NE(e.message.find("libfdt"), std::string::npos) << e.message;
  }
  {
    // The first property of the root: its name offset past the strings.
    std::size_t prop = off_struct + 8; // BEGIN_NODE, "" padded
    ASSERT_EQ(be32(good.bytes() + prop), 3u);
    const auto e = error_of(patched(prop + 8, 0x7fffffff), total);
    EXPECT_EQ(e.offset, prop + 8);
    EXPECT_NE(e.message.find("strings block"), std::string::npos) << e.message;
    const auto v = error_of(patched(prop + 4, 0x7ffffff0), total);
    EXPECT_EQ(v.offset, prop + 4);
  }
  {
    // The structure block cut short (version 17 size): no END token.
    const std::uint32_t size_struct = be32(good.bytes() + 36);
    const auto e = error_of(patched(36, size_struct - 4), total);
    EXPECT_GE(e.offset, off_struct);
    EXPECT_LE(e.offset, off_struct + size_struct);
  }
  {
    // The last string of the strings block without its NUL.
    blob b = good;
    const std::uint32_t off_strings = be32(b.bytes() + 12), size_strings = be32(b.bytes() + 32);
    ASSERT_EQ(b.bytes()[off_strings + size_strings - 1], 0);
    b.bytes()[off_strings + size_strings - 1] = 'x';
    const auto e = error_of(b, total);
    EXPECT_NE(e.message.find("NUL"), std::string::npos) << e.message;
  }
  {
    // A node name running to the end of the structure block.
    blob b = good;
    const std::uint32_t size_struct = be32(b.bytes() + 36);
    put_be32(b.bytes() + 36, 12);
    std::memcpy(b.bytes() + off_struct + 4, "abcdefgh", 8);
    const auto e = error_of(b, total);
    EXPECT_EQ(e.offset, off_struct + 4) << e.message;
    (void)size_struct;
  }
  // A file longer than its total size: only totalsize bytes are read.
  blob longer = good;
  longer.resize(total + 100);
  std::memcpy(longer.bytes(), good.bytes(), total);
  std::memset(longer.bytes() + total, 0xff, 100);
  EXPECT_TRUE(load_cleanly(longer, total + 100));
}

TEST(DtbCorrupt, EveryTruncationOfTheSmallestBlobFails) {
  const blob good = trimmed("riscv64-virt");
  ASSERT_TRUE(load_cleanly(good, good.size));
  for (std::size_t size = 0; size < good.size; ++size) {
    // Truncated: the buffer ends before the total size.
    blob cut;
    cut.resize(size);
    std::memcpy(cut.bytes(), good.bytes(), size);
    ASSERT_FALSE(load_cleanly(cut, size)) << size;
    // Truncated with the header's total size patched to match.
    if (size >= 40) {
      put_be32(cut.bytes() + 4, static_cast<std::uint32_t>(size));
      ASSERT_FALSE(load_cleanly(cut, size)) << size;
    }
  }
}

TEST(DtbCorrupt, SampledTruncationsOfTheLargerBlobsFail) {
  for (const char* stem : {"aarch64-virt", "ppc-ppce500"}) {
    SCOPED_TRACE(stem);
    const blob good = trimmed(stem);
    const std::size_t used = std::size_t{be32(good.bytes() + 12)} + be32(good.bytes() + 32); // end of the strings
    ASSERT_LE(used, good.size);
    for (std::size_t k = 0; k < 256; ++k) {
      // Half the samples in the bytes that matter, half over the whole blob.
      const std::size_t size = k % 2 ? k * used / 256 : k * good.size / 256;
      ASSERT_FALSE(load_cleanly(good, size)) << size;
      if (size >= 40 && size < used) {
        blob cut = good;
        put_be32(cut.bytes() + 4, static_cast<std::uint32_t>(size));
        ASSERT_FALSE(load_cleanly(cut, size)) << size;
      }
    }
  }
}

TEST(DtbCorrupt, ByteFlipsFailCleanlyOrLoad) {
  {
    const blob good = trimmed("riscv64-virt");
    std::size_t loaded = 0, rejected = 0;
    blob b = good;
    for (std::size_t at = 0; at < good.size; ++at) {
      for (unsigned char mask : {0xffu, 0x01u, 0x80u}) {
        b.bytes()[at] ^= mask;
        (load_cleanly(b, b.size) ? loaded : rejected)++;
        b.bytes()[at] ^= mask;
      }
    }
    EXPECT_GT(loaded, 0u);
    EXPECT_GT(rejected, 0u);
  }
  for (const char* stem : {"aarch64-virt", "ppc-ppce500"}) {
    SCOPED_TRACE(stem);
    blob b = trimmed(stem);
    const std::size_t used = std::size_t{be32(b.bytes() + 12)} + be32(b.bytes() + 32);
    for (std::size_t k = 0; k < 256; ++k) {
      const std::size_t at = k * used / 256 + k % 7;
      b.bytes()[at] ^= 0xff;
      load_cleanly(b, b.size);
      b.bytes()[at] ^= 0xff;
    }
    EXPECT_TRUE(load_cleanly(b, b.size));
  }
}

} // namespace dtb_corrupt_test

// SPDX-License-Identifier: BSL-1.0
/// @file
/// @brief Flattened device tree blobs (DTB) in: kin::load_dtb builds a
/// kin::device_tree the way Linux unflattens a blob; kin::measure_dtb and
/// kin::load_dtb_into do it in caller storage, with no allocation at all.
///
/// ```cpp
/// #include <kin/layouts/list.hpp>
/// #include <kin/adapters/dtb.hpp>   // links libfdt: target kin::devicetree
/// auto loaded = kin::load_dtb<kin::list_hook<>>(blob.data(), blob.size());
/// if (!loaded) { std::fprintf(stderr, "byte %zu: %s\n", loaded.error().offset, loaded.error().message.c_str()); return 2; }
/// auto& dt = *loaded;                                   // kin::device_tree<kin::list_hook<>>
/// auto* cpu = kin::of::find_node_by_path(&dt.root(), "/cpus/cpu@0");
///
/// // Firmware: measure, then build into your own storage.
/// const kin::dtb_layout layout = kin::measure_dtb<kin::list_hook<>>(blob, size);
/// alignas(std::max_align_t) static unsigned char storage[64 * 1024];
/// if (layout && layout.bytes <= sizeof storage) {
///   auto in_place = kin::load_dtb_into<kin::list_hook<>>(blob, size, storage, sizeof storage);
/// }
/// ```
///
/// This is the only kin header that includes `<libfdt.h>` (Debian's
/// `libfdt-dev`); link `-lfdt`, or the CMake target `kin::devicetree`
/// (`find_package(kin COMPONENTS devicetree)`).
///
/// Checking: kin checks the header itself (every field it can give a byte
/// offset for), then calls libfdt's `fdt_check_full` on the blob's
/// `totalsize` bytes before any other libfdt call; when that fails, kin
/// walks the structure block itself to name the failing token and its
/// offset, and adds libfdt's `fdt_strerror` text. libfdt's own reads are
/// not instrumented: AddressSanitizer cannot see them, so the fuzz-style
/// tests (every truncation, byte flips) check kin's side only.
///
/// Building follows Linux (kin's reference notes, devicetree-and-acpi.md,
/// section 2.4; no kernel, dtc or libfdt code was used): nodes and their
/// children in blob order, properties in blob order with their values
/// pointing INTO the blob (**the blob must outlive the tree**), `full_name`
/// the unit name, the handle from `phandle` / `linux,phandle` (the first
/// wins) or `ibm,phandle` (which overrides), a `name` property synthesised
/// at the end of the list when the blob has none (the blob's own is kept),
/// and nodes deeper than 64 levels skipped with their subtrees and a
/// warning.
#ifndef KIN_ADAPTERS_DTB_HPP
#define KIN_ADAPTERS_DTB_HPP

#include <kin/config.hpp>
#include <kin/adapters/device_tree.hpp>
#include <kin/algorithms.hpp>
#include <kin/queries.hpp>
#include <kin/result.hpp>

#include <libfdt.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <utility>

namespace kin {

/// Why a blob was rejected.
struct dtb_error {
  std::size_t offset = 0; ///< the byte offset in the blob of what is wrong (0 for the whole blob or the storage)
  std::string message;    ///< one sentence
};

/// Options of the loaders.
struct dtb_options {
  /// The deepest level kept (the root is level 0): deeper nodes are
  /// skipped with their subtrees, with one warning per skipped subtree.
  /// Linux: 64.
  unsigned max_depth = 64;
};

/// What kin::measure_dtb found: the counts of the tree to build, and the
/// storage kin::load_dtb_into needs; or why the blob is rejected.
struct dtb_layout {
  std::size_t bytes = 0;      ///< storage for load_dtb_into<Hook> (from measure_dtb<Hook>; 0 from the untyped form)
  std::size_t nodes = 0;      ///< nodes kept (the root included)
  std::size_t properties = 0; ///< property records (synthesised `name`s included)
  std::size_t phandles = 0;   ///< kept nodes with a handle
  std::size_t name_bytes = 0; ///< bytes of synthesised `name` values (with their NULs)
  std::size_t warnings = 0;   ///< warnings the load will have (skipped subtrees)
  std::size_t totalsize = 0;  ///< the blob's size from its header (what is read of the buffer)
  dtb_error error;            ///< why it was rejected, when it was
  bool ok = false;            ///< whether the blob was accepted

  /// Whether the blob was accepted. @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI explicit operator bool() const noexcept { return ok; }

  /// The bytes load_dtb_into<Hook> needs for these counts.
  /// @requires the layout is ok. @throws_ Nothing. @complexity O(1)
  template <class Hook>
  KIN_HARDENING_ABI std::size_t bytes_for() const noexcept {
    return detail::device_tree_access<Hook>::layout(nodes, properties, phandles, name_bytes, 0).bytes;
  }
};

namespace detail {

inline constexpr std::uint32_t dtb_magic = 0xd00dfeedu;
inline constexpr std::uint32_t dtb_begin_node = 1, dtb_end_node = 2, dtb_prop = 3, dtb_nop = 4, dtb_end = 9;

KIN_HARDENING_ABI inline std::uint32_t dtb_be32(const unsigned char* p) noexcept {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | std::uint32_t{p[3]};
}

// A dtb_error with a printf-formatted message; "out of memory" (short
// enough for std::string's own buffer) when the message cannot be stored.
template <class... Args>
KIN_HARDENING_ABI dtb_error dtb_fail(std::size_t offset, const char* fmt, Args... args) noexcept {
  char buf[256];
  if constexpr (sizeof...(Args) == 0) {
    std::snprintf(buf, sizeof buf, "%s", fmt);
  } else {
    std::snprintf(buf, sizeof buf, fmt, args...);
  }
  dtb_error e;
  e.offset = offset;
#if defined(__cpp_exceptions)
  try {
    e.message = buf;
  } catch (...) {
    e.message = "out of memory";
  }
#else
  e.message = buf;
#endif
  return e;
}

struct dtb_header {
  std::uint32_t totalsize = 0, off_struct = 0, off_strings = 0, off_rsvmap = 0, version = 0, last_comp = 0;
  std::uint32_t size_strings = 0, size_struct = 0;
  std::size_t struct_end = 0; // where the structure block ends (totalsize for version 16)
};

// The header, every field with an offset checked here (libfdt checks the
// rest); the reservation map walked to its terminating entry.
KIN_HARDENING_ABI inline bool dtb_check_header(const unsigned char* b, std::size_t size, dtb_header& h,
                                               dtb_error& e) noexcept {
  if (!b) {
    e = dtb_fail(0, "no blob (a null pointer)");
    return false;
  }
  if (size < 4) {
    e = dtb_fail(size, "the buffer is %zu bytes long, shorter than a blob header (40 bytes)", size);
    return false;
  }
  const std::uint32_t magic = dtb_be32(b);
  if (magic != dtb_magic) {
    e = dtb_fail(0, "bad magic 0x%08x: a device tree blob starts with 0xd00dfeed", magic);
    return false;
  }
  if (size < 28) {
    e = dtb_fail(size, "the buffer ends at byte %zu, inside the blob header (40 bytes)", size);
    return false;
  }
  h.version = dtb_be32(b + 20);
  h.last_comp = dtb_be32(b + 24);
  if (h.version < 16) {
    e = dtb_fail(20, "version %u is older than 16, the oldest kin reads", h.version);
    return false;
  }
  if (h.last_comp > 17) {
    e = dtb_fail(24, "last compatible version %u is newer than 17, the newest kin reads", h.last_comp);
    return false;
  }
  if (h.version < h.last_comp) {
    e = dtb_fail(20, "version %u is older than the last compatible version %u", h.version, h.last_comp);
    return false;
  }
  const std::size_t header_size = h.version >= 17 ? 40 : 36;
  if (size < header_size) {
    e = dtb_fail(size, "the buffer ends at byte %zu, inside the %zu-byte header of a version %u blob", size,
                 header_size, h.version);
    return false;
  }
  h.totalsize = dtb_be32(b + 4);
  if (h.totalsize > size) {
    e = dtb_fail(4, "total size %u is past the end of the %zu-byte buffer (truncated blob)", h.totalsize, size);
    return false;
  }
  if (h.totalsize < header_size) {
    e = dtb_fail(4, "total size %u is smaller than the %zu-byte header", h.totalsize, header_size);
    return false;
  }
  const std::size_t total = h.totalsize;
  h.off_struct = dtb_be32(b + 8);
  h.off_strings = dtb_be32(b + 12);
  h.off_rsvmap = dtb_be32(b + 16);
  h.size_strings = dtb_be32(b + 32);
  h.size_struct = h.version >= 17 ? dtb_be32(b + 36) : 0;
  if (h.off_rsvmap < header_size || h.off_rsvmap % 8 != 0 || h.off_rsvmap > total) {
    e = dtb_fail(16, "memory reservation map offset %u is not an 8-byte aligned offset between the header and the "
                     "total size %zu", h.off_rsvmap, total);
    return false;
  }
  if (h.off_struct < header_size || h.off_struct % 4 != 0 || h.off_struct > total) {
    e = dtb_fail(8, "structure block offset %u is not a 4-byte aligned offset between the header and the total "
                    "size %zu", h.off_struct, total);
    return false;
  }
  if (h.version >= 17 && std::size_t{h.size_struct} > total - h.off_struct) {
    e = dtb_fail(36, "structure block size %u at offset %u runs past the total size %zu", h.size_struct,
                 h.off_struct, total);
    return false;
  }
  if (h.off_strings < header_size || h.off_strings > total) {
    e = dtb_fail(12, "strings block offset %u is not between the header and the total size %zu", h.off_strings,
                 total);
    return false;
  }
  if (std::size_t{h.size_strings} > total - h.off_strings) {
    e = dtb_fail(32, "strings block size %u at offset %u runs past the total size %zu", h.size_strings,
                 h.off_strings, total);
    return false;
  }
  h.struct_end = h.version >= 17 ? std::size_t{h.off_struct} + h.size_struct : total;
  for (std::size_t at = h.off_rsvmap;; at += 16) {
    if (total - at < 16) {
      e = dtb_fail(at, "the memory reservation map runs past the total size %zu without its terminating entry",
                   total);
      return false;
    }
    bool zero_size = true;
    for (std::size_t i = 8; i < 16; ++i) {
      zero_size &= b[at + i] == 0;
    }
    if (zero_size) {
      break;
    }
  }
  return true;
}

// After fdt_check_full failed: kin's own walk of the structure block, to
// find the token at fault and its offset. False (and `e` set) at the first
// fault; true when it finds none.
KIN_HARDENING_ABI inline bool dtb_locate_fault(const unsigned char* b, const dtb_header& h, dtb_error& e) noexcept {
  const std::size_t end = h.struct_end;
  std::size_t at = h.off_struct;
  std::size_t depth = 0;
  bool seen_root = false;
  for (;;) {
    if (end - at < 4) {
      e = dtb_fail(at, "the structure block ends at byte %zu before its END token (truncated)", end);
      return false;
    }
    const std::uint32_t tag = dtb_be32(b + at);
    if (tag == dtb_begin_node) {
      if (depth == 0 && seen_root) {
        e = dtb_fail(at, "a second root node");
        return false;
      }
      std::size_t n = at + 4;
      while (n < end && b[n] != 0) {
        ++n;
      }
      if (n == end) {
        e = dtb_fail(at + 4, "a node name that is not NUL-terminated inside the structure block");
        return false;
      }
      if (depth == 0 && n != at + 4) {
        e = dtb_fail(at + 4, "the root node has a name ('%.*s'): it must be empty", static_cast<int>(n - at - 4),
                     reinterpret_cast<const char*>(b + at + 4));
        return false;
      }
      seen_root = true;
      ++depth;
      at = (n + 1 + 3) / 4 * 4;
    } else if (tag == dtb_end_node) {
      if (depth == 0) {
        e = dtb_fail(at, "END_NODE with no node to end");
        return false;
      }
      --depth;
      at += 4;
    } else if (tag == dtb_prop) {
      if (depth == 0) {
        e = dtb_fail(at, "a property outside every node");
        return false;
      }
      if (end - at < 12) {
        e = dtb_fail(at, "a property header cut off by the end of the structure block (truncated)");
        return false;
      }
      const std::uint32_t length = dtb_be32(b + at + 4), name_off = dtb_be32(b + at + 8);
      if (std::size_t{length} > end - at - 12) {
        e = dtb_fail(at + 4, "a property value of %u bytes runs past the end of the structure block", length);
        return false;
      }
      if (name_off >= h.size_strings) {
        e = dtb_fail(at + 8, "property name offset %u is past the strings block (%u bytes)", name_off,
                     h.size_strings);
        return false;
      }
      const unsigned char* s = b + h.off_strings;
      std::size_t n = name_off;
      while (n < h.size_strings && s[n] != 0) {
        ++n;
      }
      if (n == h.size_strings) {
        e = dtb_fail(at + 8, "the property name at strings offset %u is not NUL-terminated inside the strings block",
                     name_off);
        return false;
      }
      at = (at + 12 + length + 3) / 4 * 4;
      if (at > end) {
        e = dtb_fail(end, "the padding of a property value runs past the end of the structure block");
        return false;
      }
    } else if (tag == dtb_nop) {
      at += 4;
    } else if (tag == dtb_end) {
      if (depth != 0) {
        e = dtb_fail(at, "the END token inside %zu open node(s)", depth);
        return false;
      }
      if (!seen_root) {
        e = dtb_fail(at, "the END token before any node: no root");
        return false;
      }
      return true;
    } else {
      e = dtb_fail(at, "bad structure token 0x%08x", tag);
      return false;
    }
  }
}

// The header checked by kin, then the whole blob by fdt_check_full. The
// blob must be 8-byte aligned by then (libfdt's rule).
KIN_HARDENING_ABI inline bool dtb_check(const unsigned char* b, std::size_t size, dtb_header& h,
                                        dtb_error& e) noexcept {
  if (!dtb_check_header(b, size, h, e)) {
    return false;
  }
  if (reinterpret_cast<std::uintptr_t>(b) % 8 != 0) {
    e = dtb_fail(0, "the blob is not 8-byte aligned in memory, as libfdt requires (copy it to aligned storage)");
    return false;
  }
  const int r = fdt_check_full(b, h.totalsize);
  if (r != 0) {
    dtb_error where;
    if (!dtb_locate_fault(b, h, where)) {
      e = dtb_fail(where.offset, "%s (libfdt: %s)", where.message.c_str(), fdt_strerror(r));
    } else {
      e = dtb_fail(h.off_struct, "libfdt rejects the structure block: %s", fdt_strerror(r));
    }
    return false;
  }
  return true;
}

// The kernel's synthesised `name` value: the unit name after its last '/',
// up to its last '@'.
KIN_HARDENING_ABI constexpr std::string_view dtb_base_name(std::string_view unit) noexcept {
  const std::size_t slash = unit.rfind('/');
  if (slash != std::string_view::npos) {
    unit.remove_prefix(slash + 1);
  }
  const std::size_t at = unit.rfind('@');
  return at == std::string_view::npos ? unit : unit.substr(0, at);
}

// Walks the nodes of a checked blob in blob order: `kept(offset, depth,
// unit name)` for every node at depth <= max_depth, `skipped(offset,
// depth, unit name)` for every node one level deeper (the root of a
// skipped subtree). Returns 0 or a libfdt error (negative).
template <class Kept, class Skipped>
KIN_HARDENING_ABI int dtb_walk(const void* fdt, unsigned max_depth, Kept&& kept, Skipped&& skipped) noexcept {
  int depth = -1;
  int off = fdt_next_node(fdt, -1, &depth);
  for (; off >= 0 && depth >= 0; off = fdt_next_node(fdt, off, &depth)) {
    int length = 0;
    const char* name = fdt_get_name(fdt, off, &length);
    if (!name) {
      return length < 0 ? length : -FDT_ERR_INTERNAL;
    }
    const std::string_view unit(name, static_cast<std::size_t>(length));
    const auto d = static_cast<unsigned>(depth);
    if (d <= max_depth) {
      if (const int r = kept(off, d, unit); r != 0) {
        return r;
      }
    } else if (d == max_depth + 1) {
      skipped(off, d, unit);
    }
  }
  return off == -FDT_ERR_NOTFOUND || off >= 0 ? 0 : off;
}

// Calls `f(name, value, length)` for each property of the node at `node`,
// in blob order. Returns 0 or a libfdt error.
template <class F>
KIN_HARDENING_ABI int dtb_each_property(const void* fdt, int node, F&& f) noexcept {
  int p = fdt_first_property_offset(fdt, node);
  for (; p >= 0; p = fdt_next_property_offset(fdt, p)) {
    const char* name = nullptr;
    int length = 0;
    const void* value = fdt_getprop_by_offset(fdt, p, &name, &length);
    if (!value || !name || length < 0) {
      return length < 0 ? length : -FDT_ERR_INTERNAL;
    }
    f(std::string_view(name), static_cast<const unsigned char*>(value), static_cast<std::size_t>(length));
  }
  return p == -FDT_ERR_NOTFOUND ? 0 : p;
}

// The first pass: the counts. The blob is checked.
KIN_HARDENING_ABI inline int dtb_count(const void* fdt, unsigned max_depth, dtb_layout& l) noexcept {
  return dtb_walk(
      fdt, max_depth,
      [&](int off, unsigned, std::string_view unit) noexcept {
        ++l.nodes;
        bool has_name = false;
        std::uint32_t handle = 0;
        const int r = dtb_each_property(fdt, off, [&](std::string_view name, const unsigned char* v, std::size_t n) {
          ++l.properties;
          has_name |= name == "name";
          // As dt_handle_of, one property at a time.
          if (n >= 4 && (((name == "phandle" || name == "linux,phandle") && handle == 0) || name == "ibm,phandle")) {
            handle = of::detail::be32(v);
          }
        });
        if (!has_name) {
          ++l.properties;
          l.name_bytes += dtb_base_name(unit).size() + 1;
        }
        l.phandles += handle != 0;
        return r;
      },
      [&](int, unsigned, std::string_view) noexcept { ++l.warnings; });
}

KIN_HARDENING_ABI inline dtb_layout dtb_measure(const unsigned char* b, std::size_t size, dtb_options o,
                                                dtb_header& h) noexcept {
  dtb_layout l;
  if (!dtb_check(b, size, h, l.error)) {
    return l;
  }
  l.totalsize = h.totalsize;
  if (const int r = dtb_count(b, o.max_depth, l); r != 0) {
    l = dtb_layout{};
    l.error = dtb_fail(h.off_struct, "libfdt could not walk the structure block: %s", fdt_strerror(r));
    return l;
  }
  if (l.nodes == 0) {
    l = dtb_layout{};
    l.error = dtb_fail(h.off_struct, "the blob has no root node");
    return l;
  }
  l.ok = true;
  return l;
}

// The second pass: fills a started tree from a checked blob whose counts
// are `l`. Warnings go to `warn(offset, depth, unit)`.
template <class Hook, class Warn>
KIN_HARDENING_ABI int dtb_fill(const unsigned char* b, std::size_t off_struct, unsigned max_depth,
                               device_tree<Hook>& t, const dt_block_layout& l, Warn&& warn) noexcept {
  using access = device_tree_access<Hook>;
  using node = device_node<Hook>;
  using R = typename node::traits;
  dt_property* props = access::properties(t, l);
  char* names = access::names(t, l);
  std::size_t next_node = 0;
  node* prev = nullptr; // the last node built
  unsigned prev_depth = 0;
  return dtb_walk(
      b, max_depth,
      [&](int off, unsigned depth, std::string_view unit) noexcept {
        node& n = t.node_at(next_node++);
        n.full_name = unit;
        n.properties = props;
        bool has_name = false;
        const int r = dtb_each_property(b, off, [&](std::string_view name, const unsigned char* v, std::size_t len) {
          props[n.property_count++] = dt_property{name, v, len};
          if (name == "name" && !has_name) {
            has_name = true;
            n.name = dt_property_string(props[n.property_count - 1]);
          }
        });
        if (r != 0) {
          return r;
        }
        if (!has_name) {
          const std::string_view base = dtb_base_name(unit);
          std::memcpy(names, base.data(), base.size());
          names[base.size()] = '\0';
          props[n.property_count++] =
              dt_property{"name", reinterpret_cast<const unsigned char*>(names), base.size() + 1};
          n.name = std::string_view(names, base.size());
          names += base.size() + 1;
        }
        props += n.property_count;
        n.phandle = dt_handle_of(n.properties, n.property_count);
        if (n.phandle != 0) {
          access::index(t, &n);
        }
        if (prev) {
          // The new node's parent is `prev` (one level down) or one of its
          // ancestors; its previous sibling, if any, is the ancestor of
          // `prev` at its own depth. Each climb passes a finished subtree.
          node* sibling = nullptr;
          node* parent = prev;
          if (depth <= prev_depth) {
            sibling = prev;
            for (unsigned d = prev_depth; d > depth; --d) {
              sibling = kin::parent<R>(sibling);
            }
            parent = kin::parent<R>(sibling);
          }
          if (sibling) {
            kin::link_after<R>(sibling, &n);
          } else {
            kin::link_first_child<R>(parent, &n);
          }
        }
        prev = &n;
        prev_depth = depth;
        return 0;
      },
      [&](int off, unsigned depth, std::string_view unit) noexcept {
        warn(off_struct + static_cast<std::size_t>(off), depth, unit);
      });
}

template <class Hook>
KIN_HARDENING_ABI dtb_error dtb_out_of_memory(std::size_t nodes, std::size_t bytes) noexcept {
  return dtb_fail(0, "out of memory for a tree of %zu nodes (%zu bytes)", nodes, bytes);
}

} // namespace detail

/// Checks a blob and counts what its tree needs: nodes, property records,
/// handles, synthesised name bytes, warnings. Nothing is allocated (but the
/// error's message). `bytes` is 0: use measure_dtb<Hook> or bytes_for<Hook>.
/// @requires `blob` points to `size` readable bytes, 8-byte aligned.
/// @returns the layout, `ok`; or, not `ok`, with `error` (as load_dtb's).
/// @throws_ Nothing. @complexity O(totalsize)
KIN_HARDENING_ABI inline dtb_layout measure_dtb(const void* blob, std::size_t size, dtb_options options = {}) noexcept {
  detail::dtb_header h;
  return detail::dtb_measure(static_cast<const unsigned char*>(blob), size, options, h);
}

/// measure_dtb, with `bytes` set to the storage load_dtb_into<Hook> needs.
/// @requires as measure_dtb. @returns as measure_dtb.
/// @throws_ Nothing. @complexity O(totalsize)
template <class Hook>
KIN_HARDENING_ABI dtb_layout measure_dtb(const void* blob, std::size_t size, dtb_options options = {}) noexcept {
  dtb_layout l = measure_dtb(blob, size, options);
  if (l) {
    l.bytes = l.bytes_for<Hook>();
  }
  return l;
}

/// Loads a blob into a new kin::device_tree, in one allocation: nodes,
/// property records, synthesised names, the phandle index (and a copy of
/// the blob when `blob` is not 8-byte aligned, which libfdt needs; an
/// aligned blob is not copied).
///
/// Rejected, with the byte offset and a message: a buffer shorter than the
/// header; a bad magic; a total size past the buffer (a buffer LONGER than
/// the total size is fine: only `totalsize` bytes are read); a version
/// below 16 or a last compatible version above 17; a block offset or size
/// out of range; a memory reservation map without its terminating entry;
/// then whatever fdt_check_full rejects (a node name or property name not
/// NUL-terminated, a truncated structure block, a bad token, bad nesting),
/// located by kin's own walk and with libfdt's text. Nothing is built then.
/// Accepted with a warning (offset and message): a node deeper than
/// `options.max_depth` (64), skipped with its subtree.
/// @requires `blob` points to `size` readable bytes, which outlive the
/// tree when the blob is 8-byte aligned (the values and names point into
/// it).
/// @returns the tree, or the dtb_error; out of memory is a dtb_error too
/// (offset 0), never an exception.
/// @throws_ Nothing.
/// @complexity O(totalsize): the check, a counting pass and a building
/// pass over the structure block (the nodes' links in O(1) each).
template <class Hook>
KIN_HARDENING_ABI result<device_tree<Hook>, dtb_error> load_dtb(const void* blob, std::size_t size,
                                                                dtb_options options = {}) noexcept {
  using access = detail::device_tree_access<Hook>;
  const auto* b = static_cast<const unsigned char*>(blob);
  // A misaligned blob: checked and measured from an aligned copy, then
  // copied again into the tree's block, which owns it from then on.
  std::unique_ptr<std::uint64_t[]> aligned;
  if (b && reinterpret_cast<std::uintptr_t>(b) % 8 != 0) {
    detail::dtb_header h0;
    dtb_error e;
    if (!detail::dtb_check_header(b, size, h0, e)) {
      return e;
    }
    aligned.reset(new (std::nothrow) std::uint64_t[(h0.totalsize + 7) / 8]);
    if (!aligned) {
      return detail::dtb_fail(0, "out of memory for an aligned copy of the %u-byte blob", h0.totalsize);
    }
    std::memcpy(aligned.get(), b, h0.totalsize);
    b = reinterpret_cast<const unsigned char*>(aligned.get());
    size = h0.totalsize;
  }
  detail::dtb_header h;
  dtb_layout counts = detail::dtb_measure(b, size, options, h);
  if (!counts) {
    return std::move(counts.error);
  }
  const std::size_t copy = aligned ? std::size_t{h.totalsize} : 0;
  const detail::dt_block_layout l =
      access::layout(counts.nodes, counts.properties, counts.phandles, counts.name_bytes, copy);
  auto* block = static_cast<unsigned char*>(
      ::operator new[](l.bytes, std::align_val_t{device_tree<Hook>::block_alignment}, std::nothrow));
  if (!block) {
    return detail::dtb_out_of_memory<Hook>(counts.nodes, l.bytes);
  }
  device_tree<Hook> t = access::start(block, true, l);
  if (aligned) {
    std::memcpy(access::extra(t, l), b, copy);
    b = access::extra(t, l);
    aligned.reset();
  }
  bool out_of_memory = false;
  auto& warnings = access::warnings(t);
  const int r = detail::dtb_fill<Hook>(b, h.off_struct, options.max_depth, t, l,
                                       [&](std::size_t offset, unsigned depth, std::string_view unit) noexcept {
                                         access::count_warning(t);
                                         dtb_error m = detail::dtb_fail(
                                             offset,
                                             "node '%.*s' is at depth %u, deeper than %u: skipped with its subtree "
                                             "(as Linux does)",
                                             static_cast<int>(unit.size()), unit.data(), depth, options.max_depth);
#if defined(__cpp_exceptions)
                                         try {
                                           warnings.push_back(dt_warning{m.offset, std::move(m.message)});
                                         } catch (...) {
                                           out_of_memory = true;
                                         }
#else
                                         warnings.push_back(dt_warning{m.offset, std::move(m.message)});
#endif
                                       });
  if (r != 0) {
    return detail::dtb_fail(h.off_struct, "libfdt could not walk the structure block: %s", fdt_strerror(r));
  }
  if (out_of_memory) {
    return detail::dtb_fail(0, "out of memory for the warnings");
  }
  return t;
}

/// Loads a blob into storage the caller lends, with no allocation at all
/// (the tree's warnings() stays empty: warnings are only counted, in
/// warning_count(); the offsets are lost, the count is exact). Two passes
/// for firmware: measure_dtb<Hook> gives the bytes needed.
/// @requires `blob` points to `size` readable bytes, 8-byte aligned (not
/// copied: it must outlive the tree); `storage` points to `bytes` writable
/// bytes aligned to device_tree<Hook>::block_alignment (alignof
/// std::max_align_t for kin's hooks), not used for anything else while the
/// tree lives.
/// @returns the tree (uses_caller_storage()), or the dtb_error: as
/// load_dtb's, plus a misaligned blob or storage (offset 0) and storage
/// shorter than needed (offset 0, the bytes needed in the message). Only
/// an error's message allocates (a std::string).
/// @throws_ Nothing.
/// @complexity O(totalsize), as load_dtb.
template <class Hook>
KIN_HARDENING_ABI result<device_tree<Hook>, dtb_error> load_dtb_into(const void* blob, std::size_t size,
                                                                     void* storage, std::size_t bytes,
                                                                     dtb_options options = {}) noexcept {
  using access = detail::device_tree_access<Hook>;
  const auto* b = static_cast<const unsigned char*>(blob);
  detail::dtb_header h;
  dtb_layout counts = detail::dtb_measure(b, size, options, h);
  if (!counts) {
    return std::move(counts.error);
  }
  const detail::dt_block_layout l =
      access::layout(counts.nodes, counts.properties, counts.phandles, counts.name_bytes, 0);
  if (!storage || reinterpret_cast<std::uintptr_t>(storage) % device_tree<Hook>::block_alignment != 0) {
    return detail::dtb_fail(0, "the storage is not aligned to %zu bytes", device_tree<Hook>::block_alignment);
  }
  if (bytes < l.bytes) {
    return detail::dtb_fail(0, "the storage is %zu bytes, short of the %zu bytes this tree needs (measure_dtb)",
                            bytes, l.bytes);
  }
  device_tree<Hook> t = access::start(static_cast<unsigned char*>(storage), false, l);
  const int r = detail::dtb_fill<Hook>(b, h.off_struct, options.max_depth, t, l,
                                       [&](std::size_t, unsigned, std::string_view) noexcept {
                                         access::count_warning(t);
                                       });
  if (r != 0) {
    return detail::dtb_fail(h.off_struct, "libfdt could not walk the structure block: %s", fdt_strerror(r));
  }
  return t;
}

} // namespace kin

#endif // KIN_ADAPTERS_DTB_HPP

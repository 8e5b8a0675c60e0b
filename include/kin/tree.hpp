/// @file
/// @brief kin::tree: the typed facade. A view of one user-owned root value
/// (like the kernel's `iomem_resource`, the device tree's `/`, ACPI's `\`),
/// with no hidden header node, whose ranges yield `T&` and whose algorithms
/// take `T&`.
///
/// ```cpp
/// struct region {
///   kin::compact_hook hook;                 // a member hook ...
///   unsigned long start, end;
/// };
/// using tree = kin::tree<region, kin::member_hook<&region::hook>>;
///
/// region root{{}, 0, ~0UL}, ram{{}, 0x1000, 0x9ffff};
/// tree t(root);
/// t.link_last_child(root, ram);
/// for (region& r : t.descendants()) ...     // T&, not hooks
/// for (region& r : t.children_reverse()) ...
/// t.clear_and_dispose([](region& r) { /* free r if it was allocated */ });
///
/// struct node : kin::list_hook { int id; }; // ... or a base hook
/// using list_tree = kin::tree<node, kin::base_hook<kin::list_hook>>;
/// ```
///
/// The tree owns nothing: it holds a pointer to the root, and every node is
/// the caller's. Copying a kin::tree copies that pointer. Safe mode
/// (`KIN_SAFE_MODE`) checks linking a linked node, unlinking an unlinked one
/// and moving a node under its own descendant, in the algorithms the facade
/// calls. Member-hook access is a pointer adjustment that constant
/// evaluation forbids: use base hooks, or kin::const_traits over the hooks,
/// for `constexpr` trees.
#ifndef KIN_TREE_HPP
#define KIN_TREE_HPP

#include <kin/algorithms.hpp>
#include <kin/allocating.hpp>
#include <kin/reverse.hpp>
#include <kin/traits.hpp>
#include <kin/verify.hpp>
#include <kin/walk.hpp>
#include <kin/walkers.hpp>

#include <bit>
#include <cstddef>
#include <iterator>
#include <ranges>
#include <type_traits>
#include <utility>

namespace kin {

/// Hook option: `T` derives from `Hook` (one base hook of a given type per
/// class). Hook to value is a `static_cast`.
template <class Hook>
struct base_hook {
  /// The hook type.
  using hook_type = Hook;
  /// The hook of `v`. @complexity O(1)
  template <class T>
  static constexpr Hook* to_hook(T* v) noexcept {
    return v;
  }
  /// The value whose hook is `h`. @complexity O(1)
  template <class T>
  static constexpr T* to_value(Hook* h) noexcept {
    return static_cast<T*>(h);
  }
};

/// Hook option: the hook is the data member `Member` of `T`
/// (`kin::member_hook<&region::hook>`). A class may hold several hooks, one
/// per tree it belongs to.
template <auto Member>
struct member_hook;

/// @cond
template <class T, class Hook, Hook T::*Member>
struct member_hook<Member> {
  using hook_type = Hook;
  using value_type = T;
  template <class U>
  static Hook* to_hook(U* v) noexcept {
    return &(v->*Member);
  }
  template <class U>
  static U* to_value(Hook* h) noexcept {
    // On the Itanium C++ ABI (GCC, Clang) a pointer to data member holds the
    // member's byte offset: the container_of step without offsetof, which
    // is not defined for the non-standard-layout classes hooks make.
    static_assert(sizeof(Member) == sizeof(std::ptrdiff_t), "needs the Itanium C++ ABI");
    const std::ptrdiff_t offset = std::bit_cast<std::ptrdiff_t>(Member);
    return reinterpret_cast<U*>(reinterpret_cast<char*>(h) - offset);
  }
};
/// @endcond

namespace detail {

template <class It>
concept iterator_with_depth = requires(const It& i) { i.depth(); };
template <class It>
concept iterator_with_skip = requires(It& i) { i.skip_children(); };

} // namespace detail

/// Iterator that turns a hook iterator into a `T&` iterator; keeps
/// `depth()` and `skip_children()` where the underlying walk has them.
template <class Base, class Option, class T>
class typed_iterator {
public:
  /// Bidirectional when the underlying iterator is, else forward.
  using iterator_concept = std::conditional_t<std::bidirectional_iterator<Base>, std::bidirectional_iterator_tag,
                                              std::forward_iterator_tag>;
  /// Same as iterator_concept.
  using iterator_category = iterator_concept;
  /// The user's type.
  using value_type = T;
  /// A reference to the user's value.
  using reference = T&;
  /// Signed distance type.
  using difference_type = std::ptrdiff_t;

  /// A singular iterator.
  constexpr typed_iterator() = default;
  /// Wraps `base`.
  constexpr explicit typed_iterator(Base base) noexcept : base_(std::move(base)) {}

  /// The value the iterator stands on. @complexity O(1)
  constexpr T& operator*() const noexcept { return *Option::template to_value<T>(*base_); }
  /// The value the iterator stands on. @complexity O(1)
  constexpr T* operator->() const noexcept { return Option::template to_value<T>(*base_); }
  /// The underlying hook iterator. @complexity O(1)
  constexpr const Base& base() const noexcept { return base_; }

  /// Steps forward. @complexity as the underlying walk's.
  constexpr typed_iterator& operator++() noexcept {
    ++base_;
    return *this;
  }
  /// Steps forward, returning the old position.
  constexpr typed_iterator operator++(int) noexcept {
    typed_iterator old = *this;
    ++base_;
    return old;
  }
  /// Steps back. Only when the underlying iterator is bidirectional.
  constexpr typed_iterator& operator--() noexcept
    requires std::bidirectional_iterator<Base>
  {
    --base_;
    return *this;
  }
  /// Steps back, returning the old position. Only when bidirectional.
  constexpr typed_iterator operator--(int) noexcept
    requires std::bidirectional_iterator<Base>
  {
    typed_iterator old = *this;
    --base_;
    return old;
  }
  /// Depth below the walk's root. Only on walks that track it.
  constexpr std::ptrdiff_t depth() const noexcept
    requires detail::iterator_with_depth<Base>
  {
    return base_.depth();
  }
  /// Skips the current node's subtree. Only on walks that offer it.
  constexpr typed_iterator& skip_children() noexcept
    requires detail::iterator_with_skip<Base>
  {
    base_.skip_children();
    return *this;
  }
  /// Equal when the underlying iterators are.
  friend constexpr bool operator==(const typed_iterator& a, const typed_iterator& b) noexcept {
    return a.base_ == b.base_;
  }

private:
  Base base_{};
};

/// A walk of hooks presented as a range of `T&`.
template <class View, class Option, class T>
class typed_view : public std::ranges::view_interface<typed_view<View, Option, T>> {
public:
  /// The iterator.
  using iterator = typed_iterator<std::ranges::iterator_t<const View>, Option, T>;
  /// An empty view (when the underlying view can be default-constructed).
  constexpr typed_view() = default;
  /// Wraps `view`.
  constexpr explicit typed_view(View view) noexcept : view_(std::move(view)) {}
  /// The first value. @complexity O(1)
  constexpr iterator begin() const noexcept { return iterator(std::ranges::begin(view_)); }
  /// The end. @complexity O(1)
  constexpr iterator end() const noexcept { return iterator(std::ranges::end(view_)); }
  /// The underlying walk of hooks (for needed(), fits(), ok()).
  constexpr const View& base() const noexcept { return view_; }

private:
  View view_{};
};

/// The typed facade over one user-owned root. `HookOption` is
/// kin::base_hook or kin::member_hook; the layout comes from the hook type.
template <class T, class HookOption>
class tree {
public:
  /// The user's node type.
  using value_type = T;
  /// The hook option.
  using hook_option = HookOption;
  /// The hook type embedded in `T`.
  using hook_type = typename HookOption::hook_type;
  /// The layout's traits.
  using traits = typename hook_type::traits;
  /// Pointer to a hook: what `kin::collect` storage holds
  /// (`tree::node_ptr buf[64]; t.preorder_reverse(kin::collect(buf))`).
  using node_ptr = typename traits::node_ptr;

  /// A view of the tree rooted at `root` (which stays the caller's).
  constexpr explicit tree(T& root) noexcept : root_(&root) {}

  /// The hook of `v`. @complexity O(1)
  static constexpr node_ptr to_hook(T& v) noexcept { return HookOption::to_hook(&v); }
  /// The value whose hook is `h` (null for null). @complexity O(1)
  static constexpr T* to_value(node_ptr h) noexcept { return h ? HookOption::template to_value<T>(h) : nullptr; }

  /// The root. @complexity O(1)
  constexpr T& root() const noexcept { return *root_; }
  /// Whether the root has no children. @complexity O(1)
  constexpr bool empty() const noexcept { return traits::get_first_child(hook(*root_)) == nullptr; }

  // ---- queries

  /// The parent of `n`, or null. @complexity O(1)
  constexpr T* parent(T& n) const noexcept { return to_value(traits::get_parent(hook(n))); }
  /// The first child of `n`, or null. @complexity O(1)
  constexpr T* first_child(T& n) const noexcept { return to_value(traits::get_first_child(hook(n))); }
  /// The last child of `n`, or null. @complexity O(1), O(children) on singly linked layouts.
  constexpr T* last_child(T& n) const noexcept { return to_value(kin::last_child<traits>(hook(n))); }
  /// The next sibling of `n`, or null. @complexity O(1)
  constexpr T* next_sibling(T& n) const noexcept { return to_value(traits::get_next_sibling(hook(n))); }
  /// The previous sibling of `n`, or null. @complexity O(1), O(siblings) on singly linked layouts.
  constexpr T* prev_sibling(T& n) const noexcept { return to_value(kin::prev_sibling<traits>(hook(n))); }
  /// Whether `n` is linked into a tree (has a parent, or on the list_head
  /// layout a non-null sibling ring). @complexity O(1)
  constexpr bool is_linked(T& n) const noexcept { return traits::is_linked(hook(n)); }
  /// The number of children of `n`. @complexity O(children)
  constexpr std::size_t child_count(T& n) const noexcept { return kin::child_count<traits>(hook(n)); }
  /// The number of ancestors of `n`. @complexity O(depth)
  constexpr std::size_t depth(T& n) const noexcept { return kin::depth<traits>(hook(n)); }
  /// Whether `a` is a proper ancestor of `n`. @complexity O(depth of `n`)
  constexpr bool is_ancestor(T& a, T& n) const noexcept { return kin::is_ancestor<traits>(hook(a), hook(n)); }
  /// kin::verify over the whole tree. @complexity O(size)
  constexpr auto verify() const noexcept { return kin::verify<traits>(hook(*root_)); }

  // ---- algorithms (contracts as in kin/algorithms.hpp)

  /// Makes unlinked `n` the first child of `p`. @complexity O(1)
  constexpr void link_first_child(T& p, T& n) const noexcept { kin::link_first_child<traits>(hook(p), hook(n)); }
  /// Makes unlinked `n` the last child of `p`.
  /// @complexity O(1), O(children) on singly linked layouts.
  constexpr void link_last_child(T& p, T& n) const noexcept { kin::link_last_child<traits>(hook(p), hook(n)); }
  /// Makes unlinked `n` the next sibling of `pos`. @complexity O(1)
  constexpr void link_after(T& pos, T& n) const noexcept { kin::link_after<traits>(hook(pos), hook(n)); }
  /// Makes unlinked `n` the previous sibling of `pos`.
  /// @complexity O(1), O(siblings) on singly linked layouts.
  constexpr void link_before(T& pos, T& n) const noexcept { kin::link_before<traits>(hook(pos), hook(n)); }
  /// Detaches `n` with its subtree. @complexity O(1), O(siblings) on singly linked layouts.
  constexpr void unlink(T& n) const noexcept { kin::unlink<traits>(hook(n)); }
  /// Detaches `n` with its subtree, then passes it to `dispose(T&)`: first
  /// the descendants of `n` children first (each unlinked), then `n`.
  /// @complexity O(size of `n`'s subtree), plus unlink's cost.
  template <class Disposer>
  constexpr void unlink_and_dispose(T& n, Disposer&& dispose) const noexcept {
    kin::unlink<traits>(hook(n));
    dispose_subtree(hook(n), dispose);
  }
  /// `nw` takes `old`'s place and children. If `old` is this tree's root, only
  /// the children move and the view still shows `old`: make a new kin::tree
  /// over `nw`. @complexity O(children of `old`) (+ siblings on singly)
  constexpr void replace(T& old, T& nw) const noexcept { kin::replace<traits>(hook(old), hook(nw)); }
  /// Moves `n` with its subtree to the end of `new_parent`'s children.
  /// @pre `new_parent` is not in `n`'s subtree. @complexity as kin::reparent
  constexpr void reparent(T& n, T& new_parent) const noexcept { kin::reparent<traits>(hook(n), hook(new_parent)); }
  /// reparent, or false (nothing changed) if `new_parent` is in `n`'s subtree.
  /// @complexity as kin::try_reparent
  constexpr bool try_reparent(T& n, T& new_parent) const noexcept {
    return kin::try_reparent<traits>(hook(n), hook(new_parent));
  }
  /// Moves all children of `from` to the end of `to`'s. @complexity as kin::splice_children
  constexpr void splice_children(T& to, T& from) const noexcept {
    kin::splice_children<traits>(hook(to), hook(from));
  }
  /// `nw` takes the place of siblings `first`..`last`, which become its
  /// children. @complexity as kin::adopt_siblings
  constexpr void adopt_siblings(T& nw, T& first, T& last) const noexcept {
    kin::adopt_siblings<traits>(hook(nw), hook(first), hook(last));
  }
  /// `n`'s children take its place; `n` is unlinked. @complexity as kin::hoist_children
  constexpr void hoist_children(T& n) const noexcept { kin::hoist_children<traits>(hook(n)); }

  /// Unlinks every descendant of the root and passes each to
  /// `dispose(T&)`, children before parents (post-order, iterative). The
  /// root is left childless and is not disposed.
  /// @post empty()
  /// @complexity O(size): each node is its parent's first child when it is
  /// unlinked, so this is linear on every layout.
  template <class Disposer>
  constexpr void clear_and_dispose(Disposer&& dispose) const noexcept {
    node_ptr r = hook(*root_);
    for (node_ptr n : kin::postorder_safe<traits>(r)) {
      if (n != r) {
        kin::unlink<traits>(n);
        dispose(*to_value(n));
      }
    }
  }

  // ---- walks (yield T&; the argument defaults to the root)

  /// The children of `n`, first to last. @complexity O(1) per step.
  constexpr auto children(T& n) const noexcept { return typed(kin::children<traits>(hook(n))); }
  /// The root's children.
  constexpr auto children() const noexcept { return children(*root_); }
  /// `n` and its descendants in pre-order; iterators offer depth() and
  /// skip_children(). @complexity O(size)
  constexpr auto preorder(T& n) const noexcept { return typed(kin::preorder<traits>(hook(n))); }
  /// The whole tree in pre-order.
  constexpr auto preorder() const noexcept { return preorder(*root_); }
  /// `n`'s descendants in pre-order. @complexity O(size)
  constexpr auto descendants(T& n) const noexcept { return typed(kin::descendants<traits>(hook(n))); }
  /// Every node but the root, in pre-order.
  constexpr auto descendants() const noexcept { return descendants(*root_); }
  /// `n` and its descendants in post-order. @complexity O(size)
  constexpr auto postorder(T& n) const noexcept { return typed(kin::postorder<traits>(hook(n))); }
  /// The whole tree in post-order.
  constexpr auto postorder() const noexcept { return postorder(*root_); }
  /// Post-order that survives unlinking or disposing the current node.
  /// @complexity O(size)
  constexpr auto postorder_safe(T& n) const noexcept { return typed(kin::postorder_safe<traits>(hook(n))); }
  /// The whole tree in post-order, safe form.
  constexpr auto postorder_safe() const noexcept { return postorder_safe(*root_); }
  /// The leaves of `n`'s subtree. @complexity O(size)
  constexpr auto leaves(T& n) const noexcept { return typed(kin::leaves<traits>(hook(n))); }
  /// The leaves of the tree.
  constexpr auto leaves() const noexcept { return leaves(*root_); }
  /// The ancestors of `n`, parent first. @complexity O(1) per step.
  constexpr auto ancestors(T& n) const noexcept { return typed(kin::ancestors<traits>(hook(n))); }

  /// The children of `n`, last to first. Only on bidirectional layouts.
  constexpr auto children_reverse(T& n) const noexcept
    requires bidirectional_tree_traits<traits>
   { return typed(kin::children_reverse<traits>(hook(n))); }
  /// The root's children, last to first. Only on bidirectional layouts.
  constexpr auto children_reverse() const noexcept
    requires bidirectional_tree_traits<traits>
   { return children_reverse(*root_); }
  /// Pre-order backwards. Only on bidirectional layouts.
  constexpr auto preorder_reverse(T& n) const noexcept
    requires bidirectional_tree_traits<traits>
   { return typed(kin::preorder_reverse<traits>(hook(n))); }
  /// The whole tree's pre-order backwards. Only on bidirectional layouts.
  constexpr auto preorder_reverse() const noexcept
    requires bidirectional_tree_traits<traits>
   { return preorder_reverse(*root_); }
  /// Descendants backwards. Only on bidirectional layouts.
  constexpr auto descendants_reverse(T& n) const noexcept
    requires bidirectional_tree_traits<traits>
   {
    return typed(kin::descendants_reverse<traits>(hook(n)));
  }
  /// Every node but the root, backwards. Only on bidirectional layouts.
  constexpr auto descendants_reverse() const noexcept
    requires bidirectional_tree_traits<traits>
   { return descendants_reverse(*root_); }
  /// Mirrored pre-order (= post-order backwards); iterators offer depth()
  /// and skip_children(). Only on bidirectional layouts.
  constexpr auto mirrored_preorder(T& n) const noexcept
    requires bidirectional_tree_traits<traits>
   { return typed(kin::mirrored_preorder<traits>(hook(n))); }
  /// The whole tree in mirrored pre-order. Only on bidirectional layouts.
  constexpr auto mirrored_preorder() const noexcept
    requires bidirectional_tree_traits<traits>
   { return mirrored_preorder(*root_); }
  /// Post-order backwards (= mirrored pre-order). Only on bidirectional layouts.
  constexpr auto postorder_reverse(T& n) const noexcept
    requires bidirectional_tree_traits<traits>
   { return mirrored_preorder(n); }
  /// The whole tree's post-order backwards. Only on bidirectional layouts.
  constexpr auto postorder_reverse() const noexcept
    requires bidirectional_tree_traits<traits>
   { return mirrored_preorder(*root_); }
  /// Leaves backwards. Only on bidirectional layouts.
  constexpr auto leaves_reverse(T& n) const noexcept
    requires bidirectional_tree_traits<traits>
   { return typed(kin::leaves_reverse<traits>(hook(n))); }
  /// The tree's leaves backwards. Only on bidirectional layouts.
  constexpr auto leaves_reverse() const noexcept
    requires bidirectional_tree_traits<traits>
   { return leaves_reverse(*root_); }

  /// Reverse children with an explicit strategy (`kin::collect(buf)` with a
  /// buffer of tree::node_ptr, `kin::rescan`, `kin::collect_allocating`), on
  /// any layout. See kin/reverse.hpp for the costs.
  template <class Strategy>
  constexpr auto children_reverse(T& n, Strategy&& s) const noexcept {
    return typed(kin::children_reverse<traits>(hook(n), std::forward<Strategy>(s)));
  }
  /// The root's children, last to first, with an explicit strategy.
  template <class Strategy>
    requires(!std::is_same_v<std::remove_cvref_t<Strategy>, T>)
  constexpr auto children_reverse(Strategy&& s) const noexcept {
    return children_reverse(*root_, std::forward<Strategy>(s));
  }
  /// Reverse pre-order with an explicit strategy, on any layout.
  template <class Strategy>
  constexpr auto preorder_reverse(T& n, Strategy&& s) const noexcept {
    return typed(kin::preorder_reverse<traits>(hook(n), std::forward<Strategy>(s)));
  }
  /// The whole tree's pre-order backwards, with an explicit strategy.
  template <class Strategy>
    requires(!std::is_same_v<std::remove_cvref_t<Strategy>, T>)
  constexpr auto preorder_reverse(Strategy&& s) const noexcept {
    return preorder_reverse(*root_, std::forward<Strategy>(s));
  }
  /// Mirrored pre-order with an explicit strategy (collect), on any layout.
  template <class Strategy>
  constexpr auto mirrored_preorder(T& n, Strategy&& s) const noexcept {
    return typed(kin::mirrored_preorder<traits>(hook(n), std::forward<Strategy>(s)));
  }
  /// The whole tree in mirrored pre-order, with an explicit strategy.
  template <class Strategy>
    requires(!std::is_same_v<std::remove_cvref_t<Strategy>, T>)
  constexpr auto mirrored_preorder(Strategy&& s) const noexcept {
    return mirrored_preorder(*root_, std::forward<Strategy>(s));
  }
  /// Ancestors root first, collected with the given strategy.
  template <class Strategy>
  constexpr auto ancestors_reverse(T& n, Strategy&& s) const noexcept {
    return typed(kin::ancestors_reverse<traits>(hook(n), std::forward<Strategy>(s)));
  }

  /// The callback walk (kin/walk.hpp) over `n`'s descendants, with
  /// `descend(T&, depth)` and `ascend(T&, depth)` returning kin::walk_action.
  /// Returns a kin::walk_result of hook pointers (to_value() maps them).
  /// @complexity O(visited nodes)
  template <class Descend, class Ascend = no_ascend>
  constexpr auto walk(T& n, Descend&& descend, Ascend&& ascend = {}, std::size_t max_depth = unlimited) const noexcept {
    return kin::walk<traits>(
        hook(n), [&](node_ptr h, std::size_t d) { return descend(*to_value(h), d); },
        [&](node_ptr h, std::size_t d) { return ascend(*to_value(h), d); }, max_depth);
  }

private:
  static constexpr node_ptr hook(T& v) noexcept { return HookOption::to_hook(&v); }
  template <class View>
  static constexpr auto typed(View&& v) noexcept {
    return typed_view<std::remove_cvref_t<View>, HookOption, T>(std::forward<View>(v));
  }
  template <class Disposer>
  static constexpr void dispose_subtree(node_ptr top, Disposer& dispose) noexcept {
    for (node_ptr x : kin::postorder_safe<traits>(top)) {
      if (x != top) {
        kin::unlink<traits>(x);
      }
      dispose(*to_value(x));
    }
  }

  T* root_;
};

} // namespace kin

/// @cond
template <class View, class Option, class T>
inline constexpr bool std::ranges::enable_borrowed_range<kin::typed_view<View, Option, T>> =
    std::ranges::enable_borrowed_range<View>;
/// @endcond

#endif // KIN_TREE_HPP

// SPDX-License-Identifier: BSL-1.0
/// @file
/// @brief The whole core of kin: node traits, value traits, the three
/// layouts, steps, queries, algorithms, verify, walkers, reverse walks (the
/// collecting strategy that allocates included), the callback traversal and
/// the kin::tree facade, and the version. Includes the others and defines
/// nothing itself.
/// (The printers, kin/print.hpp and kin/dot.hpp, are separate: they use
/// strings.)
#ifndef KIN_KIN_HPP
#define KIN_KIN_HPP

#include <kin/algorithms.hpp>
#include <kin/allocating.hpp>
#include <kin/config.hpp>
#include <kin/layouts/compact.hpp>
#include <kin/layouts/list.hpp>
#include <kin/layouts/singly.hpp>
#include <kin/queries.hpp>
#include <kin/reverse.hpp>
#include <kin/steps.hpp>
#include <kin/traits.hpp>
#include <kin/traverse.hpp>
#include <kin/tree.hpp>
#include <kin/value_traits.hpp>
#include <kin/version.hpp>
#include <kin/verify.hpp>
#include <kin/walkers.hpp>

#endif // KIN_KIN_HPP

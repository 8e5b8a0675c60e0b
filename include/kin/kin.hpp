/// @file
/// @brief The whole core of kin: traits, layouts, steps, algorithms, verify,
/// walkers, the reverse strategies, the callback walk and the kin::tree
/// facade. Includes the others and defines nothing itself. (The printers,
/// kin/print.hpp and kin/dot.hpp, are separate: they use strings.)
#ifndef KIN_KIN_HPP
#define KIN_KIN_HPP

#include <kin/algorithms.hpp>
#include <kin/config.hpp>
#include <kin/layouts/compact.hpp>
#include <kin/layouts/list.hpp>
#include <kin/layouts/singly.hpp>
#include <kin/reverse.hpp>
#include <kin/steps.hpp>
#include <kin/traits.hpp>
#include <kin/tree.hpp>
#include <kin/verify.hpp>
#include <kin/walk.hpp>
#include <kin/walkers.hpp>

#endif // KIN_KIN_HPP

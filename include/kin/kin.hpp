/// @file
/// @brief The whole core of kin: traits, layouts, steps, algorithms, verify
/// and walkers. Includes the others and defines nothing itself.
#ifndef KIN_KIN_HPP
#define KIN_KIN_HPP

#include <kin/algorithms.hpp>
#include <kin/config.hpp>
#include <kin/layouts/compact.hpp>
#include <kin/layouts/list.hpp>
#include <kin/layouts/singly.hpp>
#include <kin/steps.hpp>
#include <kin/traits.hpp>
#include <kin/verify.hpp>
#include <kin/walkers.hpp>

#endif // KIN_KIN_HPP

#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "crossplane/lexer.h"
#include <vector>

namespace tlslint::crossplane {

/// Names of the enclosing blocks, outermost first; empty is main.
using Context = std::vector<std::string>;

/// Returns the context of a block opened by `directive` inside `context`:
/// a location anywhere under http is always "http location".
Context enter_block_context(const Context& context, std::string_view directive);

/// Returns the NGX_*_CONF bit of `context`, or 0 when crossplane does not
/// analyse statements there.
std::uint32_t context_mask(const Context& context);

/// Returns true when `name` is in crossplane's directive table.
bool is_known_directive(std::string_view name);

/// Returns the rules (context and argument bits) of `name`, in table order.
std::vector<std::uint32_t> directive_rules(std::string_view name);

/// Number of names in the directive table.
std::size_t directive_count();

/// Outcome of analysing one statement.
struct Analysis {
  enum class Kind {
    kAccepted,
    kRejected,       ///< the statement has an error (message in `reason`)
    kFormatFailure,  ///< building the message itself failed (`reason`)
  };
  Kind kind = Kind::kAccepted;
  std::string reason;
  /// True for `... is not terminated by ";"`, which skips the block.
  bool not_terminated = false;
};

/// Checks one statement like crossplane's analyze(): --strict names, the
/// context, then the argument count against each rule, last rule first.
/// `terminator` is "{", ";" or "}". For Dialect::crossplane the message is
/// built by crossplane's two rounds of %-formatting, which a "%" in a flag
/// value breaks, and --strict also rejects the entries of map, geo, types
/// and the other blocks whose lines are not directives.
Analysis analyze(std::string_view directive,
                 const std::vector<std::string_view>& args,
                 std::string_view terminator, const Context& context,
                 bool strict, Dialect dialect = Dialect::crossplane);

}  // namespace tlslint::crossplane

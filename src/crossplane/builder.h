#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "crossplane/payload.h"

namespace tlslint::crossplane {

/// Returns `text` as crossplane's builder writes a directive name or
/// argument: unchanged when the lexer would read it back as one word,
/// otherwise Python's repr() with doubled backslashes undone.
std::string enquote(std::string_view text);

/// Options of crossplane's build().
struct BuildOptions {
  int indent = 4;
  bool tabs = false;
  bool header = false;
};

/// Writes statements back as nginx config text (crossplane's build()): one
/// statement per line, comments on the line of the statement before them
/// when they shared its line, Lua blocks as `name {body}`. Where crossplane's
/// text would parse back to a different tree, a name or argument is quoted
/// differently and a comment goes on a line of its own
/// (docs/crossplane-compat.md lists the cases).
std::string build_config(const std::vector<Statement>& block,
                         const BuildOptions& options);

/// Writes statements on one line as `crossplane minify` does, quoting like
/// build_config(). Comments are left out, and newlines remain only inside
/// names and arguments that contain them.
std::string minify_config(const std::vector<Statement>& block);

/// Returns true for the *_by_lua_block directives that crossplane's Lua
/// extension builds.
bool is_lua_block_name(std::string_view name);

}  // namespace tlslint::crossplane

#include "crossplane/builder.h"

#include <algorithm>

#include "crossplane/python.h"
#include "crossplane/text.h"

namespace tlslint::crossplane {
namespace {

constexpr std::string_view kHeader =
    "# This config was built from JSON using NGINX crossplane.\n"
    "# If you encounter any bugs please report them here:\n"
    "# https://github.com/nginxinc/crossplane/issues\n"
    "\n";

std::vector<std::string> code_points(std::string_view text) {
  std::vector<std::string> points;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t length = utf8_length(static_cast<unsigned char>(text[i]));
    if (length > text.size() - i) length = 1;
    points.emplace_back(text.substr(i, length));
    i += length;
  }
  return points;
}

/// Groups `text` into the units crossplane's builder checks: a backslash
/// with the next character, "${", and single characters. Like crossplane,
/// it repeats a final backslash or "$".
std::vector<std::string> builder_units(std::string_view text) {
  std::vector<std::string> units;
  std::string previous;
  std::string current;
  for (std::string& c : code_points(text)) {
    current = c;
    if (previous == "\\" || previous + current == "${") {
      previous += current;
      units.push_back(previous);
      continue;
    }
    if (previous == "$") units.push_back(previous);
    if (current != "\\" && current != "$") units.push_back(current);
    previous = current;
  }
  if (current == "\\" || current == "$") units.push_back(current);
  return units;
}

bool is_space_unit(const std::string& unit) {
  return is_python_space(unit.data(), unit.size());
}

bool needs_quotes(std::string_view text) {
  if (text.empty()) return true;
  std::vector<std::string> units = builder_units(text);
  const std::string& first = units.front();
  if (is_space_unit(first) || first == "{" || first == "}" || first == ";" ||
      first == "\"" || first == "'" || first == "${") {
    return true;
  }
  bool expanding = false;
  for (std::size_t i = 1; i < units.size(); ++i) {
    const std::string& unit = units[i];
    if (is_space_unit(unit) || unit == "{" || unit == ";" || unit == "\"" ||
        unit == "'") {
      return true;
    }
    if (unit == (expanding ? "${" : "}")) return true;
    if (unit == (expanding ? "}" : "${")) expanding = !expanding;
  }
  const std::string& last = units.back();
  return last == "\\" || last == "$" || expanding;
}

std::string build_lua_block(const Statement& statement) {
  std::string built(statement.directive);
  std::string_view body;
  if (statement.directive == "set_by_lua_block") {
    if (!statement.args.empty()) {
      built += " ";
      built += statement.args[0];
    }
    if (statement.args.size() > 1) body = statement.args[1];
  } else if (!statement.args.empty()) {
    body = statement.args[0];
  }
  built += " {";
  built += body;
  built += "}";
  return built;
}

std::string join_arguments(const std::vector<std::string_view>& args) {
  std::string joined;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (i > 0) joined.push_back(' ');
    joined += enquote(args[i]);
  }
  return joined;
}

void build_block(std::string& output, const std::vector<Statement>& block,
                 int depth, int last_line, const std::string& padding) {
  std::string margin;
  for (int i = 0; i < depth; ++i) margin += padding;
  for (const Statement& statement : block) {
    std::string directive = enquote(statement.directive);
    int line = statement.line;
    std::string built;
    if (directive == "#" && line == last_line) {
      output += " #";
      output += statement.comment;
      continue;
    }
    if (directive == "#") {
      built = "#" + std::string(statement.comment);
    } else if (is_lua_block_name(directive)) {
      built = build_lua_block(statement);
    } else {
      std::string args = join_arguments(statement.args);
      if (directive == "if") {
        built = "if (" + args + ")";
      } else if (!statement.args.empty()) {
        built = directive + " " + args;
      } else {
        built = directive;
      }
      if (!statement.has_block) {
        built += ";";
      } else {
        built += " {";
        build_block(built, statement.block, depth + 1, line, padding);
        built += "\n" + margin + "}";
      }
    }
    if (!output.empty()) output.push_back('\n');
    output += margin + built;
    last_line = line;
  }
}

void minify_block(std::string& output, const std::vector<Statement>& block) {
  for (const Statement& statement : block) {
    if (statement.is_comment) continue;
    if (is_lua_block_name(statement.directive)) {
      output += build_lua_block(statement);
      continue;
    }
    output += enquote(statement.directive);
    if (statement.directive == "if") {
      output += " (" + join_arguments(statement.args) + ")";
    } else if (!statement.args.empty()) {
      output += " " + join_arguments(statement.args);
    }
    if (statement.has_block) {
      output.push_back('{');
      minify_block(output, statement.block);
      output.push_back('}');
    } else {
      output.push_back(';');
    }
  }
}

}  // namespace

bool is_lua_block_name(std::string_view name) {
  static constexpr std::string_view kNames[] = {
      "access_by_lua_block",           "balancer_by_lua_block",
      "body_filter_by_lua_block",      "content_by_lua_block",
      "header_filter_by_lua_block",    "init_by_lua_block",
      "init_worker_by_lua_block",      "log_by_lua_block",
      "rewrite_by_lua_block",          "set_by_lua_block",
      "ssl_certificate_by_lua_block",  "ssl_session_fetch_by_lua_block",
      "ssl_session_store_by_lua_block"};
  for (std::string_view candidate : kNames) {
    if (candidate == name) return true;
  }
  return false;
}

std::string enquote(std::string_view text) {
  if (!needs_quotes(text)) return std::string(text);
  std::string quoted = python_repr(text);
  std::string result;
  result.reserve(quoted.size());
  for (std::size_t i = 0; i < quoted.size(); ++i) {
    result.push_back(quoted[i]);
    if (quoted[i] == '\\' && i + 1 < quoted.size() && quoted[i + 1] == '\\') {
      ++i;
    }
  }
  return result;
}

std::string build_config(const std::vector<Statement>& block,
                         const BuildOptions& options) {
  std::string padding =
      options.tabs
          ? "\t"
          : std::string(static_cast<std::size_t>(std::max(options.indent, 0)),
                        ' ');
  std::string body;
  build_block(body, block, 0, 0, padding);
  return options.header ? std::string(kHeader) + body : body;
}

std::string minify_config(const std::vector<Statement>& block) {
  std::string output;
  minify_block(output, block);
  return output;
}

}  // namespace tlslint::crossplane

#include "crossplane/commands.h"
#include "crossplane/file_read.h"

#include <sys/stat.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cerrno>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "crossplane/build_payload.h"
#include "crossplane/builder.h"
#include "crossplane/json.h"
#include "crossplane/lexer.h"
#include "crossplane/parser.h"
#include "crossplane/python.h"
#include "crossplane/text.h"

namespace tlslint::crossplane {
namespace {

/// Python's str.rstrip() on UTF-8 text.
std::string rstrip(const std::string& text) {
  return std::string(strip_python_space(text, false, true));
}

/// Writes `text` to `path`, or to `out` when `path` is empty or "-".
bool write_output(const std::string& path, const std::string& text,
                  std::ostream& out, std::ostream& err) {
  if (path.empty() || path == "-") {
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.flush();
    return true;
  }
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  if (!file) {
    err << "crossplane: error: argument -o/--out: can't open '" << path
        << "': " << os_error_message(errno, path) << "\n";
    return false;
  }
  file.write(text.data(), static_cast<std::streamsize>(text.size()));
  return static_cast<bool>(file);
}

std::string join_path(const std::string& directory, const std::string& name) {
  if (!name.empty() && name[0] == '/') return name;
  if (directory.empty() || directory.back() == '/') return directory + name;
  return directory + "/" + name;
}

bool path_exists(const std::string& path) {
  struct stat info;
  return ::stat(path.c_str(), &info) == 0;
}

bool make_directories(const std::string& path) {
  if (path.empty() || path_exists(path)) return true;
  std::size_t slash = path.find_last_of('/');
  if (slash != std::string::npos && slash > 0) {
    if (!make_directories(path.substr(0, slash))) return false;
  }
  return ::mkdir(path.c_str(), 0777) == 0 || errno == EEXIST;
}

void add_output_option(CLI::App& app, std::string& out_path) {
  app.add_option("-o,--out", out_path, "write output to a file");
}

/// Adds --crossplane-quirks, which turns `dialect` from nginx's reading into
/// crossplane's.
void add_dialect_flag(CLI::App& app, Dialect& dialect) {
  app.add_flag_callback(
      "--crossplane-quirks", [&dialect] { dialect = Dialect::crossplane; },
      "read the config as crossplane 0.5.7 does where it differs from nginx "
      "(see docs/crossplane-compat.md)");
}

/// The arguments of parse, bound to its CLI11 options.
struct ParseArguments {
  std::string filename;
  std::string out_path;
  std::optional<int> indent;
  std::string ignore;
  bool no_catch = false;
  ParseOptions options;
};

void define_parse_options(CLI::App& app, ParseArguments& arguments) {
  ParseOptions& options = arguments.options;
  app.add_option("filename", arguments.filename, "the nginx config file")
      ->required();
  add_output_option(app, arguments.out_path);
  app.add_option("-i,--indent", arguments.indent,
                 "number of spaces to indent output");
  app.add_option("--ignore", arguments.ignore,
                 "ignore directives (comma-separated)");
  app.add_flag("--no-catch", arguments.no_catch,
               "only collect first error in file");
  app.add_flag("--tb-onerror", options.traceback,
               "include tracebacks in config errors");
  app.add_flag("--combine", options.combine,
               "use includes to create one single file");
  app.add_flag("--single-file", options.single_file,
               "do not include other config files");
  app.add_flag("--include-comments", options.comments,
               "include comments in json");
  app.add_flag("--strict", options.strict,
               "raise errors for unknown directives");
  add_dialect_flag(app, options.dialect);
}

int run_parse(int argc, const char* const* argv, std::ostream& out,
              std::ostream& err) {
  CLI::App app{"parses a json payload for an nginx config", "crossplane parse"};
  ParseArguments arguments;
  define_parse_options(app, arguments);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return app.exit(error, out, err) == 0 ? 0 : 2;
  }
  const std::string& filename = arguments.filename;
  const std::string& out_path = arguments.out_path;
  const std::optional<int>& indent = arguments.indent;
  const std::string& ignore = arguments.ignore;
  ParseOptions& options = arguments.options;
  options.catch_errors = !arguments.no_catch;
  if (!ignore.empty()) {
    std::size_t start = 0;
    for (;;) {
      std::size_t comma = ignore.find(',', start);
      options.ignore.push_back(ignore.substr(start, comma - start));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  }
  // Python's json.dumps indents a negative width like 0: newlines, no
  // spaces.
  int indent_width = indent ? std::max(*indent, 0) : -1;
  options.serialize_indent = indent_width;
  Payload payload = parse_config(filename, options);
  std::ofstream file;
  std::ostream* target = &out;
  if (!out_path.empty() && out_path != "-") {
    file.open(out_path, std::ios::binary | std::ios::trunc);
    if (!file) {
      err << "crossplane parse: error: argument -o/--out: can't open '"
          << out_path << "': " << os_error_message(errno, out_path) << "\n";
      return 2;
    }
    target = &file;
  }
  // The payload comes in many small pieces; collecting them into large
  // blocks saves a system call per stream buffer.
  constexpr std::size_t kBlock = 1 << 20;
  std::string block;
  block.reserve(kBlock);
  auto write_block = [&block, target] {
    target->write(block.data(), static_cast<std::streamsize>(block.size()));
    block.clear();
  };
  write_payload(payload, indent_width, [&](std::string_view piece) {
    if (block.size() + piece.size() > kBlock) write_block();
    block.append(piece);
  });
  block.push_back('\n');
  write_block();
  target->flush();
  return *target ? 0 : 1;
}

struct LexArguments {
  std::string filename;
  std::string out_path;
  std::optional<int> indent;
  bool line_numbers = false;
  Dialect dialect = Dialect::nginx;
};

void define_lex_options(CLI::App& app, LexArguments& arguments) {
  app.add_option("filename", arguments.filename, "the nginx config file")
      ->required();
  add_output_option(app, arguments.out_path);
  app.add_option("-i,--indent", arguments.indent,
                 "number of spaces to indent output");
  app.add_flag("-n,--line-numbers", arguments.line_numbers,
               "include line numbers in json payload");
  add_dialect_flag(app, arguments.dialect);
}

int run_lex(int argc, const char* const* argv, std::ostream& out,
            std::ostream& err) {
  CLI::App app{"lexes tokens from an nginx config file", "crossplane lex"};
  LexArguments arguments;
  define_lex_options(app, arguments);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return app.exit(error, out, err) == 0 ? 0 : 2;
  }
  const std::string& filename = arguments.filename;
  const std::string& out_path = arguments.out_path;
  const std::optional<int>& indent = arguments.indent;
  bool line_numbers = arguments.line_numbers;
  Dialect dialect = arguments.dialect;
  std::string bytes;
  std::size_t size = 0;
  if (int error = read_file(filename, bytes, size)) {
    err << os_error_message(error, filename) << "\n";
    return 1;
  }
  bytes.resize(size);
  // The tokens point into `text`.
  bool nginx = dialect == Dialect::nginx;
  std::string text = decode_config_text(bytes, !nginx);
  LexResult lexed = lex(text, dialect);
  // crossplane's lex command runs the brace check too and fails on it.
  int depth = 0;
  for (const Token& token : lexed.tokens) {
    if (!token.quoted && token.text == "}" && --depth < 0) {
      err << "crossplane.errors.NgxParserSyntaxError: unexpected \"}\" in "
          << filename << ":" << token.line << "\n";
      return 1;
    }
    if (!token.quoted && token.text == "{") ++depth;
  }
  if (lexed.error) {
    err << "crossplane.ext.lua.LuaBlockParserSyntaxError: "
        << lexed.error->reason << " in " << (nginx ? filename : "None") << ":"
        << lexed.error->line << "\n";
    return 1;
  }
  if (nginx && lexed.truncated) {
    err << "crossplane.errors.NgxParserSyntaxError: unexpected end of file, "
        << (lexed.truncated_lua
                ? "expecting terminating characters for lua code block"
                : "expecting \";\" or \"}\"")
        << " in " << filename << ":" << lexed.end_line << "\n";
    return 1;
  }
  if (depth > 0) {
    int line = nginx ? lexed.end_line : lexed.tokens.back().line;
    err << "crossplane.errors.NgxParserSyntaxError: unexpected end of file, "
           "expecting \"}\" in "
        << filename << ":" << line << "\n";
    return 1;
  }
  std::string document;
  JsonWriter writer(document, indent ? *indent : -1);
  writer.begin_array();
  for (const Token& token : lexed.tokens) {
    if (line_numbers) {
      writer.begin_array();
      writer.value(token.text);
      writer.value(static_cast<std::int64_t>(token.line));
      writer.end_array();
    } else {
      writer.value(token.text);
    }
  }
  writer.end_array();
  document.push_back('\n');
  return write_output(out_path, document, out, err) ? 0 : 1;
}

/// Parses one file the way crossplane's format and minify do: no includes
/// and no analysis. Returns nullopt after printing the first error.
std::optional<Payload> parse_single(const std::string& filename, bool comments,
                                    Dialect dialect, std::ostream& err) {
  ParseOptions options;
  options.dialect = dialect;
  options.single_file = true;
  options.comments = comments;
  options.check_context = false;
  options.check_arguments = false;
  Payload payload = parse_config(filename, options);
  if (payload.failed) {
    const ParseError& error = payload.errors.front();
    err << "crossplane.errors.NgxParserBaseException: " << error.message
        << " in " << error.file;
    if (error.line) err << ":" << *error.line;
    err << "\n";
    return std::nullopt;
  }
  return payload;
}

/// The arguments of format, and of minify, which has no indent options.
struct FormatArguments {
  std::string filename;
  std::string out_path;
  BuildOptions options;
  Dialect dialect = Dialect::nginx;
};

/// Adds -i and -t: build's and format's indent options.
void add_indent_options(CLI::App& app, BuildOptions& options) {
  auto* indent = app.add_option("-i,--indent", options.indent,
                                "number of spaces to indent output");
  auto* tabs = app.add_flag("-t,--tabs", options.tabs,
                            "indent with tabs instead of spaces");
  indent->excludes(tabs);
}

void define_format_options(CLI::App& app, FormatArguments& arguments) {
  app.add_option("filename", arguments.filename, "the nginx config file")
      ->required();
  add_output_option(app, arguments.out_path);
  add_indent_options(app, arguments.options);
  add_dialect_flag(app, arguments.dialect);
}

void define_minify_options(CLI::App& app, FormatArguments& arguments) {
  app.add_option("filename", arguments.filename, "the nginx config file")
      ->required();
  add_output_option(app, arguments.out_path);
  add_dialect_flag(app, arguments.dialect);
}

int run_format(int argc, const char* const* argv, std::ostream& out,
               std::ostream& err) {
  CLI::App app{"formats an nginx config file", "crossplane format"};
  FormatArguments arguments;
  define_format_options(app, arguments);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return app.exit(error, out, err) == 0 ? 0 : 2;
  }
  auto parsed =
      parse_single(arguments.filename, true, arguments.dialect, err);
  if (!parsed) return 1;
  std::string text =
      build_config(parsed->config.front().parsed, arguments.options) + "\n";
  return write_output(arguments.out_path, text, out, err) ? 0 : 1;
}

int run_minify(int argc, const char* const* argv, std::ostream& out,
               std::ostream& err) {
  CLI::App app{"removes all whitespace from an nginx config",
               "crossplane minify"};
  FormatArguments arguments;
  define_minify_options(app, arguments);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return app.exit(error, out, err) == 0 ? 0 : 2;
  }
  auto parsed =
      parse_single(arguments.filename, false, arguments.dialect, err);
  if (!parsed) return 1;
  std::string text = minify_config(parsed->config.front().parsed) + "\n";
  return write_output(arguments.out_path, text, out, err) ? 0 : 1;
}

struct BuildArguments {
  std::string filename;
  std::string directory;
  bool verbose = false;
  bool force = false;
  bool no_headers = false;
  bool to_stdout = false;
  BuildOptions options;
};

void define_build_options(CLI::App& app, BuildArguments& arguments) {
  app.add_option("filename", arguments.filename,
                 "the file with the config payload")
      ->required();
  app.add_flag("-v,--verbose", arguments.verbose, "verbose output");
  app.add_option("-d,--dir", arguments.directory,
                 "the base directory to build in");
  app.add_flag("-f,--force", arguments.force, "overwrite existing files");
  add_indent_options(app, arguments.options);
  app.add_flag("--no-headers", arguments.no_headers,
               "do not write header to configs");
  app.add_flag("--stdout", arguments.to_stdout,
               "write configs to stdout instead");
}

int run_build(int argc, const char* const* argv, std::ostream& out,
              std::ostream& err) {
  CLI::App app{"builds an nginx config from a json payload",
               "crossplane build"};
  BuildArguments arguments;
  define_build_options(app, arguments);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return app.exit(error, out, err) == 0 ? 0 : 2;
  }
  const std::string& filename = arguments.filename;
  std::string& directory = arguments.directory;
  bool verbose = arguments.verbose;
  bool force = arguments.force;
  bool no_headers = arguments.no_headers;
  bool to_stdout = arguments.to_stdout;
  BuildOptions& options = arguments.options;
  options.header = !no_headers;
  if (directory.empty()) {
    char buffer[4096];
    directory = ::getcwd(buffer, sizeof buffer) ? buffer : ".";
  }

  BuildPayload payload;
  {
    std::string bytes;
    std::size_t size = 0;
    if (int error = read_file(filename, bytes, size)) {
      err << os_error_message(error, filename) << "\n";
      return 1;
    }
    try {
      payload = read_build_payload(std::string_view(bytes.data(), size),
                                   filename);
    } catch (const PayloadError& error) {
      err << "crossplane build: error: " << error.what() << "\n";
      return 1;
    }
  }

  struct Output {
    std::string path;
    std::string text;
  };
  std::vector<Output> outputs;
  for (const BuildConfig& config : payload.configs) {
    outputs.push_back({join_path(directory, config.file),
                       rstrip(build_config(config.parsed, options)) + "\n"});
  }

  if (!force && !to_stdout) {
    std::vector<std::string> existing;
    for (const Output& output : outputs) {
      if (path_exists(output.path)) existing.push_back(output.path);
    }
    if (!existing.empty()) {
      out << "building " << filename << " would overwrite these files:\n";
      for (const std::string& path : existing) out << path << "\n";
      out << "overwrite? (y/n [n]) " << std::flush;
      std::string answer;
      if (!std::getline(std::cin, answer)) return 1;
      if (answer.empty() || (answer[0] != 'y' && answer[0] != 'Y')) {
        out << "not overwritten\n";
        return 0;
      }
    }
  }
  if (to_stdout) {
    for (const Output& output : outputs) {
      out << "# " << output.path << "\n" << output.text << "\n";
    }
    return 0;
  }
  for (const Output& output : outputs) {
    std::size_t slash = output.path.find_last_of('/');
    if (slash != std::string::npos && slash > 0 &&
        !make_directories(output.path.substr(0, slash))) {
      err << os_error_message(errno, output.path.substr(0, slash)) << "\n";
      return 1;
    }
    if (!write_output(output.path, output.text, out, err)) return 1;
  }
  if (verbose) {
    for (const Output& output : outputs)
      out << "wrote to " << output.path << "\n";
  }
  return 0;
}

/// Describes the options that `define` adds to a CLI::App.
template <typename Arguments>
std::vector<CommandOption> describe_options(
    void (*define)(CLI::App&, Arguments&)) {
  CLI::App app;
  Arguments arguments;
  define(app, arguments);
  std::vector<CommandOption> described;
  for (const CLI::Option* option : app.get_options()) {
    if (option->get_positional()) continue;
    CommandOption entry;
    entry.help = option->get_description();
    for (const std::string& name : option->get_snames()) {
      entry.names.push_back("-" + name);
    }
    for (const std::string& name : option->get_lnames()) {
      entry.names.push_back("--" + name);
    }
    if (option->get_expected_max() > 0) {
      std::string long_name = option->get_lnames().empty()
                                  ? std::string()
                                  : option->get_lnames().front();
      entry.value = long_name == "out"   ? CommandOption::Value::file
                    : long_name == "dir" ? CommandOption::Value::directory
                                         : CommandOption::Value::text;
    }
    described.push_back(std::move(entry));
  }
  return described;
}

}  // namespace

const std::vector<std::string>& crossplane_command_names() {
  static const std::vector<std::string> names = {"parse", "build", "lex",
                                                 "format", "minify"};
  return names;
}

std::vector<CommandOption> describe_crossplane_options(
    const std::string& command) {
  if (command == "parse") return describe_options(&define_parse_options);
  if (command == "build") return describe_options(&define_build_options);
  if (command == "lex") return describe_options(&define_lex_options);
  if (command == "format") return describe_options(&define_format_options);
  if (command == "minify") return describe_options(&define_minify_options);
  return {};
}

int run_crossplane(int argc, const char* const* argv, std::ostream& out,
                   std::ostream& err) {
  if (argc < 1 || argv == nullptr || argv[0] == nullptr) {
    err << "crossplane: error: too few arguments\n";
    return 2;
  }
  std::string command = argv[0];
  if (command == "parse") return run_parse(argc, argv, out, err);
  if (command == "build") return run_build(argc, argv, out, err);
  if (command == "lex") return run_lex(argc, argv, out, err);
  if (command == "format") return run_format(argc, argv, out, err);
  if (command == "minify") return run_minify(argc, argv, out, err);
  err << "crossplane: error: invalid choice: '" << command
      << "' (choose from 'parse', 'build', 'lex', 'minify', 'format')\n";
  return 2;
}

}  // namespace tlslint::crossplane

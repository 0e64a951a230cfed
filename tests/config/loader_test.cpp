#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "config/config.h"
#include "support/process.h"
#include "syntax/parser.h"

namespace tlslint::config {
namespace {

namespace fs = std::filesystem;

constexpr const char* kNginx = "/usr/sbin/nginx";

/// Changes the working directory for one test and restores it.
class CurrentDirectory {
 public:
  explicit CurrentDirectory(const fs::path& directory)
      : saved_(fs::current_path()) {
    fs::current_path(directory);
  }
  ~CurrentDirectory() { fs::current_path(saved_); }

 private:
  fs::path saved_;
};

struct NginxError {
  std::string message;
  std::string file;
  std::size_t line = 0;
};

/// Runs `nginx -t` on `directory`/nginx.conf and returns its [emerg] line.
std::optional<NginxError> nginx_error(const std::string& directory) {
  const testing::ProcessResult run =
      testing::run_process({kNginx, "-t", "-p", directory + "/", "-c",
                            directory + "/nginx.conf", "-e", "stderr"});
  static const std::regex kEmerg(R"(\[emerg\] \d+#\d+: (.*) in (.*):(\d+)\n)");
  std::smatch match;
  if (!std::regex_search(run.err, match, kEmerg)) {
    ADD_FAILURE() << "no [emerg] line from nginx: " << run.err;
    return std::nullopt;
  }
  return NginxError{match[1], match[2], std::stoul(match[3])};
}

bool have_nginx() { return fs::exists(kNginx); }

std::vector<std::string> file_paths(const Config& config) {
  std::vector<std::string> out;
  for (const SourceFile& file : config.files) {
    out.push_back(file.path);
  }
  return out;
}

/// Writes the layout of a certbot-style site whose options file sits next to
/// the including file instead of under the prefix.
void write_certbot_site(const testing::TempDir& dir, const std::string& base) {
  dir.write(base + "nginx.conf",
            "events {}\n\nhttp {\n    include conf.d/*.conf;\n"
            "    include sites-enabled/*.conf;\n}\n");
  dir.write(base + "conf.d/.keep", "");
  dir.write(base + "sites-enabled/app.conf",
            "server {\n    listen 8080;\n    server_name app.example.org;\n"
            "\n    root /srv/app;\n    index index.html;\n"
            "    include letsencrypt/options-ssl-nginx.conf;\n"
            "    ssl_dhparam letsencrypt/ssl-dhparams.pem;\n}\n");
  dir.write(base + "sites-enabled/letsencrypt/options-ssl-nginx.conf",
            "ssl_session_timeout 1440m;\n");
}

TEST(Loader, ResolvesIncludeAgainstPrefix) {
  testing::TempDir dir;
  write_certbot_site(dir, "");
  const Config config = load_main(dir.path() + "/nginx.conf", {});

  EXPECT_EQ(config.prefix, fs::path(dir.path()));
  ASSERT_EQ(file_paths(config),
            (std::vector<std::string>{dir.path() + "/nginx.conf",
                                      dir.path() + "/sites-enabled/app.conf"}));
  const syntax::Directive& http = config.files[0].directives.at(1);
  EXPECT_TRUE(http.block.at(0).includes.empty());
  EXPECT_EQ(http.block.at(1).includes, (std::vector<std::size_t>{1}));

  ASSERT_EQ(config.errors.size(), 1u);
  const LoadError& error = config.errors[0];
  EXPECT_EQ(error.kind, LoadErrorKind::include_missing);
  EXPECT_EQ(error.file, 1u);
  EXPECT_EQ(error.where.line, 7u);
  EXPECT_EQ(error.where.column, 5u);
  EXPECT_EQ(error.message, "open() \"" + dir.path() +
                               "/letsencrypt/options-ssl-nginx.conf\" failed "
                               "(2: No such file or directory)");
  EXPECT_EQ(error.hint,
            "\"" + dir.path() +
                "/sites-enabled/letsencrypt/options-ssl-nginx.conf\" exists "
                "beside the including file, but nginx resolves a relative "
                "include against the prefix \"" +
                dir.path() + "\", not against the including file's directory");
  EXPECT_TRUE(config.files[1].parsed);

  if (!have_nginx()) {
    FAIL() << kNginx << " is not installed; run tools/setup.sh";
  }
  const std::optional<NginxError> nginx = nginx_error(dir.path());
  ASSERT_TRUE(nginx);
  EXPECT_EQ(nginx->message, error.message);
  EXPECT_EQ(nginx->file, config.files[1].path);
  EXPECT_EQ(nginx->line, error.where.line);
}

TEST(Loader, ShowsPathsRelativeToCurrentDirectory) {
  testing::TempDir dir;
  write_certbot_site(dir, "case/");
  const CurrentDirectory cwd(dir.path());
  const Config config = load_main("case/nginx.conf", {});
  EXPECT_EQ(config.prefix, fs::path("case"));
  EXPECT_EQ(file_paths(config),
            (std::vector<std::string>{"case/nginx.conf",
                                      "case/sites-enabled/app.conf"}));
  EXPECT_EQ(config.files[1].disk_path, fs::path("case/sites-enabled/app.conf"));
  ASSERT_EQ(config.errors.size(), 1u);
  EXPECT_EQ(config.errors[0].message,
            "open() \"case/letsencrypt/options-ssl-nginx.conf\" failed (2: No "
            "such file or directory)");
  EXPECT_EQ(config.errors[0].hint,
            "\"case/sites-enabled/letsencrypt/options-ssl-nginx.conf\" exists "
            "beside the including file, but nginx resolves a relative include "
            "against the prefix \"case\", not against the including file's "
            "directory");
}

TEST(Loader, ShowsBarePathsWhenRunInPrefix) {
  testing::TempDir dir;
  write_certbot_site(dir, "");
  const CurrentDirectory cwd(dir.path());
  const Config config = load_main("nginx.conf", {});
  EXPECT_EQ(config.prefix, fs::path());
  EXPECT_EQ(file_paths(config),
            (std::vector<std::string>{"nginx.conf", "sites-enabled/app.conf"}));
  ASSERT_EQ(config.errors.size(), 1u);
  EXPECT_EQ(config.errors[0].message,
            "open() \"letsencrypt/options-ssl-nginx.conf\" failed (2: No such "
            "file or directory)");
  EXPECT_EQ(config.errors[0].hint,
            "\"sites-enabled/letsencrypt/options-ssl-nginx.conf\" exists "
            "beside the including file, but nginx resolves a relative include "
            "against the prefix \".\", not against the including file's "
            "directory");
}

TEST(Loader, OmitsHintWithoutNeighbourFile) {
  testing::TempDir dir;
  const std::string main = dir.write(
      "nginx.conf", "events {}\nhttp {\n  include missing.conf;\n}\n");
  const Config config = load_main(main, {});
  ASSERT_EQ(config.errors.size(), 1u);
  EXPECT_EQ(config.errors[0].kind, LoadErrorKind::include_missing);
  EXPECT_EQ(config.errors[0].file, 0u);
  EXPECT_EQ(config.errors[0].where.line, 3u);
  EXPECT_EQ(config.errors[0].hint, "");
}

TEST(Loader, SortsGlobMatchesBytewise) {
  testing::TempDir dir;
  const std::string main = dir.write(
      "nginx.conf", "events {}\nhttp {\n  include conf.d/*.conf;\n}\n");
  for (const char* name :
       {"a.conf", "_u.conf", "B.conf", "9.conf", "10.conf", ".hidden.conf"}) {
    dir.write(std::string("conf.d/") + name, "");
  }
  dir.write("conf.d/note.txt", "");
  const Config config = load_main(main, {});
  EXPECT_TRUE(config.errors.empty());
  const std::string d = dir.path() + "/conf.d/";
  EXPECT_EQ(
      file_paths(config),
      (std::vector<std::string>{main, d + "10.conf", d + "9.conf", d + "B.conf",
                                d + "_u.conf", d + "a.conf"}));
  EXPECT_EQ(config.files[0].directives.at(1).block.at(0).includes,
            (std::vector<std::size_t>{1, 2, 3, 4, 5}));
}

TEST(Loader, AcceptsGlobWithoutMatches) {
  testing::TempDir dir;
  const std::string main = dir.write(
      "nginx.conf", "events {}\nhttp {\n  include nothing/*.conf;\n}\n");
  const Config config = load_main(main, {});
  EXPECT_TRUE(config.errors.empty());
  EXPECT_EQ(config.files.size(), 1u);
  EXPECT_TRUE(config.files[0].directives.at(1).block.at(0).includes.empty());
  EXPECT_TRUE(config.files[0].parsed);
}

TEST(Loader, ReportsDanglingSymlinkFromGlob) {
  testing::TempDir dir;
  const std::string main = dir.write(
      "nginx.conf", "events {}\nhttp {\n  include conf.d/*.conf;\n}\n");
  fs::create_directories(dir.path() + "/conf.d");
  fs::create_symlink(dir.path() + "/gone.conf", dir.path() + "/conf.d/a.conf");
  dir.write("conf.d/b.conf", "server_tokens off;\n");
  const Config config = load_main(main, {});
  ASSERT_EQ(config.errors.size(), 1u);
  const LoadError& error = config.errors[0];
  EXPECT_EQ(error.kind, LoadErrorKind::include_unreadable);
  EXPECT_EQ(error.file, 0u);
  EXPECT_EQ(error.where.line, 3u);
  EXPECT_EQ(error.message, "open() \"" + dir.path() +
                               "/conf.d/a.conf\" failed (2: No such file or "
                               "directory)");
  // The readable match is still loaded.
  EXPECT_EQ(file_paths(config),
            (std::vector<std::string>{main, dir.path() + "/conf.d/b.conf"}));
  if (!have_nginx()) {
    FAIL() << kNginx << " is not installed; run tools/setup.sh";
  }
  const std::optional<NginxError> nginx = nginx_error(dir.path());
  ASSERT_TRUE(nginx);
  EXPECT_EQ(nginx->message, error.message);
  EXPECT_EQ(nginx->file, main);
  EXPECT_EQ(nginx->line, error.where.line);
}

TEST(Loader, ReadsEachFileOnce) {
  testing::TempDir dir;
  const std::string main = dir.write(
      "nginx.conf",
      "events {}\nhttp {\n  server {\n    include snippets/tls.conf;\n  }\n"
      "  server {\n    include ./snippets/tls.conf;\n  }\n}\n");
  dir.write("snippets/tls.conf", "ssl_protocols TLSv1.2 TLSv1.3;\n");
  const Config config = load_main(main, {});
  EXPECT_TRUE(config.errors.empty());
  ASSERT_EQ(config.files.size(), 2u);
  const syntax::Directive& http = config.files[0].directives.at(1);
  EXPECT_EQ(http.block.at(0).block.at(0).includes,
            (std::vector<std::size_t>{1}));
  EXPECT_EQ(http.block.at(1).block.at(0).includes,
            (std::vector<std::size_t>{1}));
  EXPECT_EQ(config.files[1].directives.at(0).file, 1u);
}

TEST(Loader, ReportsIncludeCycleOnce) {
  testing::TempDir dir;
  const std::string main =
      dir.write("nginx.conf", "events {}\nhttp {\n  include a.conf;\n}\n");
  dir.write("a.conf", "# a\ninclude b.conf;\n");
  dir.write("b.conf", "# b\n\ninclude a.conf;\n");
  const Config config = load_main(main, {});
  ASSERT_EQ(file_paths(config),
            (std::vector<std::string>{main, dir.path() + "/a.conf",
                                      dir.path() + "/b.conf"}));
  ASSERT_EQ(config.errors.size(), 1u);
  const LoadError& error = config.errors[0];
  EXPECT_EQ(error.kind, LoadErrorKind::include_cycle);
  EXPECT_EQ(error.file, 2u);
  EXPECT_EQ(error.where.line, 3u);
  EXPECT_EQ(error.message, "include of \"a.conf\" creates a cycle: " +
                               dir.path() + "/a.conf -> " + dir.path() +
                               "/b.conf -> " + dir.path() + "/a.conf");
  // The include that closes the cycle is cut, so walks terminate.
  EXPECT_TRUE(config.files[2].directives.at(0).includes.empty());
  EXPECT_EQ(config.files[1].directives.at(0).includes,
            (std::vector<std::size_t>{2}));
}

TEST(Loader, ReportsFileIncludingItself) {
  testing::TempDir dir;
  const std::string main =
      dir.write("nginx.conf", "events {}\nhttp {\n  include *.conf;\n}\n");
  const Config config = load_main(main, {});
  ASSERT_EQ(config.files.size(), 1u);
  ASSERT_EQ(config.errors.size(), 1u);
  EXPECT_EQ(config.errors[0].kind, LoadErrorKind::include_cycle);
  EXPECT_EQ(config.errors[0].where.line, 3u);
  EXPECT_EQ(config.errors[0].message,
            "include of \"*.conf\" creates a cycle: " + main + " -> " + main);
  EXPECT_TRUE(config.files[0].directives.at(1).block.at(0).includes.empty());
}

TEST(Loader, ReportsSyntaxErrorInIncludedFile) {
  testing::TempDir dir;
  const std::string main = dir.write(
      "nginx.conf",
      "events {}\n\nhttp {\n    include upstreams.conf;\n\n    server {\n"
      "        listen 8080;\n    }\n}\n");
  dir.write("upstreams.conf",
            "upstream app_backend {\n    server 127.0.0.1:5001;\n"
            "    server 127.0.0.1:5002\n}\n");
  const Config config = load_main(main, {});
  ASSERT_EQ(config.errors.size(), 1u);
  const LoadError& error = config.errors[0];
  EXPECT_EQ(error.kind, LoadErrorKind::syntax);
  EXPECT_EQ(error.message, "unexpected \"}\"");
  EXPECT_EQ(error.file, 1u);
  EXPECT_EQ(error.where.line, 4u);
  EXPECT_TRUE(config.files[0].parsed);
  EXPECT_FALSE(config.files[1].parsed);
  EXPECT_EQ(config.files[0].directives.at(1).block.at(0).includes,
            (std::vector<std::size_t>{1}));
  if (!have_nginx()) {
    FAIL() << kNginx << " is not installed; run tools/setup.sh";
  }
  const std::optional<NginxError> nginx = nginx_error(dir.path());
  ASSERT_TRUE(nginx);
  EXPECT_EQ(nginx->message, error.message);
  EXPECT_EQ(nginx->file, config.files[1].path);
  EXPECT_EQ(nginx->line, error.where.line);
}

TEST(Loader, ReportsIncludeArgumentCount) {
  testing::TempDir dir;
  const std::string main = dir.write(
      "nginx.conf", "events {}\nhttp {\n  include a.conf b.conf;\n}\n");
  const Config config = load_main(main, {});
  ASSERT_EQ(config.errors.size(), 1u);
  EXPECT_EQ(config.errors[0].message,
            "invalid number of arguments in \"include\" directive");
  EXPECT_EQ(config.errors[0].where.line, 3u);
  if (!have_nginx()) {
    FAIL() << kNginx << " is not installed; run tools/setup.sh";
  }
  const std::optional<NginxError> nginx = nginx_error(dir.path());
  ASSERT_TRUE(nginx);
  EXPECT_EQ(nginx->message, config.errors[0].message);
  EXPECT_EQ(nginx->line, 3u);
}

TEST(Loader, ReportsMissingInput) {
  testing::TempDir dir;
  const std::string path = dir.path() + "/none.conf";
  const Config config = load_main(path, {});
  ASSERT_EQ(config.files.size(), 1u);
  EXPECT_EQ(config.roots, (std::vector<std::size_t>{0}));
  EXPECT_FALSE(config.files[0].parsed);
  ASSERT_EQ(config.errors.size(), 1u);
  EXPECT_EQ(config.errors[0].kind, LoadErrorKind::io);
  EXPECT_EQ(config.errors[0].file, 0u);
  EXPECT_EQ(config.errors[0].message,
            "open() \"" + path + "\" failed (2: No such file or directory)");
}

TEST(Loader, RejectsDirectoryInput) {
  testing::TempDir dir;
  const Config config = load_main(dir.path(), {});
  ASSERT_EQ(config.errors.size(), 1u);
  EXPECT_EQ(config.errors[0].kind, LoadErrorKind::io);
  EXPECT_EQ(config.errors[0].message,
            "\"" + dir.path() + "\" is a directory, not a regular file");
}

TEST(Loader, RejectsFifoWithoutBlocking) {
  testing::TempDir dir;
  const std::string fifo = dir.path() + "/pipe.conf";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const Config config = load_main(fifo, {});
  ASSERT_EQ(config.errors.size(), 1u);
  EXPECT_EQ(config.errors[0].kind, LoadErrorKind::io);
  EXPECT_EQ(config.errors[0].message,
            "\"" + fifo + "\" is a FIFO, not a regular file");
}

TEST(Loader, RejectsLiteralIncludeOfFifo) {
  testing::TempDir dir;
  const std::string main =
      dir.write("nginx.conf", "events {}\nhttp {\n  include pipe.conf;\n}\n");
  const std::string fifo = dir.path() + "/pipe.conf";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const Config config = load_main(main, {});
  ASSERT_EQ(config.errors.size(), 1u);
  EXPECT_EQ(config.errors[0].kind, LoadErrorKind::include_missing);
  EXPECT_EQ(config.errors[0].message,
            "\"" + fifo + "\" is a FIFO, not a regular file");
}

TEST(Loader, RejectsOversizedFile) {
  testing::TempDir dir;
  const std::string path = dir.write("huge.conf", "");
  // A sparse file: the size check happens before any byte is read.
  ASSERT_EQ(::truncate(path.c_str(), 64 * 1024 * 1024 + 1), 0);
  const Config config = load_main(path, {});
  ASSERT_EQ(config.errors.size(), 1u);
  EXPECT_EQ(config.errors[0].message,
            "\"" + path +
                "\" is too large for a configuration file (67108865 bytes, "
                "the limit is 67108864 bytes)");
}

TEST(Loader, LoadsTenMegabyteLine) {
  testing::TempDir dir;
  std::string text = "events {}\nhttp { log_format big";
  for (int i = 0; i < 10 * 1024 * 1024 / 4; ++i) {
    text += " $ab";
  }
  text += "; }\n";
  const std::string main = dir.write("nginx.conf", text);
  const Config config = load_main(main, {});
  EXPECT_TRUE(config.errors.empty());
  EXPECT_EQ(config.files.at(0).text.size(), text.size());
  EXPECT_EQ(config.files[0].directives.at(1).block.at(0).args.size(),
            10u * 1024 * 1024 / 4 + 1);
}

TEST(Loader, RejectsBinaryFile) {
  testing::TempDir dir;
  const std::string path =
      dir.write("logo.png", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  const Config config = load_main(path, {});
  ASSERT_EQ(config.errors.size(), 1u);
  EXPECT_EQ(config.errors[0].kind, LoadErrorKind::syntax);
  EXPECT_EQ(config.errors[0].message,
            "file contains a NUL byte; it is not an nginx configuration file");
  EXPECT_EQ(config.errors[0].where.line, 3u);
  EXPECT_FALSE(config.files[0].parsed);
}

TEST(Loader, RejectsByteOrderMarkInIncludedFile) {
  testing::TempDir dir;
  const std::string main =
      dir.write("nginx.conf", "events {}\nhttp {\n  include site.conf;\n}\n");
  dir.write("site.conf", "\xEF\xBB\xBFserver { listen 80; }\n");
  const Config config = load_main(main, {});
  ASSERT_EQ(config.errors.size(), 1u);
  EXPECT_EQ(config.errors[0].kind, LoadErrorKind::syntax);
  EXPECT_EQ(config.errors[0].message,
            "file starts with a UTF-8 byte order mark, which nginx reads as "
            "part of the first directive name; save the file without it");
  ASSERT_LT(config.errors[0].file, config.files.size());
  EXPECT_EQ(fs::path(config.files[config.errors[0].file].path).filename(),
            "site.conf");
  EXPECT_EQ(config.errors[0].where.line, 1u);
  EXPECT_EQ(config.errors[0].where.column, 1u);
}

TEST(Loader, MapsAbsolutePathsUnderRoot) {
  testing::TempDir dir;
  const std::string root = dir.path() + "/tree";
  dir.write("tree/etc/nginx/nginx.conf",
            "events {}\nhttp {\n  include /etc/nginx/conf.d/*.conf;\n"
            "  include snippets/tls.conf;\n}\n");
  dir.write("tree/etc/nginx/conf.d/site.conf", "server { listen 80; }\n");
  dir.write("tree/etc/nginx/snippets/tls.conf", "ssl_protocols TLSv1.3;\n");
  const LoadOptions options{.root = root};

  const Config config = load_main(root + "/etc/nginx/nginx.conf", options);
  EXPECT_TRUE(config.errors.empty());
  EXPECT_EQ(config.prefix, fs::path("/etc/nginx"));
  EXPECT_EQ(config.root, fs::path(root));
  EXPECT_EQ(file_paths(config),
            (std::vector<std::string>{root + "/etc/nginx/nginx.conf",
                                      "/etc/nginx/conf.d/site.conf",
                                      "/etc/nginx/snippets/tls.conf"}));
  EXPECT_EQ(config.files[1].disk_path,
            fs::path(root + "/etc/nginx/conf.d/site.conf"));
  EXPECT_EQ(config.files[2].disk_path,
            fs::path(root + "/etc/nginx/snippets/tls.conf"));
  EXPECT_EQ(resolve_path(config, "certs/a.pem"),
            fs::path(root + "/etc/nginx/certs/a.pem"));
  EXPECT_EQ(resolve_path(config, "/etc/ssl/b.pem"),
            fs::path(root + "/etc/ssl/b.pem"));

  // An absolute input outside the root is read from inside it.
  const Config by_nginx_name = load_main("/etc/nginx/nginx.conf", options);
  EXPECT_TRUE(by_nginx_name.errors.empty());
  EXPECT_EQ(by_nginx_name.files.at(0).disk_path,
            fs::path(root + "/etc/nginx/nginx.conf"));
  EXPECT_EQ(by_nginx_name.files.size(), 3u);
}

TEST(Loader, ResolvesPathsAgainstPrefixWithoutRoot) {
  Config config;
  config.prefix = "/etc/nginx";
  EXPECT_EQ(resolve_path(config, "certs/a.pem"),
            fs::path("/etc/nginx/certs/a.pem"));
  EXPECT_EQ(resolve_path(config, "/srv/b.pem"), fs::path("/srv/b.pem"));
}

TEST(Loader, UsesNearestNginxConfForFragments) {
  testing::TempDir dir;
  dir.write("nginx.conf", "events {}\n");
  const std::string site = dir.write(
      "sites-enabled/app.conf", "server {\n  include snippets/tls.conf;\n}\n");
  dir.write("snippets/tls.conf", "ssl_protocols TLSv1.3;\n");
  const Config config = load_fragments({site}, {});
  EXPECT_EQ(config.context, RootContext::http);
  EXPECT_EQ(config.prefix, fs::path(dir.path()));
  EXPECT_TRUE(config.errors.empty());
  EXPECT_EQ(file_paths(config), (std::vector<std::string>{
                                    site, dir.path() + "/snippets/tls.conf"}));
}

TEST(Loader, UsesOwnDirectoryForFragments) {
  testing::TempDir dir;
  dir.write("a/site.conf", "server {\n  include tls.conf;\n}\n");
  dir.write("a/tls.conf", "ssl_protocols TLSv1.3;\n");
  // The root keeps the search for nginx.conf inside the temporary directory.
  const Config config =
      load_fragments({dir.path() + "/a/site.conf"}, {.root = dir.path()});
  EXPECT_EQ(config.prefix, fs::path("/a"));
  EXPECT_TRUE(config.errors.empty());
  EXPECT_EQ(
      file_paths(config),
      (std::vector<std::string>{dir.path() + "/a/site.conf", "/a/tls.conf"}));
}

TEST(Loader, FragmentOutsideRootSearchesItsOwnTree) {
  testing::TempDir repository;
  testing::TempDir root;
  repository.write("nginx.conf", "events {}\n");
  const std::string site = repository.write(
      "sites-available/app.conf", "server {\n  include snippets/tls.conf;\n}\n");
  repository.write("snippets/tls.conf", "ssl_protocols TLSv1.3;\n");
  // An absolute input would be mapped under the root; a relative one is not.
  const std::string relative_site = fs::relative(site).string();
  const Config config = load_fragments({relative_site}, {.root = root.path()});
  EXPECT_EQ(fs::absolute(config.prefix).lexically_normal(),
            fs::path(repository.path()));
  EXPECT_TRUE(config.errors.empty());
}

TEST(Loader, PrefixOptionOverridesDefault) {
  testing::TempDir dir;
  const std::string main =
      dir.write("conf/nginx.conf", "events {}\nhttp {\n  include x.conf;\n}\n");
  dir.write("other/x.conf", "server_tokens off;\n");
  const Config config =
      load_main(main, {.prefix = fs::path(dir.path()) / "other"});
  EXPECT_TRUE(config.errors.empty());
  EXPECT_EQ(file_paths(config),
            (std::vector<std::string>{main, dir.path() + "/other/x.conf"}));
}

TEST(Loader, ClassifiesMainConfigAndFragments) {
  EXPECT_TRUE(is_main_config(syntax::parse("events {}\nhttp {}\n")));
  EXPECT_TRUE(is_main_config(syntax::parse("worker_processes 2;\n")));
  EXPECT_TRUE(is_main_config(syntax::parse(
      "include /etc/nginx/modules-enabled/*.conf;\nserver {}\n")));
  EXPECT_TRUE(is_main_config(syntax::parse("error_log stderr;\n")));
  EXPECT_TRUE(is_main_config(syntax::parse("")));
  EXPECT_FALSE(is_main_config(syntax::parse("server { listen 80; }\n")));
  EXPECT_FALSE(is_main_config(syntax::parse("error_log stderr;\nserver {}\n")));
  EXPECT_FALSE(is_main_config(syntax::parse("upstream u { server a; }\n")));
}

TEST(Loader, GroupsFragmentInputsIntoOneConfig) {
  testing::TempDir dir;
  const std::string a = dir.write("a.conf", "server { listen 80; }\n");
  const std::string main = dir.write("nginx.conf", "events {}\nhttp {}\n");
  const std::string b = dir.write("b.conf", "server { listen 81; }\n");
  const std::string missing = dir.path() + "/missing.conf";
  const std::vector<Config> configs = load_inputs({a, main, b, missing}, {});
  ASSERT_EQ(configs.size(), 3u);
  EXPECT_EQ(configs[0].context, RootContext::http);
  EXPECT_EQ(file_paths(configs[0]), (std::vector<std::string>{a, b}));
  EXPECT_EQ(configs[0].roots, (std::vector<std::size_t>{0, 1}));
  EXPECT_EQ(configs[0].files[1].directives.at(0).file, 1u);
  EXPECT_EQ(configs[1].context, RootContext::main);
  EXPECT_EQ(file_paths(configs[1]), (std::vector<std::string>{main}));
  ASSERT_EQ(configs[2].errors.size(), 1u);
  EXPECT_EQ(configs[2].errors[0].kind, LoadErrorKind::io);
  EXPECT_EQ(file_paths(configs[2]), (std::vector<std::string>{missing}));
}

TEST(Loader, ReadsRepeatedInputOnce) {
  testing::TempDir dir;
  const std::string site =
      dir.write("sites-available/x", "server { listen 80; }\n");
  const std::string main = dir.write("nginx.conf", "events {}\nhttp {}\n");
  fs::create_directories(dir.path() + "/sites-enabled");
  const std::string link = dir.path() + "/sites-enabled/x";
  fs::create_symlink("../sites-available/x", link);
  const std::string dotted =
      dir.path() + "/sites-available/../sites-available/x";
  const std::vector<Config> configs =
      load_inputs({link, site, main, dotted, main, site}, {});
  ASSERT_EQ(configs.size(), 2u);
  EXPECT_EQ(file_paths(configs[0]), (std::vector<std::string>{link}));
  EXPECT_EQ(configs[0].roots, (std::vector<std::size_t>{0}));
  EXPECT_EQ(file_paths(configs[1]), (std::vector<std::string>{main}));
}

TEST(Loader, ReportsRepeatedMissingInputOnce) {
  testing::TempDir dir;
  const std::string missing = dir.path() + "/missing.conf";
  const std::vector<Config> configs =
      load_inputs({missing, dir.path() + "/./missing.conf"}, {});
  ASSERT_EQ(configs.size(), 1u);
  EXPECT_EQ(configs[0].errors.size(), 1u);
}

}  // namespace
}  // namespace tlslint::config

#include "engine/listen.h"

#include <algorithm>
#include <cctype>
#include <string_view>

namespace tlslint::engine {
namespace {

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c));
  });
}

void decode_address(std::string_view text, Listen& listen) {
  if (text.starts_with("unix:")) {
    listen.address = std::string(text);
    listen.port.clear();
    return;
  }
  if (all_digits(text)) {
    listen.address = "*";
    listen.port = std::string(text);
    return;
  }
  if (text.starts_with("[")) {
    auto close = text.find(']');
    if (close == std::string_view::npos) {
      listen.address = std::string(text);
      return;
    }
    listen.address = std::string(text.substr(0, close + 1));
    std::string_view rest = text.substr(close + 1);
    if (rest.starts_with(":") && all_digits(rest.substr(1))) {
      listen.port = std::string(rest.substr(1));
    }
    return;
  }
  auto colon = text.rfind(':');
  if (colon != std::string_view::npos && all_digits(text.substr(colon + 1))) {
    listen.address = std::string(text.substr(0, colon));
    listen.port = std::string(text.substr(colon + 1));
  } else {
    listen.address = std::string(text);
  }
  // nginx binds "*" and "0.0.0.0" to the same wildcard socket.
  if (listen.address == "0.0.0.0") listen.address = "*";
}

}  // namespace

std::string Listen::socket() const {
  if (port.empty()) return address;
  return address + ":" + port;
}

Listen parse_listen(const syntax::Directive& directive) {
  Listen listen;
  listen.directive = &directive;
  if (directive.args.empty()) return listen;
  decode_address(directive.args[0].value, listen);
  for (std::size_t i = 1; i < directive.args.size(); ++i) {
    const std::string& parameter = directive.args[i].value;
    if (parameter == "ssl") {
      listen.ssl = true;
    } else if (parameter == "http2") {
      listen.http2 = true;
    } else if (parameter == "quic") {
      listen.quic = true;
    } else if (parameter == "default_server" || parameter == "default") {
      listen.default_server = true;
    }
  }
  return listen;
}

Listen implicit_listen() { return Listen{}; }

}  // namespace tlslint::engine

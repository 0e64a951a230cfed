#include "crossplane/text.h"

namespace tlslint::crossplane {
namespace {

constexpr char kReplacement[] = "\xEF\xBF\xBD";

bool is_continuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

// Returns the length of the valid UTF-8 sequence at `data`, or 0 and the
// length of the maximal ill-formed prefix in `bad` (Unicode's "maximal
// subpart" rule, which CPython's decoder follows).
std::size_t valid_sequence(const unsigned char* data, std::size_t size,
                           std::size_t& bad) {
  unsigned char lead = data[0];
  std::size_t need = utf8_length(lead);
  bad = 1;
  if (need == 1) return 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (lead == 0xE0) low = 0xA0;
  if (lead == 0xED) high = 0x9F;
  if (lead == 0xF0) low = 0x90;
  if (lead == 0xF4) high = 0x8F;
  for (std::size_t i = 1; i < need; ++i) {
    if (i >= size) return 0;
    unsigned char byte = data[i];
    bool ok = i == 1 ? (byte >= low && byte <= high) : is_continuation(byte);
    if (!ok) return 0;
    bad = i + 1;
  }
  return need;
}

}  // namespace

std::string decode_config_text(std::string_view bytes,
                               bool lone_cr_is_newline) {
  std::string text;
  decode_config_text(bytes, text, lone_cr_is_newline);
  return text;
}

void decode_config_text(std::string_view bytes, std::string& text,
                        bool lone_cr_is_newline) {
  text.clear();
  text.reserve(bytes.size());
  auto data = reinterpret_cast<const unsigned char*>(bytes.data());
  std::size_t size = bytes.size();
  std::size_t i = 0;
  while (i < size) {
    unsigned char byte = data[i];
    if (byte < 0x80) {
      if (byte == '\r') {
        bool crlf = i + 1 < size && data[i + 1] == '\n';
        text.push_back(crlf || lone_cr_is_newline ? '\n' : '\r');
        i += crlf ? 2 : 1;
        continue;
      }
      // Copy a run of plain ASCII at once.
      std::size_t start = i;
      while (i < size && data[i] < 0x80 && data[i] != '\r') ++i;
      text.append(bytes.data() + start, i - start);
      continue;
    }
    std::size_t bad = 1;
    std::size_t length = valid_sequence(data + i, size - i, bad);
    if (length == 0) {
      text.append(kReplacement);
      i += bad;
    } else {
      text.append(bytes.data() + i, length);
      i += length;
    }
  }
}

bool is_python_space(const char* text, std::size_t length) {
  auto b = reinterpret_cast<const unsigned char*>(text);
  switch (length) {
    case 1:
      return (b[0] >= 0x09 && b[0] <= 0x0D) || (b[0] >= 0x1C && b[0] <= 0x20);
    case 2:
      return b[0] == 0xC2 && (b[1] == 0x85 || b[1] == 0xA0);
    case 3:
      if (b[0] == 0xE1) return b[1] == 0x9A && b[2] == 0x80;
      if (b[0] == 0xE3) return b[1] == 0x80 && b[2] == 0x80;
      if (b[0] != 0xE2) return false;
      if (b[1] == 0x80) {
        return b[2] <= 0x8A || b[2] == 0xA8 || b[2] == 0xA9 || b[2] == 0xAF;
      }
      return b[1] == 0x81 && b[2] == 0x9F;
    default:
      return false;
  }
}

char32_t decode_code_point(std::string_view text, std::size_t& length) {
  auto b = reinterpret_cast<const unsigned char*>(text.data());
  length = utf8_length(b[0]);
  if (length > text.size()) length = 1;
  switch (length) {
    case 2:
      return ((b[0] & 0x1F) << 6) | (b[1] & 0x3F);
    case 3:
      return ((b[0] & 0x0F) << 12) | ((b[1] & 0x3F) << 6) | (b[2] & 0x3F);
    case 4:
      return ((b[0] & 0x07) << 18) | ((b[1] & 0x3F) << 12) |
             ((b[2] & 0x3F) << 6) | (b[3] & 0x3F);
    default:
      return b[0];
  }
}

std::string_view strip_python_space(std::string_view text, bool left,
                                    bool right) {
  if (left) {
    while (!text.empty()) {
      std::size_t length = utf8_length(static_cast<unsigned char>(text[0]));
      if (length > text.size() || !is_python_space(text.data(), length)) break;
      text.remove_prefix(length);
    }
  }
  if (right) {
    while (!text.empty()) {
      // Step back to the start of the last code point.
      std::size_t start = text.size() - 1;
      while (start > 0 &&
             (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) {
        --start;
      }
      if (!is_python_space(text.data() + start, text.size() - start)) break;
      text.remove_suffix(text.size() - start);
    }
  }
  return text;
}

void prepare_if_args(std::vector<std::string_view>& args) {
  if (args.empty() || args.front().empty() || args.front()[0] != '(' ||
      args.back().empty() || args.back().back() != ')') {
    return;
  }
  args.front() = strip_python_space(args.front().substr(1), true, false);
  std::string_view last = args.back();
  last.remove_suffix(1);
  args.back() = strip_python_space(last, false, true);
  std::size_t start = args.front().empty() ? 1 : 0;
  std::size_t end = args.size() - (args.back().empty() ? 1 : 0);
  if (start >= end) {
    args.clear();
    return;
  }
  args =
      std::vector<std::string_view>(args.begin() + start, args.begin() + end);
}

}  // namespace tlslint::crossplane

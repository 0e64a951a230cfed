#pragma once

#include <cstddef>

namespace tlslint::syntax {

/// A place in a file's bytes. Lines and columns are 1-based; a column counts
/// bytes, so a tab is one column and a UTF-8 character may be several.
struct Position {
  std::size_t offset = 0;
  std::size_t line = 1;
  std::size_t column = 1;
};

/// A half-open byte range [begin, end) of one file.
struct Span {
  Position begin;
  Position end;
};

}  // namespace tlslint::syntax

#pragma once
// /internal/print_info: r_keeper prints the order's long comment on its slips, a few dozen characters a line.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace procart_sim {

// Width of a printed line, in characters.
constexpr size_t kPrintLineWidth = 40;

// Splits at line breaks, then wraps each paragraph at spaces to at most `width` UTF-8 characters
// (a word longer than a line is cut). Empty paragraphs stay as empty lines; trailing spaces are dropped.
std::vector<std::string> splitPrintLines(std::string_view text, size_t width = kPrintLineWidth);

}  // namespace procart_sim

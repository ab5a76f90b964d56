#pragma once
// Durable file writes: a reader sees the old content or the new one, never a mix, even across power loss.
#include <string>
#include <string_view>

#include "kiosk/common/expected.h"

namespace kiosk::files {

// Writes `content` to `path` via a temp file in the same directory: write, fsync, rename, fsync the directory.
// Returns an empty string on success, otherwise a description of what failed (errno text included).
std::string writeAtomically(const std::string& path, std::string_view content, unsigned mode = 0644);

// Reads a whole file; the error names the path and the reason.
Expected<std::string, std::string> readAll(const std::string& path);

// mkdir -p; an empty string on success.
std::string makeDirectories(const std::string& path, unsigned mode = 0755);

// fsync of a directory, so that a rename or create inside it survives power loss.
bool syncDirectory(const std::string& dir);

}  // namespace kiosk::files

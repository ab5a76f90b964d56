#pragma once
// File and text helpers of the fake sb_pilot: KOI8-R through glibc's iconv, whole-file reads, atomic replacement.
// Errors other than "no such file" throw std::runtime_error with the path in the message.
#include <optional>
#include <string>

namespace fake_sb_pilot {

// UTF-8 → KOI8-R through glibc's iconv, independent of the driver's own codec (so an encoding bug there is not
// mirrored here); nullopt when a character has no KOI8-R form.
std::optional<std::string> toKoi8r(const std::string& utf8);

// The whole file, or nullopt when it does not exist.
std::optional<std::string> readWholeFile(const std::string& path);

// Truncates and writes, as the module writes e and p (a reader may see a half-written file; that is the real risk).
void overwriteFile(const std::string& path, const std::string& content);

// Temp file + fsync + rename: a reader sees the old content or the new, never half of it.
void replaceFileAtomically(const std::string& path, const std::string& content);

// Appends `line` and a line feed in one write(2).
void appendLine(const std::string& path, const std::string& line);

// Sets both timestamps of `path` to `seconds_ago` before now.
void backdate(const std::string& path, long seconds_ago);

}  // namespace fake_sb_pilot

#include "kiosk/sim/image_path.h"

#include <sys/stat.h>

#include <cctype>
#include <climits>
#include <cstdlib>

namespace procart_sim {
namespace {

bool safeName(std::string_view name) {
  if (name.empty() || name.size() > 200 || name.front() == '/') return false;
  size_t start = 0;
  while (start <= name.size()) {
    size_t slash = name.find('/', start);
    std::string_view segment =
        name.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    if (segment.empty() || segment == "." || segment == "..") return false;
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  for (char c : name) {
    if (c == '\\' || c == '\0' || static_cast<unsigned char>(c) < 0x20) return false;
  }
  return true;
}

std::string contentTypeOf(std::string_view name) {
  auto dot = name.rfind('.');
  std::string ext = dot == std::string_view::npos ? "" : std::string(name.substr(dot + 1));
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == "png") return "image/png";
  if (ext == "jpg" || ext == "jpeg") return "image/jpeg";
  if (ext == "webp") return "image/webp";
  return "";
}

std::string realPath(const std::string& path) {
  char resolved[PATH_MAX];
  return ::realpath(path.c_str(), resolved) ? std::string(resolved) : std::string();
}

}  // namespace

ImageFile findImage(const std::string& images_dir, std::string_view name) {
  ImageFile out;
  std::string type = contentTypeOf(name);
  if (!safeName(name) || type.empty()) {
    out.result = ImageLookup::Refused;
    return out;
  }
  std::string root = realPath(images_dir);
  std::string file = realPath(images_dir + "/" + std::string(name));
  if (root.empty() || file.empty()) return out;  // NotFound
  // A symlink inside the folder must not lead outside it.
  if (file.compare(0, root.size() + 1, root + "/") != 0) {
    out.result = ImageLookup::Refused;
    return out;
  }
  struct stat info {};
  if (::stat(file.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) return out;
  out = {ImageLookup::Found, file, type};
  return out;
}

}  // namespace procart_sim

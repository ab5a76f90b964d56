// Writing: walks config_schema.h and emits every key in the schema's order, then saves atomically.
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "kiosk/common/atomic_file.h"
#include "kiosk/ops/config_schema.h"

namespace kiosk::ops {
namespace {

using schema::OrderedJson;

class Writer {
 public:
  Writer() { stack_.push_back(&root_); }
  OrderedJson& result() { return root_; }

  template <class F>
  void section(const char* name, F visit_keys) {
    OrderedJson& child = (*stack_.back())[name] = OrderedJson::object();
    stack_.push_back(&child);  // only `child` grows while it is on top, so the pointer stays valid
    visit_keys();
    stack_.pop_back();
  }
  void text(const char* name, std::string& value, std::string (*)(std::string&)) { top()[name] = value; }
  void id(const char* name, std::string& value, std::string (*)(std::string&)) { top()[name] = value; }
  void integer(const char* name, int& value, int, int) { top()[name] = value; }
  void flag(const char* name, bool& value) { top()[name] = value; }

  template <class E>
  void choice(const char* name, E& value, const std::vector<schema::Word<E>>& words) {
    const char* word = "?";  // an out-of-range enum; reading it back reports it
    for (const auto& w : words) {
      if (w.value == value) word = w.word;
    }
    top()[name] = word;
  }

  template <class T>
  void custom(const char* name, T& value, const schema::Custom<T>& codec) {
    top()[name] = codec.write(value);
  }

 private:
  OrderedJson& top() { return *stack_.back(); }
  OrderedJson root_ = OrderedJson::object();
  std::vector<OrderedJson*> stack_;
};

std::string toText(const OrderedJson& json) {
  // Invalid UTF-8 set in memory must not throw while saving: it is replaced, and validation reports it.
  return json.dump(2, ' ', /*ensure_ascii=*/false, OrderedJson::error_handler_t::replace) + "\n";
}

// Writes atomically. When root rewrites an existing file, the file keeps its owner (root running
// `kiosk --set-pin` must not take the secrets away from the kiosk user). Anyone else cannot chown, and need not:
// the kiosk user saving a root-owned kiosk.json (the directory is group-writable) simply becomes its owner.
std::string saveText(const std::string& path, const std::string& text, unsigned mode) {
  struct stat before {};
  bool existed = ::stat(path.c_str(), &before) == 0;
  std::string error = files::writeAtomically(path, text, mode);
  if (!error.empty()) return error;
  if (::chmod(path.c_str(), mode) != 0) return "cannot chmod " + path + ": " + std::strerror(errno);
  if (existed && ::geteuid() == 0 && (before.st_uid != 0 || before.st_gid != ::getegid())) {
    if (::chown(path.c_str(), before.st_uid, before.st_gid) != 0) {
      return "saved, but cannot give " + path + " back to its owner: " + std::strerror(errno);
    }
  }
  return {};
}

}  // namespace

std::string configToText(const KioskConfig& config) {
  KioskConfig copy = config;  // the visitor takes mutable references (the reader needs them)
  Writer writer;
  schema::visitConfig(writer, copy);
  return toText(writer.result());
}

std::string secretsToText(const KioskConfig& config) {
  KioskConfig copy = config;
  Writer writer;
  schema::visitSecrets(writer, copy);
  return toText(writer.result());
}

std::string saveConfig(const KioskConfig& config, const std::string& config_path) {
  return saveText(config_path, configToText(config), 0644);
}

std::string saveSecrets(const KioskConfig& config, const std::string& secrets_path) {
  return saveText(secrets_path, secretsToText(config), 0600);
}

}  // namespace kiosk::ops

#include "kiosk/procart/menu_snapshot.h"

#include <cstdint>
#include <cstring>
#include <limits>
#include <type_traits>

namespace kiosk::procart {
namespace {

constexpr std::string_view kMagic = "KIOSK-MENU-SNAP\n";
// Bump when the layout or Menu's fields change, or when the codec reads the same text differently: older snapshots
// are then refused and the JSON parsed instead. 2: min/max/max_count kept as sent (no longer max raised to min),
// modifiers and combo choices with an unreadable price skipped, a limited stock's bad quantity taken as 0.
constexpr uint32_t kFormat = 2;
constexpr uint32_t kByteOrderMark = 0x01020304;
constexpr size_t kHeaderSize = 16 + 4 + 4 + 8 + 8;

// Tripwires: a field added to a menu struct must be added to the writer and the reader below too (and kFormat
// bumped). The sizes are those of libstdc++ on 64-bit Linux, with gcc and clang alike.
static_assert(sizeof(LocalizedText) == 64, "LocalizedText changed: update menu_snapshot.cpp and bump kFormat");
static_assert(sizeof(Category) == 168, "Category changed: update menu_snapshot.cpp and bump kFormat");
static_assert(sizeof(Modifier) == 112, "Modifier changed: update menu_snapshot.cpp and bump kFormat");
static_assert(sizeof(ModifierGroup) == 128, "ModifierGroup changed: update menu_snapshot.cpp and bump kFormat");
static_assert(sizeof(ModifierScheme) == 56, "ModifierScheme changed: update menu_snapshot.cpp and bump kFormat");
static_assert(sizeof(ComboItem) == 40, "ComboItem changed: update menu_snapshot.cpp and bump kFormat");
static_assert(sizeof(ComboGroup) == 160, "ComboGroup changed: update menu_snapshot.cpp and bump kFormat");
static_assert(sizeof(ComboScheme) == 120, "ComboScheme changed: update menu_snapshot.cpp and bump kFormat");
static_assert(sizeof(Dish) == 376, "Dish changed: update menu_snapshot.cpp and bump kFormat");
static_assert(sizeof(Menu) == 128, "Menu changed: update menu_snapshot.cpp and bump kFormat");

class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {}

  template <class T>
  void raw(T value) {
    static_assert(std::is_trivially_copyable_v<T>);
    char bytes[sizeof(T)];
    std::memcpy(bytes, &value, sizeof(T));
    out_.append(bytes, sizeof(T));
  }
  void count(size_t n) { raw(static_cast<uint32_t>(n)); }
  void integer(int64_t v) { raw(v); }
  void text(const std::string& s) {
    count(s.size());
    out_.append(s);
  }
  void text(const LocalizedText& t) {
    text(t.ru);
    text(t.en);
  }
  template <class T, class Each>
  void list(const std::vector<T>& items, Each each) {
    count(items.size());
    for (const T& item : items) each(item);
  }

 private:
  std::string& out_;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}

  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }
  bool atEnd() const { return at_ == in_.size(); }

  template <class T>
  T raw(const char* what) {
    T value{};
    if (!take(sizeof(T), what)) return value;
    std::memcpy(&value, in_.data() + at_ - sizeof(T), sizeof(T));
    return value;
  }
  // A count of elements that each take at least `min_bytes`: one larger than the rest of the input is damage,
  // refused before anything is reserved for it.
  size_t count(const char* what, size_t min_bytes) {
    auto n = raw<uint32_t>(what);
    if (ok() && n > (in_.size() - at_) / min_bytes) fail(std::string(what) + ": count beyond the end");
    return ok() ? n : 0;
  }
  int64_t integer(const char* what) { return raw<int64_t>(what); }
  int smallInt(const char* what) {
    int64_t v = integer(what);
    if (v < std::numeric_limits<int>::min() || v > std::numeric_limits<int>::max()) {
      fail(std::string(what) + ": out of range");
      return 0;
    }
    return static_cast<int>(v);
  }
  std::string text(const char* what) {
    auto n = raw<uint32_t>(what);
    if (!take(n, what)) return {};
    return std::string(in_.substr(at_ - n, n));
  }
  LocalizedText localized(const char* what) {
    LocalizedText t;
    t.ru = text(what);
    t.en = text(what);
    return t;
  }
  template <class T, class Each>
  std::vector<T> list(const char* what, size_t min_bytes, Each each) {
    std::vector<T> items;
    size_t n = count(what, min_bytes);
    items.reserve(n);
    for (size_t i = 0; i < n && ok(); ++i) items.push_back(each());
    return items;
  }
  void fail(std::string why) {
    if (error_.empty()) error_ = std::move(why);
  }

 private:
  bool take(size_t n, const char* what) {
    if (!ok()) return false;
    if (n > in_.size() - at_) {
      fail(std::string(what) + ": past the end (truncated)");
      return false;
    }
    at_ += n;
    return true;
  }

  std::string_view in_;
  size_t at_ = 0;
  std::string error_;
};

void writeMenu(Writer& w, const Menu& menu) {
  w.text(menu.version);
  w.list(menu.categories, [&](const Category& c) {
    w.text(c.id);
    w.text(c.name);
    w.text(c.parent_id);
    w.integer(c.sort);
    w.text(c.image);
  });
  w.list(menu.dishes, [&](const Dish& d) {
    w.text(d.id);
    w.text(d.code);
    w.text(d.name);
    w.text(d.description);
    w.text(d.category_id);
    w.integer(d.price.kopecks());
    w.text(d.image);
    w.raw<uint8_t>(d.kcal.has_value());
    if (d.kcal) w.integer(*d.kcal);
    w.list(d.tags, [&](const std::string& tag) { w.text(tag); });
    w.raw<uint8_t>(static_cast<uint8_t>(d.stock.kind));
    w.integer(d.stock.quantity);
    w.text(d.modifier_scheme_id);
    w.text(d.combo_scheme_id);
  });
  w.list(menu.modifier_schemes, [&](const ModifierScheme& s) {
    w.text(s.id);
    w.list(s.groups, [&](const ModifierGroup& g) {
      w.text(g.id);
      w.text(g.name);
      w.integer(g.min);
      w.integer(g.max);
      w.list(g.modifiers, [&](const Modifier& m) {
        w.text(m.id);
        w.text(m.name);
        w.integer(m.price.kopecks());
        w.integer(m.max_count);
      });
    });
  });
  w.list(menu.combo_schemes, [&](const ComboScheme& s) {
    w.text(s.id);
    w.text(s.name);
    w.list(s.groups, [&](const ComboGroup& g) {
      w.text(g.id);
      w.text(g.name);
      w.integer(g.min);
      w.integer(g.max);
      w.text(g.default_dish_id);
      w.list(g.items, [&](const ComboItem& item) {
        w.text(item.dish_id);
        w.integer(item.price_delta.kopecks());
      });
    });
  });
}

// The smallest encodings, so that a damaged count is caught before it is reserved: an empty string is 4 bytes.
constexpr size_t kMinText = 4;
constexpr size_t kMinLocalized = 2 * kMinText;

Menu readMenu(Reader& r) {
  Menu menu;
  menu.version = r.text("menu version");
  menu.categories = r.list<Category>("categories", 3 * kMinText + kMinLocalized + 8, [&] {
    Category c;
    c.id = r.text("category id");
    c.name = r.localized("category name");
    c.parent_id = r.text("category parent");
    c.sort = r.smallInt("category sort");
    c.image = r.text("category image");
    return c;
  });
  menu.dishes = r.list<Dish>("dishes", 6 * kMinText + 2 * kMinLocalized + 8 + 1 + 4 + 1 + 8, [&] {
    Dish d;
    d.id = r.text("dish id");
    d.code = r.text("dish code");
    d.name = r.localized("dish name");
    d.description = r.localized("dish description");
    d.category_id = r.text("dish category");
    d.price = Money::kopecks(r.integer("dish price"));
    d.image = r.text("dish image");
    auto has_kcal = r.raw<uint8_t>("dish kcal flag");
    if (has_kcal > 1) r.fail("dish kcal flag: neither 0 nor 1");
    if (has_kcal == 1) d.kcal = r.smallInt("dish kcal");
    d.tags = r.list<std::string>("dish tags", kMinText, [&] { return r.text("dish tag"); });
    auto kind = r.raw<uint8_t>("dish stock kind");
    if (kind > static_cast<uint8_t>(StockKind::Prohibited)) r.fail("dish stock kind: unknown value");
    d.stock.kind = static_cast<StockKind>(kind);
    d.stock.quantity = r.integer("dish stock quantity");
    d.modifier_scheme_id = r.text("dish modifier scheme");
    d.combo_scheme_id = r.text("dish combo scheme");
    return d;
  });
  menu.modifier_schemes = r.list<ModifierScheme>("modifier schemes", 2 * kMinText, [&] {
    ModifierScheme s;
    s.id = r.text("modifier scheme id");
    s.groups = r.list<ModifierGroup>("modifier groups", kMinText + kMinLocalized + 16 + 4, [&] {
      ModifierGroup g;
      g.id = r.text("modifier group id");
      g.name = r.localized("modifier group name");
      g.min = r.smallInt("modifier group min");
      g.max = r.smallInt("modifier group max");
      g.modifiers = r.list<Modifier>("modifiers", kMinText + kMinLocalized + 16, [&] {
        Modifier m;
        m.id = r.text("modifier id");
        m.name = r.localized("modifier name");
        m.price = Money::kopecks(r.integer("modifier price"));
        m.max_count = r.smallInt("modifier max count");
        return m;
      });
      return g;
    });
    return s;
  });
  menu.combo_schemes = r.list<ComboScheme>("combo schemes", kMinText + kMinLocalized + 4, [&] {
    ComboScheme s;
    s.id = r.text("combo scheme id");
    s.name = r.localized("combo scheme name");
    s.groups = r.list<ComboGroup>("combo groups", 2 * kMinText + kMinLocalized + 16 + 4, [&] {
      ComboGroup g;
      g.id = r.text("combo group id");
      g.name = r.localized("combo group name");
      g.min = r.smallInt("combo group min");
      g.max = r.smallInt("combo group max");
      g.default_dish_id = r.text("combo group default");
      g.items = r.list<ComboItem>("combo items", kMinText + 8, [&] {
        ComboItem item;
        item.dish_id = r.text("combo item dish");
        item.price_delta = Money::kopecks(r.integer("combo item price delta"));
        return item;
      });
      return g;
    });
    return s;
  });
  return menu;
}

}  // namespace

uint64_t wordHash(std::string_view bytes) {
  constexpr uint64_t kPrime = 1099511628211ULL;
  uint64_t hash = 1469598103934665603ULL;
  size_t at = 0;
  for (; at + 8 <= bytes.size(); at += 8) {
    uint64_t word;
    std::memcpy(&word, bytes.data() + at, 8);
    hash = (hash ^ word) * kPrime;
  }
  for (; at < bytes.size(); ++at) hash = (hash ^ static_cast<unsigned char>(bytes[at])) * kPrime;
  return hash ^ bytes.size();
}

std::string encodeMenuSnapshot(const Menu& menu, const std::vector<std::string>& problems,
                               const std::string& source_hash) {
  // The header goes first with its size and hash left blank, filled in once the payload behind it is written:
  // the snapshot is built in one buffer, never copied.
  std::string out(kMagic);
  Writer w(out);
  w.raw(kFormat);
  w.raw(kByteOrderMark);
  w.raw(uint64_t{0});
  w.raw(uint64_t{0});
  w.text(source_hash);
  w.list(problems, [&](const std::string& line) { w.text(line); });
  writeMenu(w, menu);

  std::string_view payload = std::string_view(out).substr(kHeaderSize);
  const uint64_t size = payload.size(), hash = wordHash(payload);
  std::memcpy(out.data() + kHeaderSize - 16, &size, 8);
  std::memcpy(out.data() + kHeaderSize - 8, &hash, 8);
  return out;
}

std::optional<MenuSnapshot> decodeMenuSnapshot(std::string_view bytes, std::string* why) {
  auto fail = [&](const std::string& reason) -> std::optional<MenuSnapshot> {
    if (why) *why = reason;
    return std::nullopt;
  };
  if (bytes.size() < kHeaderSize || bytes.substr(0, kMagic.size()) != kMagic) return fail("not a menu snapshot");
  Reader header(bytes.substr(kMagic.size(), kHeaderSize - kMagic.size()));
  auto format = header.raw<uint32_t>("format");
  auto mark = header.raw<uint32_t>("byte order");
  auto size = header.raw<uint64_t>("payload size");
  auto hash = header.raw<uint64_t>("payload hash");
  if (format != kFormat) return fail("snapshot format " + std::to_string(format) + ", not " + std::to_string(kFormat));
  if (mark != kByteOrderMark) return fail("snapshot written with another byte order");
  std::string_view payload = bytes.substr(kHeaderSize);
  if (size != payload.size()) return fail("snapshot size differs from its header (truncated)");
  if (hash != wordHash(payload)) return fail("snapshot checksum differs from its header (damaged)");

  Reader r(payload);
  MenuSnapshot out;
  out.source_hash = r.text("source hash");
  out.problems = r.list<std::string>("problems", kMinText, [&] { return r.text("problem"); });
  out.menu = readMenu(r);
  if (r.ok() && !r.atEnd()) r.fail("bytes after the menu");
  if (!r.ok()) return fail("snapshot unreadable: " + r.error());
  return out;
}

}  // namespace kiosk::procart

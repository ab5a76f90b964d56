// Categories: unique ids, existing parents, no parent cycles, no deeper than the menu screen shows.
#include "kiosk/core/menu_checks.h"
#include "kiosk/core/menu_checks_steps.h"

namespace kiosk::menu_checks {
namespace {

void dropNamelessAndRepeated(std::vector<Category>& categories, Lines& lines) {
  std::unordered_set<std::string_view> seen;
  std::vector<char> drop(categories.size(), 0);
  bool any = false;
  for (size_t i = 0; i < categories.size(); ++i) {
    const Category& category = categories[i];
    if (category.id.empty()) {
      lines.push_back("category without id dropped");
    } else if (!seen.insert(category.id).second) {
      lines.push_back("duplicate category " + category.id + " dropped");
    } else {
      continue;
    }
    drop[i] = 1;
    any = true;
  }
  if (any) eraseFlagged(categories, drop);
}

// Which link of a cycle is "wrong" cannot be known, so every member is made top-level: the result does not depend
// on the order the categories come in, and no member ends up inside another by chance.
void detachCycles(std::vector<Category>& categories, const std::unordered_map<std::string, size_t>& position,
                  Lines& lines) {
  enum Mark : char { Unvisited, OnPath, Done };
  std::vector<Mark> marks(categories.size(), Unvisited);
  std::vector<size_t> path;
  for (size_t start = 0; start < categories.size(); ++start) {
    path.clear();
    size_t at = start;
    while (marks[at] == Unvisited) {
      marks[at] = OnPath;
      path.push_back(at);
      const std::string& parent = categories[at].parent_id;
      if (parent.empty()) break;
      at = position.at(parent);
    }
    if (marks[at] == OnPath && !categories[at].parent_id.empty()) {
      // `at` is on the current path and its chain led back to it: path[from..] is the cycle.
      size_t from = 0;
      while (path[from] != at) ++from;
      std::string chain, members;
      for (size_t i = from; i < path.size(); ++i) {
        chain += categories[path[i]].id + " -> ";
        members += (i == from ? "" : ", ") + categories[path[i]].id;
      }
      lines.push_back("category cycle " + chain + categories[at].id + "; " + members + " made top-level");
      for (size_t i = from; i < path.size(); ++i) categories[path[i]].parent_id.clear();
    }
    for (size_t i : path) marks[i] = Done;
  }
}

// The menu screen stops kMaxCategoryDepth levels down: a category below that would be unreachable there.
void detachTooDeep(std::vector<Category>& categories, const std::unordered_map<std::string, size_t>& position,
                   Lines& lines) {
  std::vector<int> depth(categories.size(), -1);
  std::vector<size_t> chain;
  for (size_t start = 0; start < categories.size(); ++start) {
    // Walk up to a category whose depth is known (or the top), then resolve back down.
    chain.clear();
    size_t at = start;
    while (depth[at] < 0) {
      chain.push_back(at);
      if (categories[at].parent_id.empty()) break;
      at = position.at(categories[at].parent_id);
    }
    int above = depth[at] >= 0 ? depth[at] : -1;  // -1: the chain reached the top
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
      Category& category = categories[*it];
      int level = category.parent_id.empty() ? 0 : above + 1;
      if (level > kMaxCategoryDepth) {
        lines.push_back("category " + category.id + " sits " + std::to_string(level) + " levels deep, more than the " +
                        std::to_string(kMaxCategoryDepth) + " the menu shows; made top-level");
        category.parent_id.clear();
        level = 0;
      }
      depth[*it] = level;
      above = level;
    }
  }
}

}  // namespace

void checkCategories(std::vector<Category>& categories, Lines& lines) {
  dropNamelessAndRepeated(categories, lines);
  std::unordered_map<std::string, size_t> position;
  position.reserve(categories.size());
  for (size_t i = 0; i < categories.size(); ++i) position.emplace(categories[i].id, i);
  for (Category& category : categories) {
    if (!category.parent_id.empty() && !position.count(category.parent_id)) {
      lines.push_back("category " + category.id + " names missing parent " + category.parent_id + "; made top-level");
      category.parent_id.clear();
    }
  }
  detachCycles(categories, position, lines);
  detachTooDeep(categories, position, lines);
}

}  // namespace kiosk::menu_checks

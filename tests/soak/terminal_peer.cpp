#include "tests/soak/terminal_peer.h"

namespace soak {

const char* terminalKindName(TerminalKind kind) {
  switch (kind) {
    case TerminalKind::Sim: return "sim";
    case TerminalKind::Vtk: return "vtk";
    case TerminalKind::SbPilot: return "sbpilot";
  }
  return "?";
}

std::optional<TerminalKind> terminalKindFromName(std::string_view name) {
  for (auto kind : {TerminalKind::Sim, TerminalKind::Vtk, TerminalKind::SbPilot}) {
    if (name == terminalKindName(kind)) return kind;
  }
  return std::nullopt;
}

std::unique_ptr<TerminalPeer> makeTerminalPeer(const PeerOptions& options) {
  switch (options.kind) {
    case TerminalKind::Sim: return makeSimPeer(options);
    case TerminalKind::Vtk: return makeVtkPeer(options);
    case TerminalKind::SbPilot: return makeSbPilotPeer(options);
  }
  return nullptr;
}

}  // namespace soak

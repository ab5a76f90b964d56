# Flags shared by every target of the project.

# Line tables only (-g1): backtraces keep file:line, and the build is a third faster than with full -g
# (nlohmann::json and Catch2 instantiate a lot). NDEBUG stays off: the asserts guard invariants we want to hear about.
set(CMAKE_CXX_FLAGS_RELWITHDEBINFO "-O2 -g1")
set(CMAKE_C_FLAGS_RELWITHDEBINFO "-O2 -g1")

# Our own code compiles warning-free with these; system headers are included with -isystem by CMake.
set(KIOSK_WARNINGS -Wall -Wextra -Wpedantic)

if(KIOSK_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

# kiosk_target_defaults(<target>): warnings and the include root (so headers are "core/money.h", "payment/terminal.h").
function(kiosk_target_defaults target)
  target_compile_options(${target} PRIVATE ${KIOSK_WARNINGS})
endfunction()

# kiosk_add_tests(<name> SOURCES ... LIBS ...): one Catch2 executable, one ctest per TEST_CASE.
function(kiosk_add_tests name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  kiosk_target_defaults(${name})
  target_link_libraries(${name} PRIVATE Catch2::Catch2WithMain ${ARG_LIBS})
  target_compile_definitions(${name} PRIVATE
    KIOSK_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    KIOSK_BINARY_DIR="${PROJECT_BINARY_DIR}"
    KIOSK_ASSETS_DIR="${PROJECT_SOURCE_DIR}/assets")
  catch_discover_tests(${name} TEST_PREFIX "${name}:" PROPERTIES TIMEOUT 300)
endfunction()

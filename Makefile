# The two commands of the README, and a few helpers. Each target installs missing Debian packages first.
#   make demo   – build and run the kiosk in demo mode (embedded ProCart emulator + simulated terminal)
#   make test   – build and run every test through ctest
BUILD     ?= build
ASAN_BUILD ?= build-asan
JOBS      ?= 2
CMAKE_ARGS ?=

.PHONY: all deps build test test-asan demo bench soak fuzz package clean

all: build

deps:
	@packaging/deps.sh

$(BUILD)/CMakeCache.txt: | deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_ARGS)

build: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j$(JOBS)

test: build
	cd $(BUILD) && ctest --output-on-failure -j$(JOBS) --timeout 600

demo: build
	$(BUILD)/kiosk/app/kiosk --demo

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)

# The two commands of the README, and a few helpers. Each target installs missing Debian packages first.
#   make demo   – build and run the kiosk in demo mode (embedded ProCart emulator + simulated terminal)
#   make test   – build and run every test through ctest
BUILD      ?= build
ASAN_BUILD ?= build-asan
JOBS       ?= 2
CMAKE_ARGS ?=
# The second build of `make test`: clang with ASan+UBSan and the libFuzzer targets (their corpora run as tests),
# every component: the whole suite runs a second time under the sanitizers.
ASAN_COMPONENTS ?= common;core;procart;sim;payment;drivers;ops;runtime;ui
SOAK_ORDERS ?= 5000
FUZZ_SECONDS ?= 300
DEMO_ARGS ?=

.PHONY: all deps build test test-main test-asan demo bench soak fuzz package screenshots clean

all: build

deps:
	@packaging/deps.sh

$(BUILD)/CMakeCache.txt: | deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_ARGS)

build: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j$(JOBS)

# The gcc build with every suite, then the sanitizer build (clang, ASan+UBSan) of the non-UI suites.
test: test-main test-asan

test-main: build
	cd $(BUILD) && ctest --output-on-failure -j$(JOBS) --timeout 600

$(ASAN_BUILD)/CMakeCache.txt: | deps
	CC=clang CXX=clang++ cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKIOSK_SANITIZE=ON -DKIOSK_FUZZ=ON \
	  "-DKIOSK_COMPONENTS=$(ASAN_COMPONENTS)" $(CMAKE_ARGS)

test-asan: deps $(ASAN_BUILD)/CMakeCache.txt
	cmake --build $(ASAN_BUILD) -j$(JOBS)
	cd $(ASAN_BUILD) && UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j$(JOBS) --timeout 600

demo: build
	$(BUILD)/kiosk/app/kiosk --demo $(DEMO_ARGS)

package: build
	cd $(BUILD) && cpack -G DEB
	packaging/check-deb.sh $(BUILD)/procart-kiosk_*.deb

soak: build
	SOAK_ORDERS=$(SOAK_ORDERS) tests/soak/run-soak.sh $(BUILD)

fuzz: deps $(ASAN_BUILD)/CMakeCache.txt
	cmake --build $(ASAN_BUILD) -j$(JOBS)
	BUILD=$(ASAN_BUILD) tests/fuzz/run-fuzz.sh $(FUZZ_SECONDS)

bench: build
	tests/bench/run-bench.sh $(BUILD)

# Screenshots of every guest screen (ru and en) into docs/screenshots/, from the e2e scripts.
screenshots: build
	tests/e2e/make-screenshots.sh $(BUILD) docs/screenshots

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)

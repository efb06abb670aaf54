# The README's two commands are `make demo` and `make test`; both install what is missing first.
.PHONY: demo test deps build-release build-debug bench format format-check tidy clean

JOBS ?= $(shell nproc)

deps:
	./scripts/install-deps.sh

# The demo needs only the program; `make bench` builds the benchmarks.
build-release: deps
	cmake --preset release >/dev/null
	cmake --build --preset release -j $(JOBS) --target kangfu

bench: deps
	cmake --preset release >/dev/null
	cmake --build --preset release -j $(JOBS)

build-debug: deps
	cmake --preset debug >/dev/null
	cmake --build --preset debug -j $(JOBS)

# Installs, builds and runs the product on its demo data.
demo: build-release
	./scripts/build-web.sh
	./scripts/demo.sh

# Installs, builds and runs every test. The debug build is the AddressSanitizer/UBSan build: one
# compile of the project serves the tests, the sanitizers and clang-tidy's compile database.
test: build-debug
	./scripts/test.sh debug

format:
	./scripts/check-format.sh --fix

format-check:
	./scripts/check-format.sh

# clang-tidy needs a configured tree, not a built one (scripts/check-tidy.sh configures build/tidy).
tidy: deps
	./scripts/check-tidy.sh

clean:
	rm -rf build

# Kiln's two commands:
#   make demo   install dependencies, build, compile the examples, run the C program
#   make test   install dependencies, build, run the whole test suite through ctest
BUILD_DIR ?= build
JOBS ?= $(shell nproc)

.PHONY: all deps configure build demo test clean

all: build

deps:
	bash scripts/install-deps.sh

configure: deps
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release

build: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

demo: build
	$(MAKE) -C examples/embed-c BUILD_DIR=$(abspath $(BUILD_DIR)) run

test: build
	cd $(BUILD_DIR) && ctest --output-on-failure --timeout 2400

clean:
	rm -rf $(BUILD_DIR)

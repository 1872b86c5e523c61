# Outpost: `make run` to try it, `make test` for everything CI checks, `make bench` for figures.
SHELL := /bin/bash
CARGO ?= cargo
DEMO_DIR ?= demo-data
HQ_DIR ?= hq-data
HQ_LISTEN ?= 127.0.0.1:8730

# Debian packages: the C compiler for bundled SQLite; PostgreSQL for the HQ's second backend in tests.
BUILD_DEBS := gcc pkg-config
TEST_DEBS := python3 postgresql

.PHONY: run hq test bench deps fmt lint

deps:
	@command -v $(CARGO) >/dev/null || { echo "cargo is missing: install Rust with rustup (https://rustup.rs)"; exit 1; }
	@scripts/ensure-debs.sh $(BUILD_DEBS)

run: deps
	@scripts/ensure-debs.sh curl
	$(CARGO) build --release -p outpost-cli -p outpost-hq
	@HQ_DIR=$(HQ_DIR) DEMO_DIR=$(DEMO_DIR) HQ_LISTEN=$(HQ_LISTEN) scripts/run-demo.sh

# A local HQ with demo data, in the foreground (Ctrl-C stops it).
hq: deps
	$(CARGO) build --release -p outpost-hq
	@echo "Demo engineers and their one-time enrollment codes:"
	@target/release/outpost-hq admin --data-dir $(HQ_DIR) seed-demo
	@echo "Dispatcher token: $$(target/release/outpost-hq admin --data-dir $(HQ_DIR) dispatcher-token | tail -1)"
	target/release/outpost-hq serve --data-dir $(HQ_DIR) --listen $(HQ_LISTEN)

test: deps
	@scripts/ensure-debs.sh $(TEST_DEBS)
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets --locked -- -D warnings
	scripts/with-postgres.sh $(CARGO) test --workspace --locked

bench: deps
	@scripts/ensure-debs.sh $(TEST_DEBS)
	$(CARGO) bench --locked -p outpost-store --bench store
	$(CARGO) bench --locked -p outpost-tests --bench sync
	scripts/with-postgres.sh $(CARGO) bench --locked -p outpost-hq --bench load

fmt:
	$(CARGO) fmt --all

lint:
	$(CARGO) clippy --workspace --all-targets --locked -- -D warnings

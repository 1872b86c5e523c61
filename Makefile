# Outpost: `make run` to try it, `make test` for everything CI checks, `make bench` for figures.
SHELL := /bin/bash
CARGO ?= cargo
DEMO_DIR ?= demo-data
HQ_DIR ?= hq-data
HQ_LISTEN ?= 127.0.0.1:8730

# Debian packages: the C compiler for bundled SQLite; PostgreSQL for the HQ's second backend in tests;
# poppler-utils (pdftotext, pdftoppm, pdfimages) to read receipts back.
BUILD_DEBS := gcc pkg-config
# The desktop app (Tauri 2 on WebKitGTK); Node builds its UI.
APP_DEBS := libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev libayatana-appindicator3-dev
TEST_DEBS := python3 postgresql poppler-utils
# The real window under a virtual display, driven over WebDriver.
E2E_DEBS := webkit2gtk-driver xvfb procps poppler-utils
TAURI_DRIVER_VERSION := 2.1.0

.PHONY: run hq test bench deps ui console ui-test e2e e2e-run console-e2e console-e2e-run fmt lint

deps:
	@command -v $(CARGO) >/dev/null || { echo "cargo is missing: install Rust with rustup (https://rustup.rs)"; exit 1; }
	@scripts/ensure-debs.sh $(BUILD_DEBS) $(APP_DEBS)
	@command -v npm >/dev/null || scripts/ensure-debs.sh nodejs npm

# The UI bundle the app embeds (built before any cargo step that compiles src-tauri).
ui: deps
	@# npm ci refuses this lock (npm leaves the other platforms' optional rollup binaries out of
	@# it); npm install with --no-save installs exactly the locked versions and changes nothing.
	cd ui && npm install --no-save --no-audit --no-fund --loglevel=error
	cd ui && npm run build

# The HQ console, embedded in outpost-hq at compile time (built before any cargo step that
# compiles crates/hq).
console: deps
	cd console && npm install --no-save --no-audit --no-fund --loglevel=error
	cd console && npm run build

ui-test: ui
	cd ui && npm test

# The real window under Xvfb through tauri-driver, against a real HQ (shared/e2e.md).
e2e: ui console e2e-run

e2e-run:
	@scripts/ensure-debs.sh $(E2E_DEBS)
	@command -v tauri-driver >/dev/null || [ -x "$$HOME/.cargo/bin/tauri-driver" ] || $(CARGO) install tauri-driver --locked --version $(TAURI_DRIVER_VERSION)
	@# Built as `make test` builds (whole workspace, test features) so nothing compiles twice;
	@# this also builds target/debug/outpost-app, the binary the E2E run starts.
	$(CARGO) test --workspace --locked --no-run
	$(CARGO) test --workspace --locked --test e2e -- --ignored --nocapture --test-threads=1

run: ui console
	@scripts/ensure-debs.sh curl
	$(CARGO) build --release -p outpost-cli -p outpost-hq
	$(CARGO) build -p outpost-app
	@HQ_DIR=$(HQ_DIR) DEMO_DIR=$(DEMO_DIR) HQ_LISTEN=$(HQ_LISTEN) scripts/run-demo.sh

# The HQ console in Debian's Chromium against a real HQ and a real laptop (console/e2e/board.mjs);
# screenshots in target/console-screens/. Uses the binaries the test build makes.
console-e2e: console console-e2e-run

console-e2e-run:
	@scripts/ensure-debs.sh chromium
	$(CARGO) test --workspace --locked --no-run
	cd console && node e2e/board.mjs

# A local HQ with demo data, in the foreground (Ctrl-C stops it).
hq: deps console
	$(CARGO) build --release -p outpost-hq
	@echo "Demo engineers and their one-time enrollment codes:"
	@target/release/outpost-hq admin --data-dir $(HQ_DIR) seed-demo
	@echo "Dispatcher token: $$(target/release/outpost-hq admin --data-dir $(HQ_DIR) dispatcher-token | tail -1)"
	target/release/outpost-hq serve --data-dir $(HQ_DIR) --listen $(HQ_LISTEN)

test: ui console
	@scripts/ensure-debs.sh $(TEST_DEBS)
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets --locked -- -D warnings
	scripts/with-postgres.sh $(CARGO) test --workspace --locked
	@git diff --exit-code --stat -- ui/src/bindings console/src/bindings || { echo "ui/src/bindings or console/src/bindings changed: commit the regenerated TypeScript bindings"; exit 1; }
	@test -z "$$(git status --porcelain -- ui/src/bindings console/src/bindings)" || { echo "new TypeScript bindings: commit them"; git status --short -- ui/src/bindings console/src/bindings; exit 1; }
	cd ui && npm test
	cd console && npm test
	$(MAKE) e2e-run
	$(MAKE) console-e2e-run

bench: deps
	@scripts/ensure-debs.sh $(TEST_DEBS)
	$(CARGO) bench --locked -p outpost-store --bench store
	$(CARGO) bench --locked -p outpost-tests --bench sync
	$(CARGO) bench --locked -p outpost-receipt --bench render
	scripts/with-postgres.sh $(CARGO) bench --locked -p outpost-hq --bench load
	$(CARGO) bench --locked -p outpost-hq --bench statistics

fmt:
	$(CARGO) fmt --all

lint: ui console
	$(CARGO) clippy --workspace --all-targets --locked -- -D warnings

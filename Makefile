# The two commands of the README. Both work on a fresh clone: they install what they need first.
.PHONY: run test setup build lint typecheck bench chromium poppler clamav postgresql

# Install npm dependencies when node_modules is missing or older than the lock file.
setup:
	@if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then npm ci --no-audit --no-fund; fi

build: setup
	npm run --silent build

# A second `make run` on the same data folder stops here, before rebuilding dist/ under the one running
# (run-stack.js checks it again, and the ports, before it starts anything).
run:
	@pid=$$(cat "$${DATA_DIR:-.data}/run.pid" 2>/dev/null); \
	if [ -n "$$pid" ] && tr '\0' ' ' < "/proc/$$pid/cmdline" 2>/dev/null | grep -q run-stack; then \
	  printf '{"level":"error","context":"run","message":"The run command is already running on %s (pid %s): stop it first (Ctrl-C), or set DATA_DIR to another folder"}\n' "$$(cd "$${DATA_DIR:-.data}" && pwd)" "$$pid" >&2; \
	  exit 1; \
	fi
	@$(MAKE) --no-print-directory build
	node --enable-source-maps dist/scripts/run-stack.js

typecheck: setup
	npm run --silent typecheck

lint: setup
	npm run --silent lint

# The browser tests drive Debian's Chromium (never a downloaded browser): installed with apt-get when missing.
chromium:
	@command -v chromium >/dev/null 2>&1 || { echo "Installing chromium with apt-get"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

# The paper tests read the generated PDFs back with Debian's poppler-utils (pdftotext, pdftoppm, pdffonts, pdfsig).
poppler:
	@command -v pdftotext >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1 && command -v pdfsig >/dev/null 2>&1 || { echo "Installing poppler-utils with apt-get"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq poppler-utils >/dev/null; }

# The evidence-file tests scan uploads with a real clamd (Debian's clamav-daemon, loaded with a test signature the
# tests write; the official database cannot be downloaded here).
clamav:
	@command -v clamd >/dev/null 2>&1 || [ -x /usr/sbin/clamd ] || { echo "Installing clamav-daemon with apt-get"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq clamav-daemon >/dev/null; }

# The backup test runs Debian's PostgreSQL server (an external server, as an operator installs one) with its own
# pg_dump and pg_restore: installed with apt-get when missing.
postgresql:
	@[ -x /usr/lib/postgresql/15/bin/postgres ] && [ -x /usr/lib/postgresql/15/bin/pg_dump ] || { echo "Installing postgresql-15 with apt-get"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq postgresql-15 >/dev/null; }

# The durability and fault tests and a compressed campaign also run on the production topology's Temporal server
# (built once from the Go module proxy into .tools/, on the suite's PostgreSQL): TEST_CLUSTER=1.
# Then a share of the suite again on Debian's PostgreSQL 15 (an external server, as an operator installs one): the
# store, the API's durability, a compressed campaign through the API, crash recovery and recovery from the log.
EXTERNAL_PG_SUITES = libs/persistence apps/api/test/api-durability.e2e-spec.ts apps/api/test/campaign-api.e2e-spec.ts \
  apps/worker/test/crash-recovery.e2e-spec.ts apps/worker/test/recover-from-log.e2e-spec.ts
test: setup typecheck lint chromium poppler clamav postgresql
	TEST_CLUSTER=$${TEST_CLUSTER:-1} npx jest --ci
	TEST_POSTGRES=debian-15 TEST_CLUSTER=0 npx jest --ci $(EXTERNAL_PG_SUITES)

bench: build
	node --enable-source-maps dist/scripts/bench-launch.js $(ARGS)

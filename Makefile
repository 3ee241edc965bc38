# The two commands of the README. Both work on a fresh clone: they install what they need first.
.PHONY: run test setup build lint typecheck bench

# Install npm dependencies when node_modules is missing or older than the lock file.
setup:
	@if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then npm ci --no-audit --no-fund; fi

build: setup
	npm run --silent build

run: build
	node --enable-source-maps dist/scripts/run-stack.js

typecheck: setup
	npm run --silent typecheck

lint: setup
	npm run --silent lint

test: setup typecheck lint
	npx jest --ci

bench: build
	node --enable-source-maps dist/scripts/bench-launch.js $(ARGS)

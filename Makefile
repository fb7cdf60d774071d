# whodid: one-command setup, demo and tests on a fresh machine with python3 and make.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SAMPLES := src/whodid/samples

.PHONY: demo test lint eval bench clean

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check \
		-c requirements.lock -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	@echo "== whodid code: bundled sample articles (one line per event)"
	$(BIN)/whodid code --format table $(SAMPLES)/*.txt $(SAMPLES)/corpus.jsonl
	@echo "== full JSON Lines records: $(BIN)/whodid code $(SAMPLES)/violence.txt"

test: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks

eval: $(STAMP)
	$(BIN)/whodid eval ../shared/eval/dev/plover_gsr_cameo_manual.jsonl \
		../shared/eval/dev/cameo_codebook_examples.jsonl \
		../shared/eval/dev/petr2_gsr_validation.jsonl \
		corpus/attribution/dev.jsonl corpus/attribution/heldout.jsonl \
		tests/golden/toponyms.jsonl corpus/toponyms/dev.jsonl corpus/toponyms/blind.jsonl

bench: $(STAMP)
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .ruff_cache

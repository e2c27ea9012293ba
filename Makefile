# Presslens: `make report` runs the whole report on seeds/, `make test` runs every test.
# Both create the virtual environment and install everything first (package, spaCy pipeline, tools).

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
REPORT ?= reports/default

.PHONY: install report test test-fast lint lock bench notebooks clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[dev,dask]'
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (presslens)" >/dev/null
	touch $@

report: install
	$(BIN)/presslens run --out $(REPORT)

NBVAL := --nbval --nbval-sanitize-with tests/nbval_sanitize.cfg --nbval-current-env

test: install lint
	$(BIN)/python -m pytest $(NBVAL) tests notebooks

test-fast: install
	$(BIN)/python -m pytest -m "not slow" tests

# Lint, import order and types (also run by make test).
lint: install
	$(BIN)/ruff check analysis tests benchmarks
	$(BIN)/mypy

# Re-execute every notebook in place on the default parameters and strip volatile metadata.
notebooks: install
	for nb in notebooks/[0-9][0-9]-*.ipynb; do \
	  tmp=$$(mktemp --suffix=.ipynb) && \
	  $(BIN)/papermill --cwd notebooks -k python3 --no-progress-bar $$nb $$tmp && mv $$tmp $$nb && \
	  $(BIN)/nbstripout --keep-output --keep-count \
	    --extra-keys "metadata.papermill cell.metadata.papermill cell.metadata.execution metadata.widgets" $$nb || exit 1; \
	done

# Re-pin requirements.lock to what the environment holds (after changing pyproject.toml's ranges).
lock: install
	{ echo "# Exact versions that make install uses (pip constraints); regenerate with make lock."; \
	  $(BIN)/python -m pip freeze --exclude-editable | grep -v '^-e'; } > requirements.lock

bench: install
	$(BIN)/python benchmarks/bench.py

clean:
	rm -rf $(VENV) .cache reports

# Ker: two commands on a fresh machine with Python 3.11 and make.
#   make run   install, migrate, load the demo territory, serve on http://$(HOST):$(PORT)
#   make test  every check: ruff, Django checks, migrations, the pytest suite
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# manage.py defaults to config.settings.dev; pytest always uses config.settings.test (pyproject).
# Compiled modules (and pytest's rewritten test modules) are kept in __pycache__ (git-ignored):
# where the environment sets PYTHONDONTWRITEBYTECODE, each of the suite's pytest processes and
# servers compiled the whole project again (about 6 CPU seconds each).
unexport PYTHONDONTWRITEBYTECODE

.PHONY: postgres-subset postgres-subset-check postgres-coverage-steps check-host run test install lint check-django pytest pytest-shared pytest-own pytest-own-postgres pytest-postgres pytest-postgres-steps pytest-postgres-and-cluster test-browser browser-deps screenshots test-cluster test-cluster-steps messages demo bench clean vendor validator-deps

# Which Python 3.11 makes the venv: scripts/make-venv.sh (KER_PYTHON names one; by default the
# distribution's /usr/bin/python3.11, the fastest build here, else python3.11 on PATH).
$(BIN)/python:
	@scripts/make-venv.sh $(VENV)

# uv (from PyPI, into the venv) installs the same packages as pip in about 10 s instead of 45 s
# (parallel downloads and unpacking); pip does it if uv cannot (pip's own options and settings:
# `make install KER_INSTALLER=pip`). Neither byte-compiles: Python compiles the modules it
# imports on first use, into __pycache__.
KER_INSTALLER ?= uv
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	@if [ "$(KER_INSTALLER)" = uv ] && echo "$(BIN)/uv pip install -e '.[dev,production]'" \
	  && $(BIN)/python -m pip install --quiet uv \
	  && $(BIN)/uv pip install --quiet --python $(BIN)/python -e '.[dev,production]'; then :; \
	else \
	  echo "$(BIN)/python -m pip install -e '.[dev,production]'"; \
	  $(BIN)/python -m pip install --quiet --no-compile -e '.[dev,production]'; \
	fi
	touch $@

# Recompile the translation catalogue when msgfmt (Debian's gettext) is there; the compiled
# catalogue is also committed, so the site is translated even without gettext.
messages: install
	@if command -v msgfmt >/dev/null; then $(BIN)/python manage.py compilemessages -v0 --ignore=.venv; fi

install: $(VENV)/.installed

demo: install messages
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py portals_demo

# `make run` is for trying Ker on one's own machine (DEBUG on, the development secret key): it
# listens on the loopback only, unless KER_ALLOW_PUBLIC_DEV=1 says so explicitly.
check-host:
	@case "$(HOST)" in 127.*|localhost|::1|"[::1]") ;; *) \
	  if [ "$(KER_ALLOW_PUBLIC_DEV)" != "1" ]; then \
	    echo "make run is for trying Ker on your own machine (DEBUG, development secret key):"; \
	    echo "HOST=$(HOST) would open it to the network. Deploy with the production settings"; \
	    echo "(README), or set KER_ALLOW_PUBLIC_DEV=1 if you really mean it."; exit 1; \
	  fi;; esac

run: check-host demo
	@echo ""
	@echo "Ker runs on http://$(HOST):$(PORT)/  (Ctrl+C to stop)"
	@# The search index writer runs beside the web server and stops with it.
	@$(BIN)/python manage.py search_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DJANGO_BASE_URL="$${DJANGO_BASE_URL:-http://$(HOST):$(PORT)}" \
	  $(BIN)/python manage.py runserver $(HOST):$(PORT); \
	kill $$worker 2>/dev/null; wait $$worker 2>/dev/null || true

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check-django: install
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python manage.py check
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python manage.py makemigrations --check --dry-run

# The suite runs on every core (pytest-xdist; each test file stays on one worker, so that module
# fixtures such as the demo are built once; PYTEST_WORKERS=0 runs it in one process). The files
# that never reach the database are dealt first, while the test database is migrated
# (tests/conftest.py; hence --no-loadscope-reorder). Each worker has its own database, media and
# index directories. The archive tests flush and restore the
# whole database (content types included): they run in a process of their own so that no other
# test sees what they leave behind. The files that copy the database for servers in subprocesses
# or commit for real also run in a process of their own: a transactional test empties the database
# when it ends (later tests on that worker would miss the migrations' pages), and copying the
# in-memory database waits forever on a lock another test's thread left in the worker. Those two
# groups then run side by side, each on a worker of its own (--dist loadgroup; the groups are
# named in tests/conftest.py, OWN_PROCESS_GROUPS, which must list the same files).
PYTEST_WORKERS ?= auto
TRANSACTIONAL_TESTS = tests/search/test_queue.py tests/wiki/test_concurrent_saves.py
PYTEST_OWN_PROCESS = tests/browser tests/archive $(TRANSACTIONAL_TESTS)
# The W3C HTML validator (Java + npm's vnu-jar, installed when missing) is required by the suite.
validator-deps:
	scripts/install-validator-deps.sh
pytest: export KER_REQUIRE_VALIDATOR = 1
pytest-postgres: export KER_REQUIRE_VALIDATOR = 1
# The two runs go side by side (make -j2; each one's output is shown when it ends): the files in
# their own processes spend much of their time waiting on the servers they start, and the
# cores would otherwise idle through them.
PYTEST_BOTH = $(MAKE) --no-print-directory -j2 --output-sync=target
pytest: install validator-deps
	@$(PYTEST_BOTH) pytest-shared pytest-own

# What each run is given (pytest's options and files), for every make target that runs it.
SHARED_RUN = -n $(PYTEST_WORKERS) --dist loadscope --no-loadscope-reorder \
  $(PYTEST_OWN_PROCESS:%=--ignore=%)
OWN_RUN = -n 2 --dist loadgroup $(TRANSACTIONAL_TESTS) tests/archive

pytest-shared:
	$(BIN)/pytest -q $(SHARED_RUN)

pytest-own:
	$(BIN)/pytest -q $(OWN_RUN)

# Throwaway clusters of the test runs: no autovacuum (scripts/with-postgres.sh).
export KER_PG_OPTIONS ?= -c autovacuum=off

# The same suite on one throwaway PostgreSQL cluster (installed from Debian if missing), with
# the PostgreSQL search engine (README "Recherche"): the SQLite run above covers Whoosh. Every
# test that reaches the database runs there (KER_TEST_DATABASE_ONLY, below). The steps
# share the cluster, so the test database is migrated once and copied (tests/db_template.py).
pytest-postgres: install validator-deps
	scripts/with-postgres.sh $(MAKE) --no-print-directory pytest-postgres-steps

pytest-postgres-steps: export KER_SEARCH_BACKEND = postgres
# Only the tests that reach the database (tests/conftest.py, uses_the_database): the others give
# the same result on either engine, and the SQLite run has them.
pytest-postgres-steps: export KER_TEST_DATABASE_ONLY = 1
pytest-postgres-steps: export KER_REQUIRE_VALIDATOR = 1
# Nor the tests listed in tests/postgres_left_out.txt: on PostgreSQL, every line and branch of
# Ker's code they run, the tests kept run too (make postgres-subset, below). The SQLite run has
# them all. `make pytest-postgres KER_POSTGRES_SUBSET=0` runs every one.
pytest-postgres-steps: export KER_POSTGRES_SUBSET ?= 1
pytest-postgres-steps:
	@$(PYTEST_BOTH) pytest-shared pytest-own-postgres

# Writes tests/postgres_left_out.txt (scripts/postgres_subset.py; README "Tests"). The whole
# PostgreSQL pass runs once under coverage (lines and branches of Ker's code, one context per
# test; about 6 minutes); the tests whose coverage others give are listed. Run it again after
# changing tests or code, and commit the list.
POSTGRES_SUBSET_DIR = var/postgres-subset
postgres-subset: install validator-deps
	rm -rf $(POSTGRES_SUBSET_DIR) && mkdir -p $(POSTGRES_SUBSET_DIR)
	KER_POSTGRES_SUBSET=0 COVERAGE_FILE=$(POSTGRES_SUBSET_DIR)/coverage \
	  scripts/with-postgres.sh $(MAKE) --no-print-directory postgres-coverage-steps
	$(BIN)/python scripts/postgres_subset.py select --data $(POSTGRES_SUBSET_DIR)/coverage \
	  --junit $(POSTGRES_SUBSET_DIR)/coverage.junit.xml

# The pass with the list, under coverage: it must run every line and branch the whole pass ran
# (after make postgres-subset, whose measure it compares with).
postgres-subset-check: install validator-deps
	KER_POSTGRES_SUBSET=1 COVERAGE_FILE=$(POSTGRES_SUBSET_DIR)/coverage-with-list \
	  scripts/with-postgres.sh $(MAKE) --no-print-directory postgres-coverage-steps
	$(BIN)/python scripts/postgres_subset.py compare $(POSTGRES_SUBSET_DIR)/coverage \
	  $(POSTGRES_SUBSET_DIR)/coverage-with-list

postgres-coverage-steps: export KER_SEARCH_BACKEND = postgres
postgres-coverage-steps: export KER_TEST_DATABASE_ONLY = 1
postgres-coverage-steps: export KER_REQUIRE_VALIDATOR = 1
postgres-coverage-steps:
	$(BIN)/pytest -q $(SHARED_RUN) --cov --cov-context=test --cov-report= \
	  --junitxml=$$COVERAGE_FILE.junit.xml

# pytest-django names its databases after DATABASE_URL's and the worker (test_ker_gw0...): the run
# beside the shared one takes another name, so that the two never meet in the cluster.
pytest-own-postgres:
	DATABASE_URL="$${DATABASE_URL%/*}/ker_own" \
	  $(BIN)/pytest -q $(OWN_RUN)

# Real-browser journeys, accessibility (axe-core) and hostile content, in Debian's Chromium.
# Installs chromium (apt) and axe-core (npm) when missing. Screenshots: make screenshots (below).
# One Chromium and one live server per worker, one worker more than the cores (a browser test
# waits on Chromium and its server about 40% of the time); tests are dealt one by one (--dist
# load): the hostile-content tests are long, and a whole file on one worker left the others idle.
BROWSER_WORKERS ?= $(shell echo $$(( $$(nproc) + 1 )))
BROWSER_RUN = -n $(BROWSER_WORKERS) --dist load tests/browser --liveserver=127.0.0.1
browser-deps:
	scripts/install-browser-deps.sh
test-browser: install browser-deps
	KER_REQUIRE_BROWSER=1 $(BIN)/pytest -q $(BROWSER_RUN)

# The browser tests again, photographing their pages (each journey's steps, every page of the
# phone-layout test at 390 and 1280 px) into test-artifacts/screenshots/ for people to look at.
# make test skips the photographs: Chromium's costliest step, and no assertion reads them.
screenshots: export KER_SCREENSHOTS = 1
screenshots: test-browser

# The PostgreSQL run and the cluster tests share one throwaway cluster (pytest-postgres-and-cluster):
# the cluster tests then start from the test database migrated for the PostgreSQL run
# (tests/db_template.py) instead of migrating one of their own (20 s). (Running the suite's runs
# as jobs of one make -j2 instead, two at a time, left the cores idle 30 core-seconds instead of
# 80, but the same work then took more CPU: 578-590 s against 592 s, fresh clones back to back.)
test: lint check-django pytest pytest-postgres-and-cluster test-browser

bench: install
	$(BIN)/python bench/bench_wiki.py

clean:
	rm -rf $(VENV) staticfiles var

# Copy the map libraries from npm (package.json) into static/vendor/ (README "Settings").
vendor:
	scripts/vendor-js.sh

# Two app servers (gunicorn on two loopback ports) sharing PostgreSQL, Redis and an S3 bucket
# (moto), with one search worker (README "Plusieurs serveurs"). Installs the Debian packages if
# missing (as root). The tests carry the `cluster` marker.
test-cluster: install
	scripts/with-postgres.sh $(MAKE) --no-print-directory test-cluster-steps

test-cluster-steps:
	scripts/with-redis.sh $(BIN)/pytest -q -m cluster tests/cluster

pytest-postgres-and-cluster: install validator-deps
	scripts/with-postgres.sh $(MAKE) --no-print-directory pytest-postgres-steps test-cluster-steps

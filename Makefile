# Urban Twin Workbench. `make demo` and `make test` each do the whole set-up on a fresh Debian 12 machine.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
PLUGINS := $(CURDIR)/.build/plugins
QGIS_PROFILE ?= $(HOME)/.local/share/QGIS/QGIS3/profiles/default
DEPLOY_DIR := $(QGIS_PROFILE)/python/plugins/urban_twin
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)
APT_PACKAGES := qgis python3-qgis qgis-providers xvfb xauth python3-venv python3-pip python3-pyproj python3-h5py python3-scipy \
                pyqt5-dev-tools qttools5-dev-tools fonts-ipafont-gothic openfoam
PY_SOURCES = $(shell git ls-files '*.py' 2>/dev/null | grep -v '^tests/' || find . -name '*.py' -not -path './.venv/*')
PACKAGE_EXCLUDES := --exclude=./.venv --exclude=./.build --exclude=./out --exclude=./dist --exclude=./.git \
                    --exclude=./tests --exclude=./.ci --exclude=__pycache__ --exclude=.pytest_cache

export QT_QPA_PLATFORM := offscreen
export PYTHONPATH := $(PLUGINS):/usr/share/qgis/python/plugins
export XDG_RUNTIME_DIR := /tmp/runtime-$(shell id -u)
# Debian's pyproj looks for its data under the interpreter's prefix, which in the venv is .venv
export PROJ_DATA := /usr/share/proj

.PHONY: help setup test lint demo bench deploy zip transup transcompile sample screenshots clean

help:
	@echo "make demo | test | lint | bench | deploy | zip | transup | transcompile | sample | clean"

.build/system.stamp:
	@mkdir -p .build
	@if ! dpkg -s $(APT_PACKAGES) >/dev/null 2>&1; then \
	  $(SUDO) apt-get update && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends $(APT_PACKAGES); \
	fi
	@touch $@

$(VENV)/.stamp: .build/system.stamp requirements.txt requirements-dev.txt constraints.txt
	/usr/bin/python3 -m venv --system-site-packages $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.txt -r requirements-dev.txt -c constraints.txt
	@# As inside QGIS: pyproj and h5py from Debian, sharing PROJ and HDF5 with QGIS (their wheels carry their
	@# own, which crash Processing's worker threads and qgis_process's exit).
	$(PY) -m pip uninstall -y -q pyproj h5py
	@touch $@

$(PLUGINS)/urban_twin:
	@mkdir -p $(PLUGINS) && ln -sfn ../.. $@

setup: $(VENV)/.stamp $(PLUGINS)/urban_twin
	@mkdir -p $(XDG_RUNTIME_DIR) && chmod 700 $(XDG_RUNTIME_DIR)

test: setup transcompile
	$(PY) -m pytest -q -rs -p no:cacheprovider tests

# ruff (pyproject.toml), mypy on the analyses, and flake8-qgis's Qt 6 rules (QGS4xx) on everything that touches Qt
# mypy checks the package as users import it (urban_twin, through the link the tests use), whatever the clone's
# folder is called
lint: setup
	$(VENV)/bin/ruff check .
	mkdir -p .build/plugins && ln -sfn ../.. .build/plugins/urban_twin
	cd .build/plugins && $(abspath $(VENV))/bin/mypy --config-file ../../pyproject.toml urban_twin/analyses
	$(VENV)/bin/flake8 --select=QGS4 __init__.py plugin tests

demo: setup transcompile
	$(PY) -m urban_twin.plugin.demo out/demo

bench: setup
	$(PY) tests/bench/run.py $(BENCH)

sample: setup
	rm -rf resources/sample && $(PY) -m urban_twin.analyses.make_sample sample resources/sample

transup: setup
	pylupdate5 -noobsolete $(PY_SOURCES) -ts i18n/urban_twin_ja.ts

transcompile: .build/system.stamp
	lrelease -silent i18n/*.ts

deploy: setup transcompile
	rm -rf $(DEPLOY_DIR) && mkdir -p $(DEPLOY_DIR)
	tar $(PACKAGE_EXCLUDES) -cf - . | tar -xf - -C $(DEPLOY_DIR)
	@# QGIS's own Python decides: only what it lacks goes into the profile (plugin/deps.py says why)
	PYTHONPATH=$(PLUGINS) /usr/bin/python3 -m urban_twin.plugin.deps $(QGIS_PROFILE)/urban_twin/deps
	$(PY) -m urban_twin.plugin.profile_settings $(QGIS_PROFILE)/QGIS/QGIS3.ini urban_twin
	@echo "deployed to $(DEPLOY_DIR) and enabled"

zip: transcompile
	rm -rf dist && mkdir -p dist/urban_twin
	tar $(PACKAGE_EXCLUDES) -cf - . | tar -xf - -C dist/urban_twin
	cd dist && rm -f urban_twin.zip && /usr/bin/python3 -m zipfile -c urban_twin.zip urban_twin
	@echo "dist/urban_twin.zip"

clean:
	rm -rf .build out dist $(VENV)

screenshots: demo
	@# the desktop ones come from the end-to-end test in the real QGIS (tests/test_desktop.py -> out/e2e/)
	$(PY) -m pytest -q -p no:cacheprovider tests/test_desktop.py
	cp out/e2e/en/*_sample.png resources/screenshots/qgis_sample.png
	cp out/e2e/en/*_nichiei_map.png resources/screenshots/qgis_nichiei.png
	cp out/e2e/ja/*_nichiei_map.png resources/screenshots/qgis_nichiei_ja.png
	cp out/e2e/en/*_barrierhazards_map.png resources/screenshots/qgis_barrierfree.png
	cp out/e2e/en/*_shadowhours_interactive.png resources/screenshots/qgis_interactive.png
	cp out/e2e/ja/*_report_written.png resources/screenshots/qgis_lesson_ja.png
	$(PY) -m urban_twin.plugin.screenshot_widgets out/demo resources/screenshots
	for name in sample_3d nichiei shadow_hours_3d solar_3d barrierfree_3d wind_3d; do \
	  cp out/demo/$$name.png resources/screenshots/$$name.png; done
	@ls -la resources/screenshots

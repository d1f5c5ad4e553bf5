# Tokenomics — `make` regenerates every measurement, analysis, figure and the report;
# `make check` runs every test. GNU make 4.3 or later (grouped targets).

SHELL := /bin/bash
.DELETE_ON_ERROR:
.DEFAULT_GOAL := all
.SUFFIXES:

BIN        := .build/release/tokenomics
TOKENOMICS := $(BIN)
SOURCES    := Package.swift $(shell find Sources -type f -not -path 'Sources/tokenomics-bench/*' 2>/dev/null)
SWEEPS     := $(wildcard sweeps/*.toml)
FIGURE_DEFS:= $(wildcard figures/*.toml)
ASSUMPTIONS:= assumptions.toml
# Real InferenceMAX results (data/inferencemax/) imported beside the emulated sweeps (analysed and charted alike).
IMPORTS    := inferencemax-sample
INFERENCEMAX_SAMPLE := data/inferencemax/agg_bmk-sample.json
MEASURED   := $(patsubst sweeps/%.toml,build/measure/%.json,$(SWEEPS)) $(IMPORTS:%=build/measure/%.json)
ANALYZED   := $(patsubst build/measure/%,build/analysis/%,$(MEASURED))
# Each analysis also leaves its tables as CSV in build/tables/NAME/ (known once written, hence `=`).
TABLES      = $(wildcard $(ANALYZED:build/analysis/%.json=build/tables/%/*))
CLAIMS_TABLE := build/claims.md
CLAIMS     := build/claims.json $(CLAIMS_TABLE)
# The numerics figure comes from the format emulation itself, not from a sweep.
NUMERICS_FIGURES := figures/numerics.pdf figures/numerics.png figures/numerics.svg figures/numerics.csv
NUMERICS_TABLE   := build/numerics.json
NUMERICS   := $(NUMERICS_FIGURES) $(NUMERICS_TABLE)
REPORT     := build/report/report.md
# The same report as one self-contained HTML page (figures inline as SVG), to open offline or attach.
REPORT_HTML := build/report/report.html
HTML_TEMPLATE := templates/report.html.mustache
# The example paper (docs/paper/paper.tex): pdflatex, from Debian's texlive-latex-base, set only
# by `make paper` (installed then when run as root).
PAPER      := build/paper/paper.pdf
PAPER_PACKAGES := texlive-latex-base
# Every number the report quotes as a LaTeX macro, for a paper's text (docs/paper/paper.tex).
NUMBERS_TEX := build/report/numbers.tex
VALIDATION := build/validate.json
VALIDATION_POINTS := data/inferencemax/inferencemax-public.csv
# The training curves, later curves of other GPUs and engines quoted from the public InferenceX API,
# disaggregated DeepSeek-R1 curves (Dynamo with TensorRT-LLM on B200 and GB200 NVL72) and SGLang
# v0.5.9 on MI300X and MI325X.
VALIDATION_CURVES := $(addprefix data/inferencemax/,inferencemax-curves-train.csv inferencemax-curves-api.csv \
                     inferencemax-curves-disagg.csv inferencemax-curves-cdna3.csv)
# Points kept out of the calibration, reported as how far the emulator carries to deployments it
# was never fitted to: disaggregated DeepSeek-R1 with SGLang on MI355X (MoRI) and on NVIDIA (Dynamo).
VALIDATION_UNSEEN := $(addprefix data/inferencemax/,inferencemax-disagg-mi355x.csv inferencemax-unseen-dynamo-sglang.csv)
# The engines' software constants fitted to the reference measurements (`tokenomics calibrate`),
# with the fit's held-out errors; every sweep and the validation run with it.
PROFILE    := build/calibration/profile.toml
CALIBRATION_SUMMARY := build/calibration/summary.txt
CALIBRATION_INPUTS := $(VALIDATION_CURVES) $(VALIDATION_POINTS)
# The sets of measurement files the calibration and the validation read (see write_list below).
CALIBRATION_LIST := build/calibration/inputs.list
VALIDATION_LIST := build/validation-inputs.list
TEMPLATE   := templates/report.md.mustache
# The system packages the build and the figures need: the one list (.ci/run installs them with `make system`).
APT_PACKAGES := libcairo2-dev fonts-dejavu-core poppler-utils
SYSTEM     := build/.system-packages
FIGURES    :=

## ---- What each stage reads -----------------------------------------------
# A stage depends on the code that computes its output, not on the whole binary: the sources of
# the modules it runs and of those they import (as Package.swift declares them; Catalog's include
# its data files, Sources/Catalog/Resources/**), and its command's file in Sources/tokenomics.
# The binary is an order-only prerequisite (`| $(BIN)`): rebuilt first when any source changed,
# but a rebuild by itself re-runs nothing, so a chart edit re-renders figures and not sweeps.
module_sources = $(shell find $(1:%=Sources/%) -type f 2>/dev/null)
command_sources = Sources/tokenomics/main.swift $(1:%=Sources/tokenomics/%)
CATALOG_CODE    := Package.swift $(call module_sources,Catalog)
EMULATOR_CODE   := $(CATALOG_CODE) $(call module_sources,Emulator)
ANALYSIS_CODE   := $(EMULATOR_CODE) $(call module_sources,Analysis)
CHARTS_CODE     := $(ANALYSIS_CODE) $(call module_sources,Charts)
CALIBRATION_CODE:= $(EMULATOR_CODE) $(call module_sources,Calibration)
VALIDATION_CODE := $(CALIBRATION_CODE) $(call module_sources,Validation)
MEASURE_CODE    := $(EMULATOR_CODE) $(call command_sources,Measure.swift)
# The InferenceMAX reader lives in Analysis.
IMPORT_CODE     := $(ANALYSIS_CODE) $(call command_sources,Import.swift)
ANALYZE_CODE    := $(ANALYSIS_CODE) $(call command_sources,Analyze.swift AssumptionsOption.swift)
CLAIMS_CODE     := $(ANALYSIS_CODE) $(call command_sources,Claims.swift AssumptionsOption.swift)
# Named by the plot rules that `tokenomics deps` writes into build/deps.mk.
PLOT_CODE       := $(CHARTS_CODE) $(call command_sources,Plot.swift AssumptionsOption.swift)
NUMERICS_CODE   := $(CHARTS_CODE) $(call command_sources,Numerics.swift)
VALIDATE_CODE   := $(VALIDATION_CODE) $(call command_sources,Validate.swift)
# The command also reads agg_bmk JSON and measurement files through Analysis.
CALIBRATE_CODE  := $(CALIBRATION_CODE) $(ANALYSIS_CODE) $(call command_sources,Calibrate.swift)
# The report command reads the figure definitions through Charts and validate.json through Validation.
REPORT_CODE     := $(CHARTS_CODE) $(VALIDATION_CODE) $(call module_sources,Report) \
                   $(call command_sources,ReportCommand.swift AssumptionsOption.swift)
# build/deps.mk holds what figure definitions name (sweeps, formats, kind: FigureSpec parses them)
# and the rule text of Deps.swift; it names $(PLOT_CODE) without expanding it.
DEPS_CODE       := Sources/Charts/FigureSpec.swift $(call command_sources,Deps.swift)

## ---- Pipeline -------------------------------------------------------------

all: $(REPORT) $(REPORT_HTML) $(CLAIMS) ## Build the tool, measure every sweep, analyze, render every figure, the claims and the report

# System packages: installed with apt-get when run as root, else the exact command is printed.
# $(call install_packages,LIST): apt-get install what LIST lacks (as root; otherwise print the command).
define install_packages
@missing=$$(for p in $(1); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
if [ -n "$$missing" ]; then \
  if [ "$$(id -u)" = 0 ]; then echo "installing $$missing"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
  else echo "Missing system packages:$$(echo $$missing). Run: sudo apt-get install -y $$(echo $$missing)" >&2; exit 1; fi; \
fi
endef

$(SYSTEM):
	$(call install_packages,$(APT_PACKAGES))
	@mkdir -p $(@D) && touch $@

# The release binary, rebuilt only when Package.swift or a source file changed.
$(BIN): $(SOURCES) | $(SYSTEM)
	swift build -c release --product tokenomics
	@touch $@

$(PROFILE) $(CALIBRATION_SUMMARY) &: $(CALIBRATION_INPUTS) $(CALIBRATION_LIST) $(CALIBRATE_CODE) | $(BIN)
	@mkdir -p $(@D)
	$(TOKENOMICS) calibrate $(CALIBRATION_INPUTS) -o $(PROFILE) > $(CALIBRATION_SUMMARY)

build/measure/%.json: sweeps/%.toml $(PROFILE) $(MEASURE_CODE) | $(BIN)
	$(TOKENOMICS) measure $< --profile $(PROFILE) -o $@

build/measure/inferencemax-sample.json: $(INFERENCEMAX_SAMPLE) $(IMPORT_CODE) | $(BIN)
	$(TOKENOMICS) import inferencemax $< -o $@

build/analysis/%.json: build/measure/%.json $(ASSUMPTIONS) $(ANALYZE_CODE) | $(BIN)
	$(TOKENOMICS) analyze $< --assumptions $(ASSUMPTIONS) --csv build/tables/$* -o $@

$(NUMERICS) &: $(NUMERICS_CODE) | $(BIN)
	$(TOKENOMICS) numerics $(NUMERICS_TABLE:%=--json %) $(NUMERICS_FIGURES:%=-o %)

# The verdicts as data (claims.json) and as the report's Markdown table; the claims themselves are
# Sources/Catalog/Resources/claims.toml.
$(CLAIMS) &: $(ANALYZED) $(ANALYSES_LIST) $(ASSUMPTIONS) $(CLAIMS_CODE) | $(BIN)
	$(TOKENOMICS) claims $(ANALYZED) --assumptions $(ASSUMPTIONS) --json build/claims.json --markdown $(CLAIMS_TABLE)

# Which figure reads which sweep: generated by `tokenomics deps` (like cc -MM), never by hand.
# It needs a current binary, built by a sub-make rather than named as a prerequisite: make brings
# an included makefile's prerequisites up to date before anything else, even for `make -n`, so
# naming $(BIN) here would build the binary during a dry run whenever any source changed.
build/deps.mk: $(FIGURE_DEFS) $(DEPS_CODE)
	@MAKEFLAGS= $(MAKE) --no-print-directory $(BIN)
	@mkdir -p $(@D)
	$(TOKENOMICS) deps $(FIGURE_DEFS) --assumptions $(ASSUMPTIONS) --known-sweeps "$(ANALYZED:build/analysis/%.json=%)" > $@.tmp
	@mv $@.tmp $@
	$(if $(REMOVED_FIGURES),rm -f $(foreach f,$(REMOVED_FIGURES),$(addprefix $(basename $(f)).,pdf png svg csv)))

ifeq ($(filter clean help check bench validate system lint $(BIN),$(MAKECMDGOALS)),)
-include build/deps.mk
endif
# A figure definition added, deleted or renamed: the rules are regenerated (deps.mk names the
# definitions it came from) and a deleted figure's outputs removed.
REMOVED_FIGURES := $(filter-out $(FIGURE_DEFS),$(DEPS_FIGURE_DEFS))
ifneq ($(sort $(DEPS_FIGURE_DEFS)),$(sort $(FIGURE_DEFS)))
build/deps.mk: FORCE
endif
FORCE:

# A list file holds the set of a rule's inputs and is rewritten only when the set changes, so the
# rule re-runs when a file joins or leaves the set (a rename keeps its old time), not only when
# one of them changes: $(call write_list,FILE,WORDS).
write_list = $(shell mkdir -p $(dir $(1)); echo '$(2)' | cmp -s - $(1) || echo '$(2)' > $(1))
# A sweep deleted or renamed: its measurement, analysis and tables go, so nothing downstream reads
# them, and build/analyses.list re-runs the report and the claims, which read the set. The
# calibration and the validation re-run when their sets of measurement files change.
ANALYSES_LIST := build/analyses.list
ifeq ($(filter clean help system lint,$(MAKECMDGOALS)),)
STALE_ANALYSES := $(filter-out $(ANALYZED),$(wildcard build/analysis/*.json))
$(shell mkdir -p build; rm -rf $(STALE_ANALYSES) $(STALE_ANALYSES:build/analysis/%.json=build/measure/%.json) \
        $(STALE_ANALYSES:build/analysis/%.json=build/tables/%))
$(call write_list,$(ANALYSES_LIST),$(sort $(ANALYZED)))
$(call write_list,$(CALIBRATION_LIST),$(CALIBRATION_INPUTS))
$(call write_list,$(VALIDATION_LIST),$(VALIDATION_POINTS) $(VALIDATION_CURVES) $(VALIDATION_UNSEEN))
endif

REPORT_OPTIONS := --assumptions $(ASSUMPTIONS) --claims $(CLAIMS_TABLE) --claims-json build/claims.json --numerics $(NUMERICS_TABLE) \
                  --validation $(VALIDATION) --numbers-tex $(NUMBERS_TEX)
# The report reads its template, the analyses, the claims audit, the numerics table, the figure
# definitions, the assumptions and the validation. It links the figures without reading them:
# they only have to exist first (order-only).
$(REPORT) $(NUMBERS_TEX) &: $(TEMPLATE) $(ANALYZED) $(ANALYSES_LIST) $(CLAIMS) $(NUMERICS_TABLE) $(FIGURE_DEFS) $(ASSUMPTIONS) $(VALIDATION) $(REPORT_CODE) \
           | $(FIGURES) $(NUMERICS_FIGURES) $(BIN)
	$(TOKENOMICS) report $(TEMPLATE) $(ANALYZED) $(REPORT_OPTIONS) -o $(REPORT)

# The HTML report inlines the figures' SVGs, so it reads them (not order-only).
HTML_REPORT_OPTIONS := --assumptions $(ASSUMPTIONS) --claims $(CLAIMS_TABLE) --claims-json build/claims.json \
                       --numerics $(NUMERICS_TABLE) --validation $(VALIDATION)
$(REPORT_HTML): $(HTML_TEMPLATE) $(ANALYZED) $(ANALYSES_LIST) $(CLAIMS) $(NUMERICS_TABLE) $(FIGURE_DEFS) $(ASSUMPTIONS) $(VALIDATION) $(REPORT_CODE) \
                $(FIGURES) $(NUMERICS_FIGURES) | $(BIN)
	$(TOKENOMICS) report $(HTML_TEMPLATE) $(ANALYZED) $(HTML_REPORT_OPTIONS) -o $@

# The emulator against real measurements, for the report's accuracy section (no gates here).
$(VALIDATION): $(VALIDATION_POINTS) $(VALIDATION_CURVES) $(VALIDATION_UNSEEN) $(VALIDATION_LIST) $(PROFILE) $(VALIDATE_CODE) | $(BIN)
	$(TOKENOMICS) validate --public-points $(VALIDATION_POINTS) $(VALIDATION_CURVES:%=--curves %) \
	    $(VALIDATION_UNSEEN:%=--unseen-curves %) --profile $(PROFILE) --json $@ > /dev/null

calibrate: $(PROFILE) ## Fit the engines' software constants to the reference measurements (build/calibration/)
measure: $(MEASURED) ## Measure (emulate) every sweep, import real results, into build/measure/
analyze: $(ANALYZED) ## Analyze every measurement into build/analysis/
figures: $(FIGURES) $(NUMERICS) ## Render every figure beside its definition in figures/
report: $(REPORT) $(REPORT_HTML) ## Build build/report/report.md, report.html and numbers.tex

# A reviewer's one command: BASE's analyses (built once per commit in build/review/base/) against
# this tree's; REVIEW_OPTIONS go to `tokenomics compare` (e.g. --fail-above 5, --metric usd_per_mtok).
review: $(ANALYZED) | $(BIN) ## Compare the analyses with those of BASE=<git revision>: build/review/review.md and review.png
	@test -n "$(BASE)" || { echo "usage: make review BASE=<git revision> [REVIEW_OPTIONS='--fail-above 5']" >&2; exit 2; }
	@mkdir -p build/review
	scripts/review $(BASE) $(TOKENOMICS) $(REVIEW_OPTIONS)

paper: $(PAPER) ## Build build/paper/paper.pdf: docs/paper/paper.tex citing numbers.tex and including the figures (pdflatex)

# Two passes resolve the figure references; dates from SOURCE_DATE_EPOCH (FORCE_SOURCE_DATE) so
# the same inputs give the same bytes.
$(PAPER): docs/paper/paper.tex $(NUMBERS_TEX) $(FIGURES)
	$(call install_packages,$(PAPER_PACKAGES))
	@mkdir -p $(@D)
	cd docs/paper && for pass in 1 2; do \
	  SOURCE_DATE_EPOCH=1735689600 FORCE_SOURCE_DATE=1 TEXINPUTS=.:../../build/report:../../figures: \
	  pdflatex -interaction=nonstopmode -halt-on-error -output-directory ../../$(@D) paper.tex > ../../$(@D)/pdflatex.log \
	  || { tail -20 ../../$(@D)/pdflatex.log; exit 1; }; done
claims: $(CLAIMS) ## Audit the headline claims into build/claims.json and build/claims.md

# Every file the pipeline writes (CI compares their bytes after a clean rebuild).
outputs: ## Print every generated file, one a line (after make)
	@printf '%s\n' $(sort $(PROFILE) $(CALIBRATION_SUMMARY) $(MEASURED) $(ANALYZED) $(TABLES) $(FIGURES) $(NUMERICS) $(CLAIMS) \
	                      $(VALIDATION) $(REPORT) $(NUMBERS_TEX) $(REPORT_HTML) build/deps.mk)

system: ## Install the missing system packages (apt-get, as root; otherwise print the command)
	$(call install_packages,$(APT_PACKAGES))

## ---- Quality --------------------------------------------------------------

# Regression gates on the overall medians (docs/VALIDATION.md has the current values): the fitted
# curves and published points, and the groups each predicted by a calibration that left it out.
VALIDATE_GATES ?= --max-curve-median 0.07 --max-point-median 0.12 --max-held-out-median 0.12

validate: $(PROFILE) | $(BIN) ## Compare the calibrated emulator with real InferenceMAX measurements and its held-out groups; fails on a regression
	$(TOKENOMICS) validate --public-points $(VALIDATION_POINTS) $(VALIDATION_CURVES:%=--curves %) \
	    $(VALIDATION_UNSEEN:%=--unseen-curves %) --profile $(PROFILE) --points $(VALIDATE_GATES)

# The default figures' layout tests read the analyses `make` writes, so they are built first.
# Chromium draws the HTML report in a test (installed here when run as root).
CHECK_PACKAGES := chromium
check: lint $(ANALYZED) | $(SYSTEM) ## Check the line limit, then run every test: unit, CLI end to end, determinism, default figures
	$(call install_packages,$(CHECK_PACKAGES))
	swift build --build-tests
	TOKENOMICS_ANALYSIS_DIR=build/analysis swift test --skip-build

# The line limit of .swift-format. `swift format lint` would also report its pretty-printer's
# every difference of wrapping and alignment with this codebase, so this checks the limit alone.
LINE_LENGTH := $(shell sed -nE 's/.*"lineLength" *: *([0-9]+).*/\1/p' .swift-format)
SWIFT_FILES  = Package.swift $(shell find Sources Tests -name '*.swift' | sort)

lint: ## Check that no Swift line is longer than .swift-format's lineLength (140 characters)
	@long=$$(LC_ALL=C.UTF-8 grep -nE '^.{$(LINE_LENGTH)}.' $(SWIFT_FILES)); \
	if [ -n "$$long" ]; then echo "$$long"; echo "lint: $$(wc -l <<<"$$long") lines longer than $(LINE_LENGTH) characters" >&2; exit 1; fi

# Each parser under libFuzzer (scripts/fuzz); its seeds include the measurements and the profile.
FUZZ_RUNS ?= 100000
fuzz: $(MEASURED) $(PROFILE) ## Fuzz every input parser FUZZ_RUNS times (libFuzzer + AddressSanitizer); a crash fails
	scripts/fuzz $(FUZZ_RUNS)

bench: | $(SYSTEM) ## Run the benchmarks; table on stdout, records in build/bench.json
	swift build -c release --product tokenomics-bench
	.build/release/tokenomics-bench -o build/bench.json

## ---- Housekeeping ---------------------------------------------------------

clean: ## Remove every generated file (keeps the Swift build cache)
	rm -rf build
	rm -f $(foreach f,$(FIGURE_DEFS),$(basename $(f)).pdf $(basename $(f)).png $(basename $(f)).svg $(basename $(f)).csv) $(NUMERICS_FIGURES)

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | awk -F'\t' '{printf "  %-10s %s\n", $$1, $$2}'

.PHONY: FORCE review paper fuzz all calibrate measure analyze figures report claims outputs system check lint bench validate clean help

# CTG Platform — `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help
DOTNET ?= dotnet
export DOTNET_CLI_TELEMETRY_OPTOUT := 1
export DOTNET_NOLOGO := 1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE := 1
# Two cores: one MSBuild node avoids file-lock races on the shared contracts project.
BUILD_FLAGS := -nologo -clp:NoSummary -m:1 -v:q

.PHONY: help restore build test test-reliability run bench migrate docs clean npm

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

restore: ## Restore NuGet packages and install the npm test dependencies
	$(DOTNET) restore CtgPlatform.sln -v:q
	$(MAKE) --no-print-directory npm

npm:
	@if [ -f tests/interop/package.json ]; then cd tests/interop && npm ci --no-audit --no-fund --loglevel=error; fi
	@if [ -f deploy/validate/package.json ]; then cd deploy/validate && npm ci --no-audit --no-fund --loglevel=error; fi

build: restore ## Build every project
	$(DOTNET) build CtgPlatform.sln --no-restore $(BUILD_FLAGS)

test: build ## Run every test, with a throwaway PostgreSQL cluster started and stopped around them
	@tools/pgtest.sh start
	@set -o pipefail; source .pgtest/env; trap 'tools/pgtest.sh stop' EXIT; \
	  $(DOTNET) test CtgPlatform.sln --no-build -m:1 --filter "Category!=LongReliability" --logger "console;verbosity=minimal" 2>&1 | tee .test-output.log; \
	  status=$${PIPESTATUS[0]}; tools/test-summary.sh .test-output.log; exit $$status

test-reliability: build ## Kill -9 the reporting service mid-stream of 10,000 events through the dev bus (~1.5 min)
	$(DOTNET) test tests/Ctg.Reporting.Tests/Ctg.Reporting.Tests.csproj --no-build -m:1 --filter "Category=LongReliability"

run: ## Build what runs (not the tests), start the platform on SQLite under .data/, load the demo data, stay up until Ctrl-C
	@tools/run.sh

bench: ## Run the benchmarks (prints ratios measured in one run)
	@tools/bench.sh

migrate: build ## Apply the migrations of every service to the configured databases, then exit
	@tools/migrate.sh

docs: ## Generate the gRPC API reference docs/api/*.md from the protos (a descriptor set with source info)
	@tools/protoset.sh protos .data/docs/ctg.binpb
	@$(DOTNET) run --project tools/Ctg.ProtoContracts/Ctg.ProtoContracts.csproj -v:q -- docs .data/docs/ctg.binpb docs/api

clean: ## Remove build output, local data and test clusters
	@tools/pgtest.sh stop || true
	rm -rf .data .test-output.log
	find . -name bin -o -name obj | grep -v node_modules | xargs rm -rf

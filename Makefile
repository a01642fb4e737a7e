# StakeChain build and local network targets.

BUILD_DIR    ?= build
BINARY       := $(BUILD_DIR)/stakechain
LOCALNET_DIR ?= $(BUILD_DIR)/localnet
VALIDATORS   ?= 4
VERSION      ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)

TOOLS_DIR    := $(CURDIR)/$(BUILD_DIR)/tools
BUF_VERSION      := v1.50.0
GOCOSMOS_VERSION := v1.7.2

.PHONY: build test test-short test-cosmjs test-faults lint bench fuzz proto-gen localnet localnet-stop

## build: compile the node and client binary to build/stakechain
build:
	go build -ldflags "-X main.version=$(VERSION)" -o $(BINARY) ./cmd/stakechain

## localnet: build, then start (creating it if needed) a 4-validator network in build/localnet
localnet: build
	$(BINARY) localnet start --validators $(VALIDATORS) --dir $(LOCALNET_DIR)

## localnet-stop: stop the nodes of build/localnet (its state is kept)
localnet-stop:
	@if [ -x $(BINARY) ]; then $(BINARY) localnet stop --dir $(LOCALNET_DIR); else go run ./cmd/stakechain localnet stop --dir $(LOCALNET_DIR); fi

## test: lint, then every test, including the end-to-end localnet and crash tests
test: lint
	go test -race -timeout 20m ./...

## test-cosmjs: drive a localnet with CosmJS, the standard Cosmos JavaScript client (needs node and npm)
test-cosmjs:
	cd testnet/cosmjs && npm install --no-audit --no-fund
	STAKECHAIN_COSMJS=1 go test -run TestCosmJSWorksAgainstALocalnet -count=1 -v ./testnet/

## test-faults: every fault scenario against a 4-validator network under load, and the Byzantine transactions (ports 36000-36234; see docs/RELIABILITY.md)
test-faults:
	STAKECHAIN_FAULTS=full go test -run 'TestFaultInjectionUnderLoad|TestByzantineTransactionsAreRejectedOnEveryNode' -count=1 -v -timeout 45m ./testnet/

## test-short: the unit and app-level tests only (no localnet)
test-short:
	go test -short ./...

## lint: go vet, then the determinism rules on the state machine (app/, x/)
lint:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './build/*')); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	go vet ./...
	go build -o $(TOOLS_DIR)/detlint ./cmd/detlint
	go vet -vettool=$(TOOLS_DIR)/detlint ./app/... ./x/...

## bench: the in-process benchmarks
bench:
	go test -run '^$$' -bench . -benchtime 3x ./app/... ./x/...

## fuzz: run each fuzz target for FUZZTIME (default 10m)
FUZZTIME ?= 10m
fuzz:
	go test ./app/ -run '^$$' -fuzz '^FuzzCheckTx$$' -fuzztime $(FUZZTIME)
	go test ./app/ -run '^$$' -fuzz '^FuzzProcessProposal$$' -fuzztime $(FUZZTIME)
	go test ./x/auth/keys/ -run '^$$' -fuzz '^FuzzPubKeyFromAny$$' -fuzztime $(FUZZTIME)

## proto-gen: regenerate the Go code of proto/ with pinned buf and protoc-gen-gocosmos
proto-gen:
	GOBIN=$(TOOLS_DIR) go install github.com/bufbuild/buf/cmd/buf@$(BUF_VERSION)
	GOBIN=$(TOOLS_DIR) go install github.com/cosmos/gogoproto/protoc-gen-gocosmos@$(GOCOSMOS_VERSION)
	rm -rf $(BUILD_DIR)/proto-gen
	cd proto && PATH=$(TOOLS_DIR):$$PATH buf generate --path cosmos --path stakechain
	cp -r $(BUILD_DIR)/proto-gen/github.com/stakechain/stakechain/. .
	rm -rf $(BUILD_DIR)/proto-gen

package main

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"
)

func TestAnalyzer(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), Analyzer,
		"example.com/chain/x/bank",
		"example.com/chain/x/clean",
		"example.com/chain/app",
		"example.com/chain/cmd/node",
		"example.com/chain/internal/metrics",
		"example.com/chain/x/cmd/tool",
	)
}

func TestInScope(t *testing.T) {
	tests := []struct {
		path string
		want bool
	}{
		{"github.com/stakechain/stakechain/app", true},
		{"github.com/stakechain/stakechain/app/store", true},
		{"github.com/stakechain/stakechain/x/bank", true},
		{"github.com/stakechain/stakechain/x/auth/keys/ed25519", true},
		{"github.com/stakechain/stakechain/cmd/stakechain", false},
		{"github.com/stakechain/stakechain/cmd/detlint", false},
		{"github.com/stakechain/stakechain/x/bank/cmd/tool", false},
		{"github.com/stakechain/stakechain/config", false},
		{"github.com/stakechain/stakechain/app/api/ethrpc", false},
		{"github.com/stakechain/stakechain/apphash", false},
		{"github.com/stakechain/stakechain/vendor/golang.org/x/tools", false},
	}
	for _, tt := range tests {
		if got := inScope(tt.path); got != tt.want {
			t.Errorf("inScope(%q) = %v, want %v", tt.path, got, tt.want)
		}
	}
}

// Command stakechain is the StakeChain node and client in one binary: it
// initializes and runs a node (CometBFT with the application in the same
// process), edits genesis files, generates and runs local networks, and
// manages keys, sends transactions and queries a node.
package main

import (
	"fmt"
	"os"
)

func main() {
	if err := newRootCommand().Execute(); err != nil {
		fmt.Fprintln(os.Stderr, "Error:", err)
		os.Exit(1)
	}
}

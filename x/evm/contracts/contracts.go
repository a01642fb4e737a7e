package contracts

import (
	_ "embed"
	"encoding/hex"
	"strings"
)

var (
	//go:embed ERC20.abi
	erc20ABI string
	//go:embed ERC20.bin
	erc20Bin string
	//go:embed Ballot.abi
	ballotABI string
	//go:embed Ballot.bin
	ballotBin string
)

// Artifact is a compiled contract: its ABI as JSON and its creation bytecode.
type Artifact struct {
	Name string
	ABI  string
	Bin  []byte
}

// ERC20 returns the compiled ERC-20 coin. Its constructor takes
// (string name, string symbol, uint8 decimals, uint256 supply).
func ERC20() Artifact { return artifact("ERC20", erc20ABI, erc20Bin) }

// Ballot returns the compiled Ballot. Its constructor takes
// (bytes32[] proposalNames).
func Ballot() Artifact { return artifact("Ballot", ballotABI, ballotBin) }

func artifact(name, abiJSON, binHex string) Artifact {
	bin, err := hex.DecodeString(strings.TrimSpace(binHex))
	if err != nil {
		panic("contracts: the bytecode of " + name + " is not hex: " + err.Error())
	}
	return Artifact{Name: name, ABI: abiJSON, Bin: bin}
}

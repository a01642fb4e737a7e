package main

import (
	"encoding/hex"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/x/evm/contracts"
)

func TestASignatureIsReadAsSolidityWritesIt(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		sig      string
		selector string
		outputs  []string // nil: no return part
	}{
		{name: "types only", in: "transfer(address,uint256)", sig: "transfer(address,uint256)", selector: "a9059cbb"},
		{name: "argument names and spaces", in: " transfer( address to , uint256 value ) ", sig: "transfer(address,uint256)", selector: "a9059cbb"},
		{name: "uint and int are 256 bits", in: "f(uint,int,uint[],int[2])", sig: "f(uint256,int256,uint256[],int256[2])"},
		{name: "a return part", in: "balanceOf(address)(uint256)", sig: "balanceOf(address)", selector: "70a08231", outputs: []string{"uint256"}},
		{name: "returns as Solidity writes it", in: "function balanceOf(address owner) returns (uint)", sig: "balanceOf(address)", selector: "70a08231", outputs: []string{"uint256"}},
		{name: "no arguments", in: "totalSupply()", sig: "totalSupply()", selector: "18160ddd"},
		{name: "an empty return part", in: "f()()", sig: "f()", outputs: []string{}},
		{name: "several results", in: "f()(bool,string,bytes32)", sig: "f()", outputs: []string{"bool", "string", "bytes32"}},
		{name: "data locations", in: "setName(string calldata name)", sig: "setName(string)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := parseEVMSignature(tt.in)
			require.NoError(t, err)
			require.Equal(t, tt.sig, f.Sig())
			if tt.selector != "" {
				require.Equal(t, tt.selector, hex.EncodeToString(f.Selector()))
			}
			require.Equal(t, tt.outputs != nil, f.HasOutputs)
			var outs []string
			for _, o := range f.Outputs {
				outs = append(outs, o.Type.String())
			}
			require.Equal(t, len(tt.outputs), len(outs))
			for i := range outs {
				require.Equal(t, tt.outputs[i], outs[i])
			}
		})
	}
}

func TestAMalformedSignatureIsRefusedWithWhatIsWrong(t *testing.T) {
	tests := []struct{ in, want string }{
		{"transfer", "give the function with its argument types"},
		{"transfer(address", "a parenthesis is not closed"},
		{"1transfer(address)", "is not a function name"},
		{"(address)", "is not a function name"},
		{"f(uint7)", `type "uint7"`},
		{"f(int512)", `type "int512"`},
		{"f(uint0)", `type "uint0"`},
		{"f(bytes33[])", `type "bytes33[]"`},
		{"f(bytes0)", `type "bytes0": did you mean bytes?`},
		{"f(address5)", `type "address5": did you mean address?`},
		{"f(address,)", "type 2 is empty"},
		{"f((uint256,address))", "tuples are not supported"},
		{"f(address) view", `unexpected "view"`},
		{"f()(uint256) x", `unexpected "x" after the return types`},
		{"f() returns", "returns what?"},
		{"f(function)", "not supported"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			_, err := parseEVMSignature(tt.in)
			require.ErrorContains(t, err, tt.want)
		})
	}
}

func mustType(t *testing.T, s string) abi.Type {
	t.Helper()
	typ, err := parseABIType(s)
	require.NoError(t, err)
	return typ
}

func padded32(s string) [32]byte {
	var b [32]byte
	copy(b[:], s)
	return b
}

func TestArgumentsAreParsedByTheirABIType(t *testing.T) {
	hardhat := common.HexToAddress(keysTestHardhatAddress)
	full := "0x" + strings.Repeat("ab", 32)
	var fullBytes [32]byte
	for i := range fullBytes {
		fullBytes[i] = 0xab
	}
	tests := []struct {
		name, typ, in string
		want          any
	}{
		{"an address in EIP-55", "address", keysTestHardhatAddress, hardhat},
		{"an address in lower case", "address", strings.ToLower(keysTestHardhatAddress), hardhat},
		{"an address in bech32", "address", bech32Of(t, keysTestHardhatAddress), hardhat},
		{"uint256 in decimal", "uint256", "1000000", big.NewInt(1_000_000)},
		{"uint256 in hex", "uint", "0xff", big.NewInt(255)},
		{"uint256 with underscores", "uint256", "1_000", big.NewInt(1000)},
		{"uint256 at its top", "uint256", "0x" + strings.Repeat("f", 64), new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 256), big.NewInt(1))},
		{"uint8 as Go's uint8", "uint8", "255", uint8(255)},
		{"uint64 as Go's uint64", "uint64", "18446744073709551615", uint64(18446744073709551615)},
		{"uint24 as a big integer", "uint24", "16777215", big.NewInt(16777215)},
		{"int8 at its bottom", "int8", "-128", int8(-128)},
		{"int256 negative", "int256", "-5", big.NewInt(-5)},
		{"int256 negative hex", "int", "-0x10", big.NewInt(-16)},
		{"bool true", "bool", "true", true},
		{"bool 0", "bool", "0", false},
		{"string with commas and spaces", "string", "hello, world ", "hello, world "},
		{"bytes32 from a short text", "bytes32", "alice", padded32("alice")},
		{"bytes32 from hex", "bytes32", full, fullBytes},
		{"bytes4 from text", "bytes4", "ab", [4]byte{'a', 'b', 0, 0}},
		{"bytes from hex", "bytes", "0xdeadbeef", []byte{0xde, 0xad, 0xbe, 0xef}},
		{"bytes from text", "bytes", "hi", []byte("hi")},
		{"bytes32[] from texts", "bytes32[]", "alice, bob", [][32]byte{padded32("alice"), padded32("bob")}},
		{"uint256[2] fixed", "uint256[2]", "1,0x2", [2]*big.Int{big.NewInt(1), big.NewInt(2)}},
		{"uint8[] in brackets", "uint8[]", "[1, 2, 3]", []uint8{1, 2, 3}},
		{"address[] of both spellings", "address[]", keysTestHardhatAddress + "," + bech32Of(t, keysTestHardhatAddress), []common.Address{hardhat, hardhat}},
		{"an empty array", "address[]", "", []common.Address{}},
		{"bool[]", "bool[]", "true,false", []bool{true, false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseABIArg(mustType(t, tt.typ), tt.in)
			require.NoError(t, err)
			require.Equal(t, tt.want, got)
			// go-ethereum packs what was parsed.
			_, err = abi.Arguments{{Type: mustType(t, tt.typ)}}.Pack(got)
			require.NoError(t, err)
		})
	}
}

func TestAnArgumentThatDoesNotFitItsTypeIsRefused(t *testing.T) {
	tests := []struct{ name, typ, in, want string }{
		{"an address with a bad checksum", "address", strings.Replace(keysTestHardhatAddress, "Fd6", "fd6", 1), "EIP-55 checksum"},
		{"a short address", "address", keysTestHardhatAddress[:41], "40 hex digits"},
		{"a name for an address", "address", "alice", "invalid"},
		{"uint8 above 255", "uint8", "256", "256 does not fit in uint8 (from 0 to 255)"},
		{"uint256 above its top", "uint256", "0x1" + strings.Repeat("0", 64), "does not fit in uint256"},
		{"a negative uint", "uint256", "-1", "does not fit in uint256"},
		{"int8 above 127", "int8", "128", "does not fit in int8 (from -128 to 127)"},
		{"int8 below -128", "int8", "-129", "does not fit in int8"},
		{"a decimal point", "uint256", "1.5", "is not an integer"},
		{"letters", "uint256", "12a", "is not an integer"},
		{"an empty integer", "uint256", "", "is not an integer"},
		{"a sign after the minus", "int256", "-+5", "is not an integer"},
		{"a bool word", "bool", "yes", "give true or false"},
		{"short hex for bytes32", "bytes32", "0x1234", "bytes32 takes exactly 32 in hex"},
		{"a long text for bytes4", "bytes4", "toolong", "more than bytes4 holds"},
		{"bad hex for bytes", "bytes", "0xzz", "0xzz"},
		{"an element of an array", "uint8[]", "1,300", "element 2: 300 does not fit in uint8"},
		{"too few elements", "uint256[3]", "1,2", "2 elements, want 3"},
		{"arrays of arrays", "uint256[][]", "1", "arrays of arrays are not supported"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseABIArg(mustType(t, tt.typ), tt.in)
			require.ErrorContains(t, err, tt.want)
		})
	}
}

func TestCalldataIsWhatGoEthereumPacksFromTheContractsABI(t *testing.T) {
	erc20, err := abi.JSON(strings.NewReader(contracts.ERC20().ABI))
	require.NoError(t, err)
	hardhat := common.HexToAddress(keysTestHardhatAddress)

	f, err := parseEVMSignature("transfer(address,uint256)")
	require.NoError(t, err)
	got, err := f.Calldata([]string{bech32Of(t, keysTestHardhatAddress), "250"})
	require.NoError(t, err)
	want, err := erc20.Pack("transfer", hardhat, big.NewInt(250))
	require.NoError(t, err)
	require.Equal(t, want, got)

	// The constructor's arguments, as deploy appends them to the bytecode.
	ctor := evmFunc{Name: "constructor", Inputs: erc20.Constructor.Inputs}
	got, err = packABIArgs(ctor.Inputs, []string{"Seed", "SEED", "18", "1000000"}, ctor.Sig())
	require.NoError(t, err)
	want, err = erc20.Pack("", "Seed", "SEED", uint8(18), big.NewInt(1_000_000))
	require.NoError(t, err)
	require.Equal(t, want, got)
	_, err = packABIArgs(ctor.Inputs, []string{"Seed"}, ctor.Sig())
	require.ErrorContains(t, err, "constructor(string,string,uint8,uint256) takes 4 arguments, got 1")
	_, err = packABIArgs(ctor.Inputs, []string{"Seed", "SEED", "256", "1"}, ctor.Sig())
	require.ErrorContains(t, err, "argument decimals_ (uint8): 256 does not fit in uint8")

	// By bare name through the ABI, which supplies the results.
	f, err = evmFuncFromABI("balanceOf", &erc20)
	require.NoError(t, err)
	require.Equal(t, "balanceOf(address)", f.Sig())
	require.True(t, f.HasOutputs)
	require.Equal(t, "uint256", f.Outputs[0].Type.String())
	f, err = evmFuncFromABI("balanceOf(address)", &erc20)
	require.NoError(t, err)
	require.True(t, f.HasOutputs, "the ABI gives the results of a signature without them")
	_, err = evmFuncFromABI("mint", &erc20)
	require.ErrorContains(t, err, `the ABI has no function "mint"`)
}

func TestAnAmountOfWeiIsReadWithItsUnit(t *testing.T) {
	e := func(n int64, exp int64) *big.Int {
		return new(big.Int).Mul(big.NewInt(n), new(big.Int).Exp(big.NewInt(10), big.NewInt(exp), nil))
	}
	for _, tt := range []struct {
		in   string
		want *big.Int
	}{
		{"0", big.NewInt(0)},
		{"1000", big.NewInt(1000)},
		{"0x10", big.NewInt(16)},
		{"7wei", big.NewInt(7)},
		{"2gwei", e(2, 9)},
		{"10ustake", e(10, 12)},
		{"1.5stake", e(15, 17)},
		{"1.5STAKE", e(15, 17)},
		{"0.000000000000000001stake", big.NewInt(1)},
		{".5stake", e(5, 17)},
		{"3.stake", e(3, 18)},
		{"1.50ustake", e(15, 11)},
	} {
		t.Run(tt.in, func(t *testing.T) {
			got, err := parseWei(tt.in)
			require.NoError(t, err)
			require.Equal(t, tt.want.String(), got.String())
		})
	}
	for _, tt := range []struct{ in, want string }{
		{"1.5", "finer than a wei"},
		{"0.0000000000000000001stake", "finer than a wei"},
		{"-1", "is not an amount"},
		{"1e18", "is not an amount"},
		{"stake", "is not an amount"},
		{"1.2.3stake", "is not an amount"},
		{"0xzz", "is not an amount of wei"},
	} {
		t.Run(tt.in, func(t *testing.T) {
			_, err := parseWei(tt.in)
			require.ErrorContains(t, err, tt.want)
		})
	}
}

func TestAnAmountOfWeiIsShownInStakeWithEighteenDecimals(t *testing.T) {
	for _, tt := range []struct{ wei, want string }{
		{"0", "0"},
		{"1", "0.000000000000000001"},
		{"1500000000000000000", "1.5"},
		{"10000000000000000000", "10"},
		{"9998887470000000123", "9.998887470000000123"},
	} {
		n, ok := new(big.Int).SetString(tt.wei, 10)
		require.True(t, ok)
		require.Equal(t, tt.want, formatStake(n), tt.wei)
	}
}

func TestARevertReasonIsDecodedFromItsData(t *testing.T) {
	erc20, err := abi.JSON(strings.NewReader(contracts.ERC20().ABI))
	require.NoError(t, err)
	str, _ := abi.NewType("string", "", nil)
	u256, _ := abi.NewType("uint256", "", nil)
	errorString, err := abi.Arguments{{Type: str}}.Pack("ERC20: transfer to the zero address")
	require.NoError(t, err)
	errorString = append(common.FromHex("0x08c379a0"), errorString...)
	panicData, err := abi.Arguments{{Type: u256}}.Pack(big.NewInt(0x11))
	require.NoError(t, err)
	panicData = append(common.FromHex("0x4e487b71"), panicData...)
	custom := erc20.Errors["InsufficientBalance"]
	args, err := custom.Inputs.Pack(common.HexToAddress(keysTestHardhatAddress), big.NewInt(7), big.NewInt(9))
	require.NoError(t, err)
	customData := append(custom.ID.Bytes()[:4], args...)

	tests := []struct {
		name     string
		data     []byte
		contract *abi.ABI
		want     string
	}{
		{"Error(string)", errorString, nil, "ERC20: transfer to the zero address"},
		{"a panic", panicData, nil, "arithmetic underflow or overflow"},
		{"a custom error, with the ABI", customData, &erc20, "InsufficientBalance(account: " + keysTestHardhatAddress + ", held: 7, needed: 9)"},
		{"a custom error, without", customData, nil, "custom error 0x" + hex.EncodeToString(custom.ID[:4]) + ", data 0x"},
		{"an error the ABI does not declare", common.FromHex("0xdeadbeef"), &erc20, "custom error 0xdeadbeef"},
		{"no data", nil, nil, "reverted without a reason"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Contains(t, revertReason(tt.data, tt.contract), tt.want)
		})
	}
}

func TestABytecodeFileIsReadWithOrWithout0xAndWhitespace(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
		return p
	}
	for _, content := range []string{"6080604052", "0x6080604052\n", "  6080604052\r\n\n"} {
		code, err := readBytecode(write("ok.bin", content))
		require.NoError(t, err)
		require.Equal(t, []byte{0x60, 0x80, 0x60, 0x40, 0x52}, code, "%q", content)
	}
	for _, tt := range []struct{ content, want string }{
		{"", "no bytecode"},
		{"0x\n", "no bytecode"},
		{"60806g", "not hex bytecode"},
		{"608", "not hex bytecode"},
		{"6080__$lib$__6080", "unlinked library"},
	} {
		_, err := readBytecode(write("bad.bin", tt.content))
		require.ErrorContains(t, err, tt.want, "%q", tt.content)
	}
}

func TestABytes32HoldingATextReadsAsThatText(t *testing.T) {
	require.Equal(t, "0x626f62"+strings.Repeat("0", 58)+` ("bob")`, evmText(padded32("bob"), false))
	require.Equal(t, "0x"+strings.Repeat("ab", 32), evmText([32]byte(common.FromHex("0x"+strings.Repeat("ab", 32))), false), "not text")
	require.Equal(t, "0x"+strings.Repeat("0", 64), evmText([32]byte{}, false))
	require.Equal(t, `["a b", "c"]`, evmText([]string{"a b", "c"}, false))
	require.Equal(t, "a b", evmText("a b", false))
	require.Equal(t, "[1, 2]", evmText([]*big.Int{big.NewInt(1), big.NewInt(2)}, false))
}

func TestTheEVMRPCFlagDefaultsToStakechainEVMRPCWhenSet(t *testing.T) {
	for _, tt := range []struct{ env, want string }{
		{"", "http://127.0.0.1:8545"},
		{"http://127.0.0.1:8555", "http://127.0.0.1:8555"},
	} {
		t.Setenv(envEVMRPC, tt.env)
		root := newRootCommand()
		for _, path := range [][]string{{"tx", "evm", "deploy"}, {"tx", "evm", "call"}, {"query", "evm", "call"}, {"query", "evm", "account"}, {"query", "evm", "storage"}, {"query", "evm", "code"}} {
			cmd, _, err := root.Find(path)
			require.NoError(t, err)
			f := cmd.InheritedFlags().Lookup(flagEVMRPC)
			require.NotNil(t, f, "%v has --evm-rpc", path)
			require.Equal(t, tt.want, f.DefValue, "%v", path)
			require.Contains(t, f.Usage, envEVMRPC, "the help names the variable")
		}
	}
}

func TestTheEVMCommandsRefuseCosmosFlagsAndArgumentsTheyCannotUse(t *testing.T) {
	const coin = "0x5FbDB2315678afecb367f032d93F642f64180aa3"
	// An address where nothing listens: each refusal happens before asking.
	offline := []string{"--evm-rpc", "http://127.0.0.1:1"}
	bin := filepath.Join(t.TempDir(), "c.bin")
	require.NoError(t, os.WriteFile(bin, []byte("6080"), 0o644))
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"tx", "evm", "call", coin, "f()", "--fees", "10ustake"}, "--fees does not apply here"},
		{[]string{"tx", "evm", "deploy", bin, "--node", "tcp://127.0.0.1:26657"}, "--node does not apply here: the evm commands talk to the node's Ethereum JSON-RPC"},
		{[]string{"tx", "evm", "call", coin, "f()", "--broadcast-mode", "commit"}, "--async returns without waiting"},
		{[]string{"query", "evm", "code", coin, "--node", "tcp://127.0.0.1:26657"}, "--node does not apply here"},
		{[]string{"tx", "evm", "deploy", bin, "Seed"}, "arguments for the constructor (Seed), but no --abi"},
		{[]string{"tx", "evm", "call", coin, "transfer(address,uint256)", coin}, "transfer(address,uint256) takes 2 arguments, got 1"},
		{[]string{"query", "evm", "call", coin}, "give the contract's address and the function's signature"},
		{[]string{"query", "evm", "call", coin, "balanceOf"}, "give the function with its argument types"},
		{[]string{"query", "evm", "call", "alice", "f()"}, "contract: "},
		{[]string{"query", "evm", "storage", coin, "0x1" + strings.Repeat("0", 64)}, `slot "0x1000`},
		{[]string{"query", "evm", "receipt", "0x1234"}, "give 0x and 64 hex digits"},
		{[]string{"tx", "evm", "call", coin, "f()", "--value", "1.5"}, "--value: \"1.5\" is finer than a wei"},
		{[]string{"tx", "evm", "call", coin, "f()"}, "--from: give the name or address of the eth_secp256k1 key"},
	} {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			_, err := run(t, append(tt.args, offline...)...)
			require.ErrorContains(t, err, tt.want)
		})
	}
	// Nothing listening: the error says where it looked and what to change.
	_, err := run(t, append([]string{"query", "evm", "code", coin}, offline...)...)
	require.ErrorContains(t, err, "cannot reach the Ethereum JSON-RPC at http://127.0.0.1:1")
	require.ErrorContains(t, err, "--evm-rpc")
}

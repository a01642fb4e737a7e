// check.mjs drives a StakeChain node's Ethereum JSON-RPC with ethers v6, as
// a dapp would: it compiles the repository's Solidity contracts with solc-js,
// deploys the ERC-20 coin and the Ballot with ContractFactory, transfers and
// waits for receipts, reads events with queryFilter and contract.on, makes
// view calls, surfaces a revert reason, runs the Ballot to its winner, sends
// a value with more decimals than ustake has, and, when Foundry's cast is
// installed, deploys and calls with cast too.
//
// Usage: node check.mjs RPC_URL PRIVATE_KEY_HEX CONTRACTS_DIR
// The key's account must hold at least 10 STAKE.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { ethers } from "ethers";
import solc from "solc";

const [rpcURL, keyHex, contractsDir] = process.argv.slice(2);
if (!rpcURL || !keyHex || !contractsDir) {
  console.error("usage: node check.mjs RPC_URL PRIVATE_KEY_HEX CONTRACTS_DIR");
  process.exit(2);
}

function check(cond, what) {
  if (!cond) throw new Error("check failed: " + what);
  console.log("ok   " + what);
}

// withTimeout rejects if p has not settled within ms.
function withTimeout(p, ms, what) {
  return Promise.race([
    p,
    new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms)),
  ]);
}

// compile builds every contract of the .sol files with solc's defaults (the
// EVM version solc targets by default).
function compile(dir, files) {
  const sources = {};
  for (const f of files) sources[f] = { content: readFileSync(join(dir, f), "utf8") };
  const input = {
    language: "Solidity",
    sources,
    settings: { optimizer: { enabled: true, runs: 200 }, outputSelection: { "*": { "*": ["abi", "evm.bytecode.object"] } } },
  };
  const out = JSON.parse(solc.compile(JSON.stringify(input)));
  const errors = (out.errors || []).filter((e) => e.severity === "error");
  if (errors.length) throw new Error("solc: " + errors.map((e) => e.formattedMessage).join("\n"));
  const contracts = {};
  for (const f of files) for (const [name, c] of Object.entries(out.contracts[f])) contracts[name] = { abi: c.abi, bytecode: "0x" + c.evm.bytecode.object };
  return contracts;
}

// constructorArgs fills an ERC-20 constructor from its ABI: strings get the
// name and symbol in order, a uint8 the decimals, a larger uint the supply.
function erc20Args(abi, supply) {
  const ctor = abi.find((x) => x.type === "constructor");
  if (!ctor) return [];
  const strings = ["Seed Coin", "SEED"];
  return ctor.inputs.map((i) => {
    if (i.type === "string") return strings.shift();
    if (i.type === "uint8") return 18;
    if (i.type.startsWith("uint")) return supply;
    throw new Error("unexpected ERC-20 constructor input " + i.type);
  });
}

async function main() {
  const provider = new ethers.JsonRpcProvider(rpcURL, undefined, { polling: true, pollingInterval: 250 });
  const wallet = new ethers.Wallet(keyHex, provider);
  const net = await provider.getNetwork();
  console.log(`chain id ${net.chainId}, account ${wallet.address}`);
  check((await provider.getBlockNumber()) > 0, "eth_blockNumber is past genesis");
  const start = await provider.getBalance(wallet.address);
  check(start >= ethers.parseEther("10"), `the wallet holds ${ethers.formatEther(start)} STAKE`);

  const c = compile(contractsDir, ["ERC20.sol", "Ballot.sol"]);
  check(c.ERC20 && c.Ballot, "solc-js compiled ERC20 and Ballot");

  // A second account, funded with a value that has more decimals than
  // ustake: nothing of it may be lost.
  const other = ethers.Wallet.createRandom().connect(provider);
  const odd = ethers.parseEther("0.1234567891");
  const fund = await wallet.sendTransaction({ to: other.address, value: odd });
  const fundRcpt = await fund.wait();
  check(fundRcpt.status === 1 && fundRcpt.hash === fund.hash, "a value transfer is mined under the hash eth_sendRawTransaction returned");
  check((await provider.getBalance(other.address)) === odd, "eth_getBalance shows 0.1234567891 STAKE to the wei");

  // ERC-20: deploy, read, transfer, events.
  const supply = ethers.parseUnits("1000000", 18);
  const coinFactory = new ethers.ContractFactory(c.ERC20.abi, c.ERC20.bytecode, wallet);
  const coin = await coinFactory.deploy(...erc20Args(c.ERC20.abi, supply));
  await coin.waitForDeployment();
  const coinAddr = await coin.getAddress();
  const deployRcpt = await coin.deploymentTransaction().wait();
  check(deployRcpt.contractAddress === coinAddr, `ERC20 deployed at ${coinAddr}`);
  check((await provider.getCode(coinAddr)).length > 2, "eth_getCode returns the runtime code");
  check((await coin.totalSupply()) === supply, "totalSupply() is the initial supply");
  check((await coin.balanceOf(wallet.address)) === supply, "the deployer holds the supply");
  check((await coin.decimals()) === 18n, "decimals() is 18");
  check((await coin.symbol()) === "SEED", "symbol() is SEED");

  const amount = ethers.parseUnits("250", 18);
  const tx = await coin.transfer(other.address, amount);
  const rcpt = await tx.wait();
  check(rcpt.status === 1, "transfer() succeeded");
  const parsed = rcpt.logs.map((l) => coin.interface.parseLog(l)).filter((l) => l && l.name === "Transfer");
  check(parsed.length === 1 && parsed[0].args.to === other.address && parsed[0].args.value === amount, "the receipt carries the Transfer event");
  check((await coin.balanceOf(other.address)) === amount, "balanceOf() shows the transfer");

  const past = await coin.queryFilter(coin.filters.Transfer(), deployRcpt.blockNumber);
  check(past.length === 2 && past[0].args.from === ethers.ZeroAddress && past[1].args.value === amount, "queryFilter finds the mint and the transfer");
  const sent = await coin.queryFilter(coin.filters.Transfer(wallet.address, other.address), deployRcpt.blockNumber);
  check(sent.length === 1, "queryFilter by indexed topics finds the transfer alone");

  const live = withTimeout(
    new Promise((resolve) => coin.once("Transfer", (from, to, value) => resolve({ from, to, value }))),
    30000,
    "contract.on(Transfer)",
  );
  const second = ethers.parseUnits("1", 18);
  await (await coin.transfer(other.address, second)).wait();
  const seen = await live;
  check(seen.to === other.address && seen.value === second, "contract.on delivers a new Transfer");
  await coin.removeAllListeners();

  // A revert surfaces its reason: the other account moves more than it has.
  let reverted;
  try {
    await coin.connect(other).transfer.staticCall(wallet.address, amount * 10n);
  } catch (e) {
    reverted = e;
  }
  check(reverted && reverted.code === "CALL_EXCEPTION", "a transfer beyond the balance reverts");
  check(reverted.reason || reverted.revert, `the revert is decoded: ${reverted.reason || reverted.revert.name}`);
  let estimated;
  try {
    await coin.connect(other).transfer.estimateGas(wallet.address, amount * 10n);
  } catch (e) {
    estimated = e;
  }
  check(estimated && estimated.code === "CALL_EXCEPTION", "eth_estimateGas refuses the reverting call");
  const gas = await coin.transfer.estimateGas(other.address, 1n);
  const exact = await coin.transfer(other.address, 1n, { gasLimit: gas });
  check((await exact.wait()).status === 1, `a transfer with exactly eth_estimateGas's ${gas} gas succeeds`);

  // Ballot to its winner.
  const names = ["alpha", "beta", "gamma"].map(ethers.encodeBytes32String);
  const ballot = await new ethers.ContractFactory(c.Ballot.abi, c.Ballot.bytecode, wallet).deploy(names);
  await ballot.waitForDeployment();
  check((await ballot.chairperson()) === wallet.address, "the Ballot's chairperson is the deployer");
  await (await ballot.giveRightToVote(other.address)).wait();
  await (await ballot.connect(other).delegate(wallet.address)).wait();
  await (await ballot.vote(2)).wait();
  check((await ballot.winningProposal()) === 2n, "winningProposal() is the one voted for with the delegated weight");
  check(ethers.decodeBytes32String(await ballot.winnerName()) === "gamma", "winnerName() is gamma");
  let again;
  try {
    await ballot.vote.staticCall(1);
  } catch (e) {
    again = e;
  }
  check(again && again.code === "CALL_EXCEPTION", "voting twice reverts");

  // Foundry's cast, when installed next to this script.
  const cast = join(fileURLToPath(new URL(".", import.meta.url)), "node_modules", ".bin", "cast");
  if (existsSync(cast)) {
    const out = execFileSync(cast, ["send", "--rpc-url", rpcURL, "--private-key", keyHex, "--json", "--create", c.ERC20.bytecode + ethers.AbiCoder.defaultAbiCoder().encode(coinFactory.interface.deploy.inputs, erc20Args(c.ERC20.abi, supply)).slice(2)], { encoding: "utf8" });
    const castRcpt = JSON.parse(out);
    check(castRcpt.status === "0x1" && castRcpt.contractAddress, `cast send --create deployed ${castRcpt.contractAddress}`);
    const sym = execFileSync(cast, ["call", "--rpc-url", rpcURL, castRcpt.contractAddress, "symbol()(string)"], { encoding: "utf8" }).trim();
    check(sym === '"SEED"', "cast call reads symbol()");
  } else {
    console.log("skip cast: not installed");
  }
  provider.destroy();
  console.log("all checks passed");
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

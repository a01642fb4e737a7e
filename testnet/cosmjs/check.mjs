// Drives a StakeChain node with CosmJS, the standard Cosmos JavaScript
// client, exactly as a Cosmos app would: derive the account from a
// mnemonic, read it and its balance, send coins with gas "auto", list the
// bonded validators, delegate and withdraw rewards.
//
// Usage: node check.mjs RPC_URL MNEMONIC_FILE
//
// CosmJS 0.32 picks its RPC adaptor from the node's version string and
// knows CometBFT up to 0.38; a CometBFT 0.40 node speaks the 0.38 RPC, so
// the client is built with Comet38Client explicitly.
import { readFileSync } from "fs";
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import { SigningStargateClient, StargateClient, GasPrice } from "@cosmjs/stargate";
import { Comet38Client } from "@cosmjs/tendermint-rpc";

const [rpc, mnemonicFile] = process.argv.slice(2);
const check = (ok, what) => {
  if (!ok) {
    console.error("FAILED: " + what);
    process.exit(1);
  }
  console.log("ok: " + what);
};

const wallet = await DirectSecp256k1HdWallet.fromMnemonic(readFileSync(mnemonicFile, "utf8").trim(), { prefix: "stake" });
const [me] = await wallet.getAccounts();
const comet = await Comet38Client.connect(rpc);
const q = await StargateClient.create(comet);
const c = await SigningStargateClient.createWithSigner(comet, wallet, { gasPrice: GasPrice.fromString("0ustake") });

const account = await q.getAccount(me.address);
check(account !== null && account.address === me.address, "the mnemonic's account exists at the same address");
const before = BigInt((await q.getBalance(me.address, "ustake")).amount);
check(before > 0n, "its balance is read");

const recipient = (await (await DirectSecp256k1HdWallet.generate(24, { prefix: "stake" })).getAccounts())[0].address;
const sent = await c.sendTokens(me.address, recipient, [{ denom: "ustake", amount: "12345" }], "auto", "from cosmjs");
check(sent.code === 0, "sendTokens with gas auto is committed");
check((await q.getBalance(recipient, "ustake")).amount === "12345", "the recipient holds what was sent");
check((await q.getTx(sent.transactionHash))?.code === 0, "the tx is found by hash");

const { validators } = await c.forceGetQueryClient().staking.validators("BOND_STATUS_BONDED");
check(validators.length > 0, "the bonded validators are listed");
const val = validators[0].operatorAddress;
const delegated = await c.delegateTokens(me.address, val, { denom: "ustake", amount: "1000000" }, "auto");
check(delegated.code === 0, "delegateTokens is committed");
const del = await c.forceGetQueryClient().staking.delegation(me.address, val);
check(BigInt(del.delegationResponse.balance.amount) >= 1000000n, "the delegation is queried");
const withdrawn = await c.withdrawRewards(me.address, val, "auto");
check(withdrawn.code === 0, "withdrawRewards is committed");
console.log("CosmJS works against " + rpc);

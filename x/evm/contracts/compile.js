// compile.js compiles the contracts of this directory with the solc package
// found under the given node_modules prefix, and writes NAME.abi (JSON) and
// NAME.bin (creation bytecode, hex) beside each NAME.sol.
//
// Usage: node compile.js PREFIX   (PREFIX holds node_modules/solc)
'use strict';
const fs = require('fs');
const path = require('path');

const prefix = path.resolve(process.argv[2] || '.');
const solc = require(path.join(prefix, 'node_modules', 'solc'));
const dir = __dirname;
const names = ['ERC20', 'Ballot'];

const sources = {};
for (const n of names) {
  sources[n + '.sol'] = { content: fs.readFileSync(path.join(dir, n + '.sol'), 'utf8') };
}
const input = {
  language: 'Solidity',
  sources,
  settings: {
    optimizer: { enabled: true, runs: 200 },
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
  },
};
const out = JSON.parse(solc.compile(JSON.stringify(input)));
let failed = false;
for (const e of out.errors || []) {
  process.stderr.write(e.formattedMessage + '\n');
  if (e.severity === 'error') failed = true;
}
if (failed) process.exit(1);
for (const n of names) {
  const c = out.contracts[n + '.sol'][n];
  fs.writeFileSync(path.join(dir, n + '.abi'), JSON.stringify(c.abi) + '\n');
  fs.writeFileSync(path.join(dir, n + '.bin'), c.evm.bytecode.object + '\n');
}
process.stdout.write('compiled ' + names.join(', ') + ' with solc ' + solc.version() + '\n');

// Package store owns the application's state and its commitment.
//
// The state is one tree with the shape and node hashes of an IAVL+ tree
// (github.com/cosmos/iavl); modules keep their data under their own key
// prefixes inside it. The root hash of the tree is the application hash, so
// a single ics23 proof ties any key to the block header. Two backends keep
// it (Backend): in memory with a log and snapshots in a cometbft-db
// database, or on disk through IAVL itself.
//
// The package provides:
//   - Reader and Writer, the narrow interfaces the modules read and write
//     state through, and Cache, the write buffer a block and each of its
//     transactions run in;
//   - Tree, the committed, versioned state: Apply writes a block's changes in
//     ascending key order, Commit saves them as the next version atomically
//     and prunes old versions, Latest and At give read-only
//     views of committed versions that stay consistent while the next block
//     executes;
//   - Proof, QueryProofOps and VerifyQueryProof, the proofs abci_query
//     returns with prove=true and how a client checks them;
//   - Export and Import of a version's nodes, the basis of state-sync
//     snapshots.
//
// On Open, a version whose write was cut short (a crash in the middle of
// Commit) is rolled back, so the application reports the previous height and
// CometBFT replays the block.
package store

// Package auth owns accounts: their addresses, account numbers, public keys
// and sequences, the module accounts, and the parameters of transaction
// authentication (memo and size limits, the gas schedule for bytes and
// signatures). The signature rules themselves are in keys/; the checks that
// run per transaction are applied by the application through this keeper.
package auth

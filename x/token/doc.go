// Package token owns user-created coins with the semantics of an ERC-20
// contract: create, mint, burn, approve, transferFrom, and a transferable
// admin role.
//
// # Denoms
//
// A token's denom is "token/<creator address>/<symbol>", for example
// token/stake1qy…/GOLD. The creator's bech32 address makes it unique per
// creator (one creator cannot make the same symbol twice, two creators can)
// and keeps it apart from "ustake" and every other native denom. A symbol
// is 3 to 12 characters, an upper-case letter then upper-case letters or
// digits; the whole denom passes core.ValidateDenom.
//
// # Balances live in the bank
//
// This module keeps no balances. A token's balances are x/bank balances of
// its denom and its supply is the bank's supply, so MsgSend moves tokens,
// every wallet and the bank queries show them, and the bank's invariant
// (supply = sum of balances) covers them. Mint and burn go through the
// "token" module account, which has the minter and burner permissions: a
// mint creates the coins in the module account and sends them to the
// recipient; a burn sends them from the admin to the module account and
// burns them there. The module account is therefore empty after every
// message.
//
// # What this module adds to the bank
//
//   - Token descriptions: creator, admin, symbol, name, decimals and a
//     positive max supply. The max supply caps the current supply, as
//     OpenZeppelin's ERC20Capped does: burnt coins make room to mint again.
//     A max supply of zero is refused rather than read as "unlimited"; an
//     unlimited token is one with a max supply of 2^256-1.
//   - Admin-only mint (to any account but a module account, never past the
//     max supply) and burn (of the admin's own balance). The admin starts
//     as the creator and can hand the role on with MsgChangeAdmin.
//   - Allowances, the ERC-20 approve/transferFrom pair: MsgApprove sets (it
//     replaces, never adds to) how much of one token a spender may move out
//     of the owner's balance, zero revoking it; MsgTransferFrom moves coins
//     on the owner's behalf and spends the allowance. It fails, changing
//     nothing, if the amount is above the allowance or the owner's balance.
//
// Allowances exist only for this module's tokens, not for ustake or other
// native denoms: bank balances are the token balances, so MsgSend already
// moves any coin its owner signs for; allowances are this module's own
// state, about the coins whose rules it owns. Delegated spending of native
// coins would be a separate, bank-wide feature (Cosmos has x/authz and
// x/feegrant for it).
//
// Amounts to mint, burn and move are positive everywhere; an initial supply
// may be zero.
//
// Module accounts may not receive tokens by a mint or a transfer-from:
// their balances are accounted for by their modules (the distribution
// account must hold exactly its rewards, for example).
package token

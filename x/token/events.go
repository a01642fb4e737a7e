package token

// Event types and attribute keys. Every amount attribute is a coin string
// such as "100token/stake1.../ABC".
const (
	EventTypeCreateToken  = "create_token"
	EventTypeMint         = "mint"
	EventTypeBurn         = "burn"
	EventTypeApprove      = "approve"
	EventTypeTransferFrom = "transfer_from"
	EventTypeChangeAdmin  = "change_admin"

	AttributeKeyDenom         = "denom"
	AttributeKeyCreator       = "creator"
	AttributeKeySymbol        = "symbol"
	AttributeKeyName          = "name"
	AttributeKeyDecimals      = "decimals"
	AttributeKeyMaxSupply     = "max_supply"
	AttributeKeyInitialSupply = "initial_supply"
	AttributeKeyAdmin         = "admin"
	AttributeKeyNewAdmin      = "new_admin"
	AttributeKeyOwner         = "owner"
	AttributeKeySpender       = "spender"
	AttributeKeyRecipient     = "recipient"
	AttributeKeyAmount        = "amount"
)

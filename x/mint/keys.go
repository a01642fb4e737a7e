package mint

// ModuleName is the mint module's name, key prefix, and the name of its
// module account (which holds the "minter" permission).
const ModuleName = "mint"

var (
	paramsKey = []byte("mint/params")
	minterKey = []byte("mint/minter")
)

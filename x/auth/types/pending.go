package types

// QueryPathPendingAccount is the abci_query path of the pending account
// query (QueryPendingAccountRequest, QueryPendingAccountResponse).
const QueryPathPendingAccount = "/stakechain.auth.v1.Query/PendingAccount"

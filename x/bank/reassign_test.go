package bank

import (
	"testing"

	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/x/core"
)

func TestReassignMovesBalancesAndKeepsTheSupply(t *testing.T) {
	w, bk, ak := setup(t, Balance{Address: addr("a").String(), Coins: "100ustake"}, Balance{Address: addr("b").String(), Coins: "50ustake"})
	supply := bk.Supply(w, "ustake")

	err := bk.Reassign(w, "ustake", []Holding{
		{Addr: addr("b"), Amount: math.NewInt(0)},
		{Addr: addr("a"), Amount: math.NewInt(30)},
		{Addr: addr("c"), Amount: math.NewInt(120)},
	})
	require.NoError(t, err)
	require.Equal(t, "30", bk.Balance(w, addr("a"), "ustake").String())
	require.Equal(t, "0", bk.Balance(w, addr("b"), "ustake").String())
	require.Equal(t, "120", bk.Balance(w, addr("c"), "ustake").String())
	require.True(t, ak.HasAccount(w, addr("c")), "the recipient's account is created")
	require.Nil(t, w.Get(balanceKey(addr("b"), "ustake")), "a zero balance is deleted")
	require.Equal(t, supply, bk.Supply(w, "ustake"))
}

func TestReassignRefusesAnythingThatWouldChangeTheSupplyAndChangesNothing(t *testing.T) {
	for name, holdings := range map[string][]Holding{
		"more than held":    {{Addr: addr("a"), Amount: math.NewInt(101)}},
		"less than held":    {{Addr: addr("a"), Amount: math.NewInt(99)}},
		"an address twice":  {{Addr: addr("a"), Amount: math.NewInt(50)}, {Addr: addr("a"), Amount: math.NewInt(50)}},
		"a negative amount": {{Addr: addr("a"), Amount: math.NewInt(101)}, {Addr: addr("c"), Amount: math.NewInt(-1)}},
	} {
		t.Run(name, func(t *testing.T) {
			w, bk, _ := setup(t, Balance{Address: addr("a").String(), Coins: "100ustake"})
			err := bk.Reassign(w, "ustake", holdings)
			require.ErrorIs(t, err, ErrBadReassignment)
			require.Equal(t, "100", bk.Balance(w, addr("a"), "ustake").String())
			require.Equal(t, "0", bk.Balance(w, addr("c"), "ustake").String())
		})
	}
}

func TestBankErrorCodesAreUnique(t *testing.T) {
	seen := map[uint32]string{}
	for _, e := range core.RegisteredErrors() {
		if e.Codespace() != ModuleName {
			continue
		}
		prev, dup := seen[e.Code()]
		require.False(t, dup, "code %d is used by %q and %q", e.Code(), prev, e.Error())
		seen[e.Code()] = e.Error()
	}
	require.Equal(t, "a reassignment of balances must keep their sum", seen[9])
}

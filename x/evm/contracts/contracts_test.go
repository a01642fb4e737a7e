package contracts

import (
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/stretchr/testify/require"
)

func TestTheEmbeddedArtifactsParseAndHaveTheirMethods(t *testing.T) {
	for _, c := range []struct {
		art     Artifact
		methods []string
	}{
		{ERC20(), []string{"name", "symbol", "decimals", "totalSupply", "balanceOf", "transfer", "approve", "allowance", "transferFrom"}},
		{Ballot(), []string{"chairperson", "voters", "proposals", "giveRightToVote", "delegate", "vote", "winningProposal", "winnerName"}},
	} {
		parsed, err := abi.JSON(strings.NewReader(c.art.ABI))
		require.NoError(t, err, c.art.Name)
		for _, m := range c.methods {
			require.Contains(t, parsed.Methods, m, c.art.Name)
		}
		require.Greater(t, len(c.art.Bin), 1000, c.art.Name)
	}
}

package types_test

import (
	"testing"

	"github.com/cosmos/gogoproto/proto"
	gogotypes "github.com/cosmos/gogoproto/types"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/encoding/protowire"

	"github.com/stakechain/stakechain/x/ballot/types"
)

// fieldNumbers lists the top-level field numbers of an encoded message, in
// order, with their wire types.
func fieldNumbers(t *testing.T, m proto.Marshaler) [][2]int {
	t.Helper()
	b, err := m.Marshal()
	require.NoError(t, err)
	var out [][2]int
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		require.GreaterOrEqual(t, n, 0)
		b = b[n:]
		n = protowire.ConsumeFieldValue(num, typ, b)
		require.GreaterOrEqual(t, n, 0)
		b = b[n:]
		out = append(out, [2]int{int(num), int(typ)})
	}
	return out
}

const (
	varint = int(protowire.VarintType)
	bytes  = int(protowire.BytesType)
)

func TestTheMessagesHaveTheirFieldNumbers(t *testing.T) {
	require.Equal(t, [][2]int{{1, bytes}, {2, bytes}, {3, bytes}, {3, bytes}, {4, bytes}, {5, varint}}, fieldNumbers(t, &types.MsgCreateBallot{
		Chairperson: "c", Title: "t", ProposalNames: []string{"a", "b"}, VotingEnd: &gogotypes.Timestamp{Seconds: 1}, StakeWeighted: true}))
	require.Equal(t, [][2]int{{1, varint}}, fieldNumbers(t, &types.MsgCreateBallotResponse{BallotId: 1}))
	require.Equal(t, [][2]int{{1, bytes}, {2, varint}, {3, bytes}}, fieldNumbers(t, &types.MsgGiveRightToVote{Chairperson: "c", BallotId: 1, Voter: "v"}))
	require.Equal(t, [][2]int{{1, bytes}, {2, varint}, {3, bytes}}, fieldNumbers(t, &types.MsgDelegateVote{Voter: "v", BallotId: 1, To: "t"}))
	require.Equal(t, [][2]int{{1, bytes}, {2, varint}, {3, varint}}, fieldNumbers(t, &types.MsgCastVote{Voter: "v", BallotId: 1, ProposalIndex: 2}))
}

func TestTheTypeURLsNameTheMessages(t *testing.T) {
	for url, m := range map[string]proto.Message{
		types.TypeURLMsgCreateBallot:            &types.MsgCreateBallot{},
		types.TypeURLMsgGiveRightToVote:         &types.MsgGiveRightToVote{},
		types.TypeURLMsgDelegateVote:            &types.MsgDelegateVote{},
		types.TypeURLMsgCastVote:                &types.MsgCastVote{},
		types.TypeURLMsgCreateBallotResponse:    &types.MsgCreateBallotResponse{},
		types.TypeURLMsgGiveRightToVoteResponse: &types.MsgGiveRightToVoteResponse{},
		types.TypeURLMsgDelegateVoteResponse:    &types.MsgDelegateVoteResponse{},
		types.TypeURLMsgCastVoteResponse:        &types.MsgCastVoteResponse{},
	} {
		require.Equal(t, url, "/"+proto.MessageName(m))
	}
}

// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

/// @title Ballot
/// @notice A vote among named proposals. The chairperson who deploys the
/// contract grants each voter one vote; a voter either votes or hands the
/// vote (and any votes handed to them) to another voter.
contract Ballot {
    struct Voter {
        uint256 weight; // votes this voter holds, 0 without the right to vote
        bool voted; // true once the voter voted or delegated
        address delegate; // whom the voter delegated to, if anyone
        uint256 vote; // index of the proposal voted for
    }

    struct Proposal {
        bytes32 name; // short name, up to 32 bytes
        uint256 voteCount; // votes received
    }

    address public chairperson;
    mapping(address => Voter) public voters;
    Proposal[] public proposals;

    /// @notice Opens a ballot over one proposal per name; the deployer
    /// becomes the chairperson and holds one vote.
    constructor(bytes32[] memory proposalNames) {
        chairperson = msg.sender;
        voters[msg.sender].weight = 1;
        for (uint256 i = 0; i < proposalNames.length; i++) {
            proposals.push(Proposal({name: proposalNames[i], voteCount: 0}));
        }
    }

    /// @notice Gives `voter` one vote. Only the chairperson may, and only to
    /// an account that has neither a vote nor has voted.
    function giveRightToVote(address voter) external {
        require(msg.sender == chairperson, "Ballot: only the chairperson grants votes");
        Voter storage v = voters[voter];
        require(!v.voted, "Ballot: the voter already voted");
        require(v.weight == 0, "Ballot: the voter already has a vote");
        v.weight = 1;
    }

    /// @notice Hands the sender's votes to `to`, following `to`'s own
    /// delegation to its end. If that voter already voted, the votes are
    /// added to their proposal at once.
    function delegate(address to) external {
        Voter storage sender = voters[msg.sender];
        require(sender.weight != 0, "Ballot: no right to vote");
        require(!sender.voted, "Ballot: already voted");
        require(to != msg.sender, "Ballot: self-delegation is not allowed");

        while (voters[to].delegate != address(0)) {
            to = voters[to].delegate;
            require(to != msg.sender, "Ballot: delegation would form a loop");
        }

        Voter storage target = voters[to];
        require(target.weight >= 1, "Ballot: the delegate has no right to vote");

        sender.voted = true;
        sender.delegate = to;
        if (target.voted) {
            proposals[target.vote].voteCount += sender.weight;
        } else {
            target.weight += sender.weight;
        }
    }

    /// @notice Casts all of the sender's votes for proposal `proposal`.
    function vote(uint256 proposal) external {
        Voter storage sender = voters[msg.sender];
        require(sender.weight != 0, "Ballot: no right to vote");
        require(!sender.voted, "Ballot: already voted");
        sender.voted = true;
        sender.vote = proposal;
        // An index past the end reverts the whole call.
        proposals[proposal].voteCount += sender.weight;
    }

    /// @notice Returns the index of the proposal with the most votes; on a
    /// tie, the lowest such index.
    function winningProposal() public view returns (uint256 winner) {
        uint256 best = 0;
        for (uint256 p = 0; p < proposals.length; p++) {
            if (proposals[p].voteCount > best) {
                best = proposals[p].voteCount;
                winner = p;
            }
        }
    }

    /// @notice Returns the name of the winning proposal.
    function winnerName() external view returns (bytes32) {
        return proposals[winningProposal()].name;
    }
}

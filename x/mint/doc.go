// Package mint owns inflation: at the start of every block it mints new
// coins of the mint denom into its module account and hands them to the fee
// collector, where distribution allocates them with the block's fees.
//
// The model is Cosmos's. The inflation rate moves every block toward a
// target bonded ratio (bonded tokens / total supply of the bond denom): by
// (1 − bonded ratio / GoalBonded) × InflationRateChange / BlocksPerYear,
// clamped to [InflationMin, InflationMax]. So it rises while too little is
// staked and falls while more than the goal is. The annual provisions are
// the inflation rate times the total supply of the bond denom, and a block
// mints annual provisions / BlocksPerYear, truncated to whole coins.
package mint

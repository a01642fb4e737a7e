// Package config owns a node's configuration files. For the application it
// has the defaults, the app.toml template that init writes, loading through
// viper (HOME/config/app.toml, then STAKECHAIN_* environment variables, then
// command-line flags, each overriding the one before) and validation. For
// CometBFT it has StakeChain's defaults for config.toml, reading config.toml
// with CometBFT's config package, and the creation of a node home with its
// node and consensus keys.
package config

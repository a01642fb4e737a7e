package ethrpc

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/params"
	"github.com/ethereum/go-ethereum/rpc"
)

// Config is app.toml's [json-rpc] section: where the service listens and
// the caps on what one request may cost.
type Config struct {
	// Address is host:port for HTTP and WebSocket both.
	Address string
	// Version is the node's version, which web3_clientVersion reports.
	Version string
	// GasCap bounds the gas of eth_call, eth_estimateGas and
	// debug_traceCall; a call that asks for no gas gets this much. Above
	// the per-transaction cap of Osaka (EIP-7825, 2^24), that cap applies.
	GasCap uint64
	// CallTimeout bounds the time of one eth_call, eth_estimateGas or
	// trace.
	CallTimeout time.Duration
	// LogsBlockRange is the most blocks one eth_getLogs may scan, and
	// LogsCap the most logs it may return.
	LogsBlockRange int64
	LogsCap        int
	// BatchLimit is the most requests in one batch, BatchResponseLimit the
	// most bytes of a batch's responses.
	BatchLimit         int
	BatchResponseLimit int
	// FilterTimeout removes a filter that no one has polled for this long.
	FilterTimeout time.Duration
	// FilterCap is the most filters the service keeps at once.
	FilterCap int
	// CORSOrigins are the origins browsers may call from ("*": any).
	CORSOrigins []string
	// PollInterval is how often the service looks for a new block to
	// send to subscribers and filters.
	PollInterval time.Duration
}

// DefaultConfig returns the caps a node uses unless app.toml says
// otherwise.
func DefaultConfig() Config {
	return Config{
		Address:            "127.0.0.1:8545",
		GasCap:             params.MaxTxGas,
		CallTimeout:        5 * time.Second,
		LogsBlockRange:     10_000,
		LogsCap:            10_000,
		BatchLimit:         100,
		BatchResponseLimit: 25 * 1000 * 1000,
		FilterTimeout:      5 * time.Minute,
		FilterCap:          200,
		CORSOrigins:        []string{"*"},
		PollInterval:       200 * time.Millisecond,
	}
}

// Validate reports a setting that cannot work.
func (c Config) Validate() error {
	switch {
	case c.Address == "":
		return errors.New("json-rpc address is empty")
	case c.GasCap == 0:
		return errors.New("json-rpc gas-cap must be positive")
	case c.CallTimeout <= 0:
		return errors.New("json-rpc call timeout must be positive")
	case c.LogsBlockRange <= 0 || c.LogsCap <= 0:
		return errors.New("json-rpc logs block range and logs cap must be positive")
	case c.BatchLimit <= 0 || c.BatchResponseLimit <= 0:
		return errors.New("json-rpc batch limits must be positive")
	case c.FilterTimeout <= 0 || c.FilterCap <= 0:
		return errors.New("json-rpc filter timeout and cap must be positive")
	case c.PollInterval <= 0:
		return errors.New("json-rpc poll interval must be positive")
	}
	return nil
}

// Server is the JSON-RPC service: HTTP and WebSocket on one listener.
type Server struct {
	cfg     Config
	rpc     *rpc.Server
	heads   *headFeed
	filters *filters
	http    *http.Server
	ln      net.Listener
	stop    context.CancelFunc
	done    sync.WaitGroup
}

// New builds the service over backend; Start serves it.
func New(cfg Config, backend Backend) (*Server, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, rpc: rpc.NewServer()}
	s.rpc.SetBatchLimits(cfg.BatchLimit, cfg.BatchResponseLimit)
	s.heads = newHeadFeed(backend, cfg.PollInterval)
	s.filters = newFilters(cfg, s.heads)
	eth := &ethAPI{cfg: cfg, b: backend, heads: s.heads, filters: s.filters}
	for _, api := range []struct {
		name string
		recv any
	}{
		{"eth", eth},
		{"net", &netAPI{b: backend}},
		{"web3", web3API{version: cfg.Version}},
		{"debug", &debugAPI{eth: eth}},
	} {
		if err := s.rpc.RegisterName(api.name, api.recv); err != nil {
			return nil, fmt.Errorf("json-rpc: %w", err)
		}
	}
	return s, nil
}

// Handler serves JSON-RPC over HTTP POST and, for a WebSocket upgrade
// request, over WebSocket, on the same path.
func (s *Server) Handler() http.Handler {
	ws := s.rpc.WebsocketHandler(s.cfg.CORSOrigins)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.EqualFold(r.Header.Get("Upgrade"), "websocket") {
			ws.ServeHTTP(w, r)
			return
		}
		if origin := r.Header.Get("Origin"); origin != "" && s.allowedOrigin(origin) {
			w.Header().Set("Access-Control-Allow-Origin", origin)
			w.Header().Set("Access-Control-Allow-Methods", "POST, GET, OPTIONS")
			w.Header().Set("Access-Control-Allow-Headers", "Content-Type")
			w.Header().Set("Vary", "Origin")
		}
		if r.Method == http.MethodOptions {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		s.rpc.ServeHTTP(w, r)
	})
}

func (s *Server) allowedOrigin(origin string) bool {
	for _, o := range s.cfg.CORSOrigins {
		if o == "*" || strings.EqualFold(o, origin) {
			return true
		}
	}
	return false
}

// Start listens on the configured address and serves until Close.
func (s *Server) Start() error {
	ln, err := net.Listen("tcp", s.cfg.Address)
	if err != nil {
		return fmt.Errorf("json-rpc: %w", err)
	}
	s.StartOn(ln)
	return nil
}

// StartOn serves on ln until Close.
func (s *Server) StartOn(ln net.Listener) {
	ctx, cancel := context.WithCancel(context.Background())
	s.ln, s.stop = ln, cancel
	s.http = &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second}
	s.done.Add(3)
	go func() { defer s.done.Done(); s.heads.run(ctx) }()
	go func() { defer s.done.Done(); s.filters.expire(ctx) }()
	go func() { defer s.done.Done(); _ = s.http.Serve(ln) }()
}

// Addr is the address the service listens on, once started.
func (s *Server) Addr() string { return s.ln.Addr().String() }

// Close stops serving and waits for the service's goroutines.
func (s *Server) Close() error {
	if s.stop == nil {
		return nil
	}
	s.stop()
	s.rpc.Stop()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := s.http.Shutdown(ctx)
	s.done.Wait()
	return err
}

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/parley-events/parley"
	"github.com/parley-events/parley/server"
	"github.com/parley-events/parley/store/sqlite"
)

// serveConfig is the configuration file of parley serve (TOML or JSON,
// chosen by the file's extension). Flags given on the command line win
// over the file; the token may also come from PARLEY_TOKEN.
type serveConfig struct {
	DB           string `toml:"db" json:"db"`
	Addr         string `toml:"addr" json:"addr"`
	Token        string `toml:"token" json:"token"`
	MaxBodyBytes int64  `toml:"max_body_bytes" json:"max_body_bytes"`
	ReadOnly     bool   `toml:"read_only" json:"read_only"`
}

func loadServeConfig(path string) (serveConfig, error) {
	var c serveConfig
	b, err := os.ReadFile(path)
	if err != nil {
		return c, parley.Errorf(parley.Invalid, "serve", "config: %v", err)
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".json":
		dec := json.NewDecoder(strings.NewReader(string(b)))
		dec.DisallowUnknownFields()
		err = dec.Decode(&c)
	case ".toml", "":
		var md toml.MetaData
		md, err = toml.Decode(string(b), &c)
		if err == nil && len(md.Undecoded()) > 0 {
			err = fmt.Errorf("unknown keys %v", md.Undecoded())
		}
	default:
		err = fmt.Errorf("unknown config format %q (want .toml or .json)", filepath.Ext(path))
	}
	if err != nil {
		return c, parley.Errorf(parley.Invalid, "serve", "config %s: %v", path, err)
	}
	return c, nil
}

// runServe serves the JSON API and the dashboard until ctx ends.
func (m *Main) runServe(ctx context.Context, args []string) error {
	fs := m.newFlagSet("serve", "[--db parley.db] [--addr 127.0.0.1:8080] [--config FILE]")
	db := m.dbFlag(fs)
	addr := fs.String("addr", "", "address to listen on (default 127.0.0.1:8080; port 0 picks a free one)")
	config := fs.String("config", "", "configuration file (.toml or .json): db, addr, token, max_body_bytes, read_only")
	readOnly := fs.Bool("read-only", false, "refuse writes (POST /api/v1/stories) even with a token")
	queryTimeout := fs.Duration("query-timeout", 30*time.Second, "stop a read (page, series, dashboard page; not downloads) after this long with 503")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return &exitError{code: exitUsage, msg: fmt.Sprintf("serve takes no arguments, got %q", fs.Args())}
	}
	var cfg serveConfig
	if *config != "" {
		c, err := loadServeConfig(*config)
		if err != nil {
			return err
		}
		cfg = c
	}
	if *db != defaultDB || cfg.DB == "" {
		cfg.DB = *db
	}
	if *addr != "" {
		cfg.Addr = *addr
	}
	if cfg.Addr == "" {
		cfg.Addr = "127.0.0.1:8080"
	}
	if t := m.serveGetenv("PARLEY_TOKEN"); t != "" {
		cfg.Token = t
	}
	cfg.ReadOnly = cfg.ReadOnly || *readOnly
	log := slog.New(slog.NewTextHandler(m.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))

	var st *sqlite.Store
	var err error
	if cfg.ReadOnly {
		st, err = m.openStoreRead(cfg.DB)
	} else {
		st, err = m.openStore(cfg.DB)
	}
	if err != nil {
		return fmt.Errorf("serve: open %s: %w", cfg.DB, err)
	}
	defer st.Close()
	coder, cerr := m.newServeCoder()
	if cerr != nil {
		log.Warn("posted stories cannot be coded", "error", cerr)
	}
	srv, err := server.New(server.Options{
		Store:        st,
		ReadOnly:     cfg.ReadOnly,
		Coder:        coder,
		ReadText:     serveReadText,
		Token:        cfg.Token,
		Logger:       log,
		MaxBodyBytes: cfg.MaxBodyBytes,
		QueryTimeout: *queryTimeout,
	})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("serve: listen on %s: %w", cfg.Addr, err)
	}
	writes := "writes need a bearer token"
	switch {
	case cfg.ReadOnly:
		writes = "read-only"
	case cfg.Token == "":
		writes = "writes disabled: no token configured"
	}
	fmt.Fprintf(m.Stderr, "parley: serving %s on http://%s/ (%s)\n", cfg.DB, ln.Addr(), writes)
	if !srv.BundlePresent() {
		fmt.Fprintln(m.Stderr, "parley: the dashboard's JavaScript bundle is missing; run `go generate ./server` and rebuild for charts")
	}
	return srv.Serve(ctx, ln)
}

func (m *Main) serveGetenv(k string) string {
	if m.Getenv == nil {
		return os.Getenv(k)
	}
	return m.Getenv(k)
}

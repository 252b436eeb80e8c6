package main

import (
	"context"
	"io"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/ingest"
	"github.com/parley-events/parley/server"
)

// serveCoder adapts ingest's stages (analyse, then code) to server.Coder
// for the stories that clients post to parley serve.
type serveCoder struct {
	analyze func(*parley.Story) *parley.Document
	c       coder
}

func (s serveCoder) Code(ctx context.Context, st *parley.Story) (*parley.Document, []parley.Event, error) {
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	doc := s.analyze(st)
	return doc, s.c.Code(doc), nil
}

func (s serveCoder) Version() string { return s.c.Version() }

// newServeCoder returns the coder for posted stories, or nil (and why)
// when the coder cannot be built; /api/v1/code then answers 503.
func (m *Main) newServeCoder() (server.Coder, error) {
	p := m.pipeline()
	c, err := p.newCoder(nil, false)
	if err != nil {
		return nil, err
	}
	return serveCoder{analyze: p.analyze, c: c}, nil
}

// serveReadText reads a posted text/plain story the way ingest reads a
// text file: title, header lines (byline, source, date), body.
var serveReadText func(name string, r io.Reader) (*parley.Story, error) = ingest.ReadText

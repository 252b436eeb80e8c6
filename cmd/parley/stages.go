package main

import (
	"context"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/coding"
	"github.com/parley-events/parley/ingest"
	"github.com/parley-events/parley/nlp"
)

// coder codes an analysed story into events. Safe for concurrent use.
type coder interface {
	Code(doc *parley.Document) []parley.Event
	Version() string
}

// stages are the steps that ingest and recode wire together: read
// stories, analyse them into sentences, code them. Tests replace them
// through Main.stages.
type stages struct {
	read    func(ctx context.Context, paths []string, opts ingest.Options, fn func(*parley.Story) error) error
	analyze func(*parley.Story) *parley.Document
	// newCoder returns the coder; with a non-nil coder, a non-nil error
	// lists warnings (unreadable dictionary lines).
	newCoder func(dicts []string, noBuiltin bool) (coder, error)
}

func (m *Main) pipeline() *stages {
	if m.stages != nil {
		return m.stages
	}
	return &stages{
		read: func(ctx context.Context, paths []string, opts ingest.Options, fn func(*parley.Story) error) error {
			_, err := ingest.Read(ctx, paths, opts, fn)
			return err
		},
		analyze: nlp.Analyze,
		newCoder: func(dicts []string, noBuiltin bool) (coder, error) {
			c, err := newCodingCoder(coding.Options{Dicts: dicts, NoBuiltin: noBuiltin})
			if c == nil {
				return nil, err
			}
			return c, err
		},
	}
}

// analyze splits a story into sentences (nlp.Analyze).
func analyze(s *parley.Story) *parley.Document { return nlp.Analyze(s) }

package main

import (
	"context"
	"errors"
	"io"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/nlp"
)

// coder codes an analysed story into events. Safe for concurrent use.
type coder interface {
	Code(doc *parley.Document) []parley.Event
	Version() string
}

// readOptions are the reader settings of ingest (the same as parley
// read's).
type readOptions struct {
	Format                                                           string // auto, text, html, rss, jsonl, csv
	IDField, TextField, DateField, TitleField, SourceField, URLField string
	Dedup                                                            bool
	Stdin                                                            io.Reader
	OnError                                                          func(error) // a rejected input; reading goes on
}

// stages are the steps that ingest and recode wire together: read
// stories, analyse them into sentences, code them. Tests replace them
// through Main.stages.
type stages struct {
	read     func(ctx context.Context, paths []string, opts readOptions, fn func(*parley.Story) error) error
	analyze  func(*parley.Story) *parley.Document
	newCoder func(dicts []string, noBuiltin bool) (coder, error)
}

func (m *Main) pipeline() *stages {
	if m.stages != nil {
		return m.stages
	}
	return &stages{read: readStories, analyze: analyze, newCoder: newCoder}
}

// readStories reads stories with package ingest.
func readStories(ctx context.Context, paths []string, opts readOptions, fn func(*parley.Story) error) error {
	return errors.New("ingest: the story readers are not built yet")
}

// analyze splits a story into sentences.
func analyze(s *parley.Story) *parley.Document {
	return &parley.Document{Story: s, Sentences: nlp.Sentences(s.Text)}
}

// newCoder returns the event coder.
func newCoder(dicts []string, noBuiltin bool) (coder, error) {
	return nil, errors.New("coding: the event coder is not built yet")
}

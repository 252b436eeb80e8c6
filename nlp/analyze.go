package nlp

import "github.com/parley-events/parley"

// Analyze splits the story into sentences, finds and resolves their time
// expressions against the publication date (s.Published), and carries the
// story's running context from sentence to sentence: a sentence with no
// expression of its own gets the last date resolved before it as its
// Context (ContextFrom "context"), else the publication day ("publication"),
// else nothing. See Times for the resolution rules.
func Analyze(s *parley.Story) *parley.Document {
	var a Analyzer
	return a.Analyze(s)
}

// An Analyzer analyses stories one after another, reusing its buffers; the
// zero Analyzer is ready. An Analyzer must not be used by two goroutines at
// once.
type Analyzer struct {
	ctx Context
}

// Analyze is the function Analyze with a's buffers.
func (a *Analyzer) Analyze(s *parley.Story) *parley.Document {
	doc := &parley.Document{Story: s, Sentences: Sentences(s.Text)}
	a.ctx.Reset()
	ctx := &a.ctx
	pub := parley.DayDate(s.Published)
	for k := range doc.Sentences {
		sent := &doc.Sentences[k]
		sent.Times = AppendTimes(nil, sent.Text, sent.Start, s.Published, ctx)
		if len(sent.Times) > 0 {
			continue
		}
		switch {
		case !ctx.Last.IsZero():
			sent.Context, sent.ContextFrom = ctx.Last, "context"
		case !pub.IsZero():
			sent.Context, sent.ContextFrom = pub, "publication"
		}
	}
	return doc
}

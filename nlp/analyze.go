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
	// One allocation for the sentences (about one per 120 bytes of news
	// text) and one for all the time expressions of the story.
	sents := make([]parley.Sentence, 0, len(s.Text)/120+4)
	doc := &parley.Document{Story: s, Sentences: AppendSentences(sents, s.Text)}
	a.ctx.Reset()
	ctx := &a.ctx
	pub := parley.DayDate(s.Published)
	var times []parley.TimeExpr
	for k := range doc.Sentences {
		sent := &doc.Sentences[k]
		n := len(times)
		if times == nil {
			times = AppendTimes(nil, sent.Text, sent.Start, s.Published, ctx)
			if len(times) > 0 && cap(times) < 8 {
				times = append(make([]parley.TimeExpr, 0, 8), times...)
			}
		} else {
			times = AppendTimes(times, sent.Text, sent.Start, s.Published, ctx)
		}
		if len(times) > n {
			sent.Times = times[n:len(times):len(times)]
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

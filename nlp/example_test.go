package nlp_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/nlp"
)

func ExampleSentences() {
	text := `Talks resume in Geneva

The U.S. envoy met Mr. Kim on Jan. 5. "We are ready," he said. Aid rose 3.5%.`
	for _, s := range nlp.Sentences(text) {
		fmt.Printf("%d [%d,%d) %s\n", s.Index, s.Start, s.End, s.Text)
	}
	// Output:
	// 0 [0,22) Talks resume in Geneva
	// 1 [24,61) The U.S. envoy met Mr. Kim on Jan. 5.
	// 2 [62,86) "We are ready," he said.
	// 3 [87,101) Aid rose 3.5%.
}

func ExampleTimes() {
	published := time.Date(2013, 1, 22, 0, 0, 0, 0, time.UTC)
	var ctx nlp.Context
	for _, sentence := range []string{
		"Back in 2012, the two sides met often.",
		"In January and March 2012, envoys discussed the issue.",
		"Then in April, a delegation was invited.",
		"In early August, talks restarted, and the envoy left on Monday.",
	} {
		for _, e := range nlp.Times(sentence, 0, published, &ctx) {
			line := fmt.Sprintf("%-14s %-10s %-6s %s", e.Text, e.Value, e.Value.Precision, e.Value.Part)
			fmt.Println(strings.TrimSpace(line))
		}
	}
	// Output:
	// 2012           2012       year
	// January        2012-01    month
	// March 2012     2012-03    month
	// April          2012-04    month
	// early August   2012-08    month  early
	// Monday         2013-01-21 day
}

func ExampleAnalyze() {
	story := &parley.Story{
		Text:      "In late December, the leader wrote a letter. It was delivered by hand.",
		Published: time.Date(2013, 1, 22, 0, 0, 0, 0, time.UTC),
	}
	doc := nlp.Analyze(story)
	for _, s := range doc.Sentences {
		if len(s.Times) > 0 {
			fmt.Printf("%d %q = %s %s\n", s.Index, s.Times[0].Text, s.Times[0].Value, s.Times[0].Value.Part)
			continue
		}
		fmt.Printf("%d context %s (%s)\n", s.Index, s.Context, s.ContextFrom)
	}
	// Output:
	// 0 "late December" = 2012-12 late
	// 1 context 2012-12 (context)
}

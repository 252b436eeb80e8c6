package ingest_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/ingest"
)

func ExampleRead() {
	in := strings.NewReader(`{"id": "s1", "date": "2013-01-22", "text": "In November, high-level talks were held in Mongolia."}
{"id": "s2", "date": "not a date", "text": "Rejected."}
`)
	opts := ingest.Options{
		Stdin:   in,
		OnError: func(err error) { fmt.Println("rejected:", err) },
	}
	st, err := ingest.Read(context.Background(), []string{"-"}, opts, func(s *parley.Story) error {
		fmt.Println(s.ID, s.Published.Format("2006-01-02"), s.Text)
		return nil
	})
	fmt.Println(st.Stories, st.Rejected, err)
	// Output:
	// s1 2013-01-22 In November, high-level talks were held in Mongolia.
	// rejected: stdin:2: unreadable date "not a date"
	// 1 1 <nil>
}

func ExampleReadText() {
	s, err := ingest.ReadText("story.txt", strings.NewReader(`Envoys meet again

By Ann Lee Source: Harbor Daily Published: 2013-1-22 22:53:06

The two envoys met in Ulaanbaatar on Monday.

Posted in: Viewpoint
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s | %s | %s | %s\n%q\nsection: %s\n", s.Title, s.Byline, s.Source, s.Published.Format("2006-01-02"), s.Text, s.Meta["section"])
	// Output:
	// Envoys meet again | Ann Lee | Harbor Daily | 2013-01-22
	// "The two envoys met in Ulaanbaatar on Monday."
	// section: Viewpoint
}

func ExampleParsePublished() {
	for _, s := range []string{"2013-1-22 22:53:06", "Jan. 22, 2013", "Tue, 22 Jan 2013 22:53:06 +0800", "soon"} {
		t, ok := ingest.ParsePublished(s)
		fmt.Println(t.Format("2006-01-02 15:04 -0700"), ok)
	}
	// Output:
	// 2013-01-22 22:53 +0000 true
	// 2013-01-22 00:00 +0000 true
	// 2013-01-22 22:53 +0800 true
	// 0001-01-01 00:00 +0000 false
}

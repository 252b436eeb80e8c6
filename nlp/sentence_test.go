package nlp

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"empty", "", nil},
		{"spaces only", "  \n\t \n", nil},
		{"one", "Japan protested.", []string{"Japan protested."}},
		{"no final mark", "Japan protested", []string{"Japan protested"}},
		{"two", "Japan protested. China denied it.", []string{"Japan protested.", "China denied it."}},
		{"question and exclamation", "Will they talk? Nobody knows! Maybe.", []string{"Will they talk?", "Nobody knows!", "Maybe."}},
		{"leading and trailing space", "  Seoul waited.   Tokyo did not.  ", []string{"Seoul waited.", "Tokyo did not."}},
		{"U.S. mid sentence", "The U.S. envoy arrived in Hanoi.", []string{"The U.S. envoy arrived in Hanoi."}},
		{"U.S. at end", "Aid came from the U.S. The talks went on.", []string{"Aid came from the U.S.", "The talks went on."}},
		{"U.N. before name", "The U.N. Security Council met. It voted.", []string{"The U.N. Security Council met.", "It voted."}},
		{"U.K. before capitalised noun", "The U.K. Foreign Office said so.", []string{"The U.K. Foreign Office said so."}},
		{"titles", "Mr. Abe met Mrs. Park and Dr. Lee. Gen. Kim, Lt. Col. Ri and Sen. Moss also came.", []string{"Mr. Abe met Mrs. Park and Dr. Lee.", "Gen. Kim, Lt. Col. Ri and Sen. Moss also came."}},
		{"rep and gov", "Rep. Ortiz and Gov. Hale spoke.", []string{"Rep. Ortiz and Gov. Hale spoke."}},
		{"month abbreviation before day", "It happened on Jan. 5 in Seoul. Feb. 2 was calm.", []string{"It happened on Jan. 5 in Seoul.", "Feb. 2 was calm."}},
		{"sept abbreviation", "Talks began Sept. 14 and ended Oct. 2. Both sides left.", []string{"Talks began Sept. 14 and ended Oct. 2.", "Both sides left."}},
		{"No. before number", "Resolution No. 5 passed. It was binding.", []string{"Resolution No. 5 passed.", "It was binding."}},
		{"vs.", "It was Iran vs. Iraq again.", []string{"It was Iran vs. Iraq again."}},
		{"etc. ending", "They sent food, tents, etc. The rest came later.", []string{"They sent food, tents, etc.", "The rest came later."}},
		{"etc. mid", "They sent food, tents, etc. to the border.", []string{"They sent food, tents, etc. to the border."}},
		{"Inc. mid", "Acme Inc. said it would leave.", []string{"Acme Inc. said it would leave."}},
		{"Co. then starter", "He joined Hanbit Co. The firm grew.", []string{"He joined Hanbit Co.", "The firm grew."}},
		{"St.", "They met at St. Mary's church.", []string{"They met at St. Mary's church."}},
		{"initials", "J. R. R. Tolkien wrote it. George W. Bush read it.", []string{"J. R. R. Tolkien wrote it.", "George W. Bush read it."}},
		{"hyphenated name", "Kim Jong-un wrote a letter. Abe replied.", []string{"Kim Jong-un wrote a letter.", "Abe replied."}},
		{"quote after period", `"We will talk," he said. "Soon."`, []string{`"We will talk," he said.`, `"Soon."`}},
		{"quote closes sentence", `He said "no." Then he left.`, []string{`He said "no."`, "Then he left."}},
		{"curly quotes", "He said “no.” Then he left.", []string{"He said “no.”", "Then he left."}},
		{"exclamation in quote then lower", `"Stop!" he shouted. They stopped.`, []string{`"Stop!" he shouted.`, "They stopped."}},
		{"question in quote then lower", `"Why now?" she asked.`, []string{`"Why now?" she asked.`}},
		{"parenthesis", "Talks resumed (after a pause.) Nothing changed.", []string{"Talks resumed (after a pause.)", "Nothing changed."}},
		{"ellipsis continues", "They waited... and waited. Then it came.", []string{"They waited... and waited.", "Then it came."}},
		{"ellipsis ends", "They waited... Nothing came.", []string{"They waited...", "Nothing came."}},
		{"unicode ellipsis", "They waited… Nothing came.", []string{"They waited…", "Nothing came."}},
		{"decimals", "Aid rose to $10.5 billion, up 3.5% on 2012. It fell later.", []string{"Aid rose to $10.5 billion, up 3.5% on 2012.", "It fell later."}},
		{"number at end", "The toll reached 12. Police blamed rebels.", []string{"The toll reached 12.", "Police blamed rebels."}},
		{"headline and blank line", "Talks resume in Beijing\n\nThe two sides met on Monday.", []string{"Talks resume in Beijing", "The two sides met on Monday."}},
		{"paragraphs", "First paragraph ends here.\n\nSecond one starts.\r\n\r\nThird", []string{"First paragraph ends here.", "Second one starts.", "Third"}},
		{"wrapped line", "The minister said the talks\nwould resume in March.", []string{"The minister said the talks\nwould resume in March."}},
		{"bullets", "Demands:\n- release the crew\n- pay damages\n* apologise", []string{"Demands:", "- release the crew", "- pay damages", "* apologise"}},
		{"numbered list", "Steps:\n1. Talk first.\n2. Then sign.", []string{"Steps:", "1. Talk first.", "2. Then sign."}},
		{"lower case text", "police arrested two men. they were later released. mr. singh said so.", []string{"police arrested two men.", "they were later released.", "mr. singh said so."}},
		{"lower case initial", "according to union minister m. venkaiah naidu. he spoke here.", []string{"according to union minister m. venkaiah naidu.", "he spoke here."}},
		{"lower case quote then new sentence", `the board met "with the government, not with the party." referring to the statement, he left.`, []string{`the board met "with the government, not with the party."`, "referring to the statement, he left."}},
		{"lower case quote then attribution", `"we will not go back," he said. "never." he added, and left.`, []string{`"we will not go back," he said.`, `"never." he added, and left.`}},
		{"cased text lower-case after period", "He met the minister, Saleh Gharib. who felt excluded. Then he left.", []string{"He met the minister, Saleh Gharib. who felt excluded.", "Then he left."}},
		{"e.g.", "Some states, e.g. Iran, objected.", []string{"Some states, e.g. Iran, objected."}},
		{"a.m.", "The blast came at 9 a.m. on Monday.", []string{"The blast came at 9 a.m. on Monday."}},
		{"dotted at end then starter", "They met at 9 a.m. The blast came later.", []string{"They met at 9 a.m.", "The blast came later."}},
		{"email and url", "Write to opinion@example.com today. See example.org/a.b for more.", []string{"Write to opinion@example.com today.", "See example.org/a.b for more."}},
		{"CJK full stop", "会谈结束。双方离开。", []string{"会谈结束。", "双方离开。"}},
		{"nbsp", "Talks ended.\u00a0Both left.", []string{"Talks ended.", "Both left."}},
		{"multiple marks", "Really?! Yes.", []string{"Really?!", "Yes."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Sentences(tt.text)
			var texts []string
			for k, s := range got {
				checkSentence(t, tt.text, k, s.Index, s.Start, s.End, s.Text)
				texts = append(texts, s.Text)
			}
			if diff := cmp.Diff(tt.want, texts); diff != "" {
				t.Errorf("Sentences(%q) mismatch (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

func checkSentence(t *testing.T, text string, k, index, start, end int, s string) {
	t.Helper()
	if index != k {
		t.Errorf("sentence %d has Index %d", k, index)
	}
	if start < 0 || end > len(text) || start >= end {
		t.Fatalf("sentence %d has offsets [%d, %d) outside text of %d bytes", k, start, end, len(text))
	}
	if text[start:end] != s {
		t.Errorf("sentence %d: Text %q, but text[%d:%d] = %q", k, s, start, end, text[start:end])
	}
	if strings.TrimSpace(s) != s {
		t.Errorf("sentence %d %q has surrounding space", k, s)
	}
}

func TestAppendSentences(t *testing.T) {
	dst := Sentences("One. Two.")
	got := AppendSentences(dst, "Three. Four.")
	if len(got) != 4 || got[2].Text != "Three." || got[2].Index != 2 || got[3].Start != 7 {
		t.Errorf("AppendSentences = %+v", got)
	}
}

func FuzzSentences(f *testing.F) {
	for _, s := range []string{"", "A. B.", "Mr. X said \"no.\" Then...", "U.S.\n\n- a\n1. b", "\xff. \xe2\x80", "“Why?” he asked… Fine。", "2013-03-05. Jan. 5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		prev := 0
		for k, s := range Sentences(text) {
			if s.Index != k || s.Start < prev || s.End > len(text) || s.Start >= s.End {
				t.Fatalf("sentence %d: bad offsets %d [%d, %d) (previous end %d, len %d)", k, s.Index, s.Start, s.End, prev, len(text))
			}
			if text[s.Start:s.End] != s.Text {
				t.Fatalf("sentence %d: Text %q != text[%d:%d]", k, s.Text, s.Start, s.End)
			}
			if utf8.ValidString(text) && strings.TrimSpace(s.Text) != s.Text {
				t.Fatalf("sentence %d %q not trimmed", k, s.Text)
			}
			prev = s.End
		}
	})
}

// A run-on text without sentence ends is cut into bounded sentences, at
// spaces, with offsets that still point into the text; a text without
// spaces is cut anyway, at rune boundaries.
func TestSentencesRunOn(t *testing.T) {
	for _, text := range []string{
		"Headline\n\n" + strings.Repeat("Japan criticized North Korea on Monday and ", 2000) + "end.",
		strings.Repeat("é", 3*MaxSentenceBytes),
	} {
		ss := Sentences(text)
		if len(ss) < 3 {
			t.Fatalf("%d sentences from %d bytes without sentence ends, want it cut", len(ss), len(text))
		}
		covered := 0
		for _, s := range ss {
			if len(s.Text) > 2*MaxSentenceBytes+utf8.UTFMax {
				t.Errorf("sentence %d is %d bytes, over the bound", s.Index, len(s.Text))
			}
			if text[s.Start:s.End] != s.Text || !utf8.ValidString(s.Text) {
				t.Fatalf("sentence %d: offsets [%d,%d) do not give its text", s.Index, s.Start, s.End)
			}
			covered += len(s.Text)
		}
		if covered < len(text)*9/10 {
			t.Errorf("sentences cover %d of %d bytes", covered, len(text))
		}
	}
	// A long but ordinary story keeps its sentences whole.
	one := "Japanese envoys met North Korean officials in Beijing on Monday to discuss the abduction issue. "
	if ss := Sentences(strings.Repeat(one, 100)); len(ss) != 100 {
		t.Errorf("%d sentences, want 100", len(ss))
	}
}

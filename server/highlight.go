package server

import (
	"html/template"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/parley-events/parley"
)

// mark is a span of story text to highlight: byte offsets into the text and
// the CSS class of the <mark> ("src", "tgt", "trg" or "loc").
type mark struct {
	Start, End int
	Class      string
	Title      string // tooltip, e.g. the actor code
}

// eventMarks returns the spans of e to highlight: source, target, trigger
// and location.
func eventMarks(e parley.Event) []mark {
	ms := []mark{{Start: e.Source.Start, End: e.Source.End, Class: "src", Title: "source " + e.Source.Code}}
	if e.Target != nil {
		ms = append(ms, mark{Start: e.Target.Start, End: e.Target.End, Class: "tgt", Title: "target " + e.Target.Code})
	}
	ms = append(ms, mark{Start: e.Trigger.Start, End: e.Trigger.End, Class: "trg", Title: "CAMEO " + e.CAMEO})
	if l := e.Location; l != nil && l.End > l.Start {
		ms = append(ms, mark{Start: l.Start, End: l.End, Class: "loc", Title: "location " + l.Country})
	}
	return ms
}

// highlight renders text[lo:hi] as HTML with the marks that fall inside it
// wrapped in <mark class="...">. Offsets are bytes into text; marks that are
// empty, out of range or not on UTF-8 boundaries are dropped, so a bad span
// never breaks the page. Where marks overlap, the overlapping piece gets the
// classes of all of them.
func highlight(text string, lo, hi int, marks []mark) template.HTML {
	if lo < 0 {
		lo = 0
	}
	if hi > len(text) {
		hi = len(text)
	}
	// widen the window to whole characters
	for lo > 0 && lo < len(text) && !utf8.RuneStart(text[lo]) {
		lo--
	}
	for hi < len(text) && hi > 0 && !utf8.RuneStart(text[hi]) {
		hi++
	}
	if lo >= hi {
		return ""
	}
	valid := func(i int) bool {
		return i >= lo && i <= hi && (i == len(text) || utf8.RuneStart(text[i]))
	}
	var ms []mark
	cuts := map[int]bool{lo: true, hi: true}
	for _, m := range marks {
		if m.End <= m.Start || !valid(m.Start) || !valid(m.End) {
			continue
		}
		ms = append(ms, m)
		cuts[m.Start], cuts[m.End] = true, true
	}
	pos := make([]int, 0, len(cuts))
	for p := range cuts {
		pos = append(pos, p)
	}
	sort.Ints(pos)
	var b strings.Builder
	for i := 0; i+1 < len(pos); i++ {
		a, z := pos[i], pos[i+1]
		var classes, titles []string
		for _, m := range ms {
			if m.Start <= a && z <= m.End && !contains(classes, m.Class) {
				classes = append(classes, m.Class)
				if m.Title != "" {
					titles = append(titles, m.Title)
				}
			}
		}
		piece := template.HTMLEscapeString(text[a:z])
		if len(classes) == 0 {
			b.WriteString(piece)
			continue
		}
		b.WriteString(`<mark class="`)
		b.WriteString(template.HTMLEscapeString(strings.Join(classes, " ")))
		b.WriteString(`" title="`)
		b.WriteString(template.HTMLEscapeString(strings.Join(titles, "; ")))
		b.WriteString(`">`)
		b.WriteString(piece)
		b.WriteString(`</mark>`)
	}
	return template.HTML(b.String())
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// sentenceBounds returns the byte range of the sentence of text that holds
// [lo, hi): from after the previous sentence end (". ", "! ", "? " or a
// line break) to the next one. It is used when the store keeps no sentence
// offsets; it needs only the spans of the event.
func sentenceBounds(text string, lo, hi int) (int, int) {
	lo = min(max(lo, 0), len(text))
	hi = min(max(hi, lo), len(text))
	start := 0
	for i := lo - 1; i > 0; i-- {
		c := text[i]
		if c == '\n' {
			start = i + 1
			break
		}
		if (c == ' ' || c == '\t') && isTerminator(text[i-1]) && !abbreviationBefore(text, i-1) {
			start = i + 1
			break
		}
	}
	end := len(text)
	for i := hi; i < len(text); i++ {
		c := text[i]
		if c == '\n' {
			end = i
			break
		}
		if isTerminator(c) && (i+1 == len(text) || text[i+1] == ' ' || text[i+1] == '\n' || text[i+1] == '"') && !abbreviationBefore(text, i) {
			end = i + 1
			if end < len(text) && text[end] == '"' {
				end++
			}
			break
		}
	}
	for start < end && (text[start] == ' ' || text[start] == '\t') {
		start++
	}
	return start, end
}

func isTerminator(c byte) bool { return c == '.' || c == '!' || c == '?' }

// abbreviationBefore reports whether the '.' at i ends a short
// abbreviation ("Mr.", "U.S.", "Jan.") rather than a sentence.
func abbreviationBefore(text string, i int) bool {
	if text[i] != '.' {
		return false
	}
	j := i
	for j > 0 && text[j-1] != ' ' && text[j-1] != '\n' {
		j--
	}
	w := text[j:i]
	switch w {
	case "Mr", "Mrs", "Ms", "Dr", "St", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "No", "Gen", "Lt", "Col", "Sen", "Rep", "Gov", "Pres", "vs":
		return true
	}
	return strings.Contains(w, ".") || (len(w) == 1 && w[0] >= 'A' && w[0] <= 'Z')
}

// eventSpan returns the smallest byte range covering e's source, target
// and trigger spans.
func eventSpan(e parley.Event) (int, int) {
	lo, hi := e.Trigger.Start, e.Trigger.End
	grow := func(a, z int) {
		if z <= a {
			return
		}
		if a < lo {
			lo = a
		}
		if z > hi {
			hi = z
		}
	}
	grow(e.Source.Start, e.Source.End)
	if e.Target != nil {
		grow(e.Target.Start, e.Target.End)
	}
	return lo, hi
}

package nlp

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/parley-events/parley"
)

// pub is the publication date of most cases: Tuesday 22 January 2013.
const pub = "2013-01-22"

func mustDay(t testing.TB, s string) time.Time {
	t.Helper()
	if s == "" {
		return time.Time{}
	}
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// exprString writes a TimeExpr as "text=value" or "text=value/part".
func exprString(e parley.TimeExpr) string {
	s := e.Text + "=" + e.Value.String()
	if e.Value.Part != "" {
		s += "/" + e.Value.Part
	}
	return s
}

func TestTimes(t *testing.T) {
	tests := []struct {
		name string
		text string
		pub  string // publication day; "" for unknown
		year int    // running context year before the sentence
		want []string
	}{
		// Months and years.
		{"month year", "In December 2012, North Korea spoke.", pub, 0, []string{"December 2012=2012-12"}},
		{"month year lower", "talks resume in february 2013 in beijing", pub, 0, []string{"february 2013=2013-02"}},
		{"month comma year", "It was signed in December, 2011.", pub, 0, []string{"December, 2011=2011-12"}},
		{"month of year", "It was signed in March of 2010.", pub, 0, []string{"March of 2010=2010-03"}},
		{"abbreviated month year", "It was signed in Feb. 2011.", pub, 0, []string{"Feb. 2011=2011-02"}},
		{"two months one year", "In January and March 2012, envoys met.", pub, 0, []string{"January=2012-01", "March 2012=2012-03"}},
		{"three months one year", "In January, February and March 2011, envoys met.", pub, 0, []string{"January=2011-01", "February=2011-02", "March 2011=2011-03"}},
		{"month range", "From May to August 2010 the border was shut.", pub, 0, []string{"May=2010-05", "August 2010=2010-08"}},
		{"month from context", "Then in April, Pyongyang invited a delegation.", pub, 2012, []string{"April=2012-04"}},
		{"month past preferred", "Then in April, Pyongyang invited a delegation.", pub, 0, []string{"April=2012-04"}},
		{"year boundary December", "In December, the talks stalled.", pub, 0, []string{"December=2012-12"}},
		{"same month", "In January, the talks resumed.", pub, 0, []string{"January=2013-01"}},
		{"next month is past", "In February, the talks stalled.", pub, 0, []string{"February=2012-02"}},
		{"future tense month", "The two sides will meet in February.", pub, 0, []string{"February=2013-02"}},
		{"future tense earlier month", "The two sides will meet in January.", pub, 0, []string{"January=2013-01"}},
		{"month before publication", "In November, talks were held.", "2013-12-05", 0, []string{"November=2013-11"}},
		{"context beats publication", "In November, talks were held.", pub, 2012, []string{"November=2012-11"}},
		{"May after in", "In May, they met again.", pub, 0, []string{"May=2012-05"}},
		{"March after in", "In March, protesters marched.", pub, 0, []string{"March=2012-03"}},
		{"bare year", "Back in 2012, contact was active.", pub, 0, []string{"2012=2012"}},
		{"in year", "In 2012, Japan's diplomacy ran into trouble.", pub, 0, []string{"2012=2012"}},
		{"some time in year", "A summit may come some time in 2013.", pub, 0, []string{"2013=2013"}},
		{"the year", "The year 2012 witnessed frequent contact.", pub, 0, []string{"2012=2012"}},
		{"sentence-initial year", "2012 was a busy year.", pub, 0, []string{"2012=2012"}},
		{"adjective year", "The 2012 elections were close.", pub, 0, []string{"2012=2012"}},
		{"between years", "Between 2008 and 2010 talks stalled.", pub, 0, []string{"2008=2008", "2010=2010"}},
		{"old year", "The city fell in 1453.", pub, 0, []string{"1453=1453"}},
		{"month september 2002", "In September 2002, Koizumi visited Pyongyang.", pub, 0, []string{"September 2002=2002-09"}},

		// Parts.
		{"early month", "In early August, Red Cross talks restarted.", pub, 2012, []string{"early August=2012-08/early"}},
		{"mid month hyphen", "Talks in mid-May failed.", pub, 2012, []string{"mid-May=2012-05/mid"}},
		{"late month", "In late December, Kim wrote a letter.", pub, 0, []string{"late December=2012-12/late"}},
		{"scheduled for early", "A meeting scheduled for early December was delayed.", pub, 2012, []string{"early December=2012-12/early"}},
		{"beginning of month", "At the beginning of March, troops moved.", pub, 2012, []string{"the beginning of March=2012-03/early"}},
		{"end of year", "By the end of 2012, the plan was dead.", pub, 0, []string{"the end of 2012=2012/late"}},
		{"early year", "Elections are due in early 2014.", pub, 0, []string{"early 2014=2014/early"}},
		{"mid year", "It collapsed in mid-2011.", pub, 0, []string{"mid-2011=2011/mid"}},
		{"late last year", "Talks broke down late last year.", pub, 0, []string{"late last year=2012/late"}},
		{"early this month", "Envoys met early this month.", pub, 0, []string{"early this month=2013-01/early"}},

		// Decades.
		{"early decade", "In the early 1990s, the two nations agreed.", pub, 0, []string{"early 1990s=1990s/early"}},
		{"the decade", "Relations were poor in the 1980s.", pub, 0, []string{"1980s=1980s"}},
		{"mid decade", "In the mid-1990s the famine began.", pub, 0, []string{"mid-1990s=1990s/mid"}},
		{"apostrophe decade", "In the '70s it was different.", pub, 0, []string{"'70s=1970s"}},
		{"decade 's", "In the 1960's the war spread.", pub, 0, []string{"1960's=1960s"}},

		// Days.
		{"day month", "The ship sailed on 5 March.", pub, 0, []string{"5 March=2012-03-05"}},
		{"month day", "The ship sailed on March 5.", pub, 0, []string{"March 5=2012-03-05"}},
		{"month day year", "The ship sailed on March 5, 2013.", pub, 0, []string{"March 5, 2013=2013-03-05"}},
		{"day month year", "The ship sailed on 5 March 2013.", pub, 0, []string{"5 March 2013=2013-03-05"}},
		{"ordinal of month", "It was agreed on the 5th of March 2013.", pub, 0, []string{"the 5th of March 2013=2013-03-05"}},
		{"month ordinal", "It was agreed on March 5th.", pub, 0, []string{"March 5th=2012-03-05"}},
		{"iso date", "Signed 2013-03-05 in Geneva.", pub, 0, []string{"2013-03-05=2013-03-05"}},
		{"iso month", "Figures for 2012-12 were revised.", pub, 0, []string{"2012-12=2012-12"}},
		{"abbreviated month day", "The ship sailed Jan. 5.", pub, 0, []string{"Jan. 5=2013-01-05"}},
		{"may with day", "Voting ended on May 5.", pub, 0, []string{"May 5=2012-05-05"}},
		{"day from context", "On March 5, envoys met.", pub, 2011, []string{"March 5=2011-03-05"}},
		{"day just before new year", "Talks ended on December 30.", "2013-01-02", 0, []string{"December 30=2012-12-30"}},
		{"day just after new year", "Talks open on January 3.", "2012-12-30", 0, []string{"January 3=2013-01-03"}},
		{"day soon after publication", "the proposed march 15 programme at the site", "2002-03-10", 0, []string{"march 15=2002-03-15"}},
		{"weekday with date", "On Monday, January 21, 2013, they met.", pub, 0, []string{"Monday, January 21, 2013=2013-01-21"}},
		{"impossible day", "It happened on February 30.", pub, 0, nil},

		// Relative to publication.
		{"on Monday", "Talks ended on Monday.", pub, 0, []string{"Monday=2013-01-21"}},
		{"on Thursday", "Talks ended on Thursday.", pub, 0, []string{"Thursday=2013-01-17"}},
		{"on the publication weekday", "Talks ended on Tuesday.", pub, 0, []string{"Tuesday=2013-01-22"}},
		{"lower-case weekday", "holding a meeting on saturday, the convenor spoke", pub, 0, []string{"saturday=2013-01-19"}},
		{"weekday possessive", "Sunday's vote was calm.", pub, 0, []string{"Sunday=2013-01-20"}},
		{"last weekday", "They met last Tuesday.", pub, 0, []string{"last Tuesday=2013-01-15"}},
		{"next weekday", "They meet next Monday.", pub, 0, []string{"next Monday=2013-01-28"}},
		{"future weekday", "The envoy will arrive on Friday.", pub, 0, []string{"Friday=2013-01-25"}},
		{"yesterday", "Seoul protested yesterday.", pub, 0, []string{"yesterday=2013-01-21"}},
		{"today", "Seoul protests today.", pub, 0, []string{"today=2013-01-22"}},
		{"tomorrow", "Seoul protests tomorrow.", pub, 0, []string{"tomorrow=2013-01-23"}},
		{"last night", "Shells fell last night.", pub, 0, []string{"last night=2013-01-21"}},
		{"this morning", "Shells fell this morning.", pub, 0, []string{"this morning=2013-01-22"}},
		{"last week", "Envoys met last week.", pub, 0, []string{"last week=2013-01-15"}},
		{"next week", "Envoys meet next week.", pub, 0, []string{"next week=2013-01-29"}},
		{"earlier this week", "Envoys met earlier this week.", pub, 0, []string{"earlier this week=2013-01-21"}},
		{"last weekend", "Protests spread last weekend.", pub, 0, []string{"last weekend=2013-01-19"}},
		{"earlier this month", "Envoys met earlier this month.", pub, 0, []string{"earlier this month=2013-01"}},
		{"last month", "Envoys met last month.", pub, 0, []string{"last month=2012-12"}},
		{"next month", "Envoys meet next month.", pub, 0, []string{"next month=2013-02"}},
		{"last year", "Envoys met last year.", pub, 0, []string{"last year=2012"}},
		{"this year", "A breakthrough is likely within this year.", pub, 0, []string{"this year=2013"}},
		{"next year", "Envoys meet next year.", pub, 0, []string{"next year=2014"}},
		{"last December", "Talks collapsed last December.", pub, 0, []string{"last December=2012-12"}},
		{"last January in January", "Talks collapsed last January.", pub, 0, []string{"last January=2012-01"}},
		{"this December", "Elections are held this December.", pub, 0, []string{"this December=2013-12"}},
		{"next March", "Elections are held next March.", pub, 0, []string{"next March=2013-03"}},
		{"two days ago", "The ship sank two days ago.", pub, 0, []string{"two days ago=2013-01-20"}},
		{"3 days ago", "The ship sank 3 days ago.", pub, 0, []string{"3 days ago=2013-01-19"}},
		{"a week ago", "The ship sank a week ago.", pub, 0, []string{"a week ago=2013-01-15"}},
		{"six months ago", "The ship sank six months ago.", pub, 0, []string{"six months ago=2012-07"}},
		{"three years ago", "The ship sank three years ago.", pub, 0, []string{"three years ago=2010"}},
		{"a decade ago", "The ship sank a decade ago.", pub, 0, []string{"a decade ago=2000s"}},
		{"previous day without anchor", "Talks had ended the previous day.", pub, 0, []string{"the previous day=2013-01-21"}},
		{"previous year from context", "The previous year, talks failed.", pub, 2008, []string{"The previous year=2007"}},
		{"following year from context", "The following year, talks resumed.", pub, 2008, []string{"The following year=2009"}},
		{"unknown publication", "Seoul protested yesterday, as in December 2012.", "", 0, []string{"December 2012=2012-12"}},
		{"unknown publication month", "Seoul protested in April.", "", 0, nil},

		// Forms seen in Indian English news (lower-cased corpus).
		{"day before colon", "hand over the land by june 2: vhp", "2002-03-04", 0, []string{"june 2=2002-06-02"}},
		{"month this year", "for the summit in november this year.", "2002-03-13", 0, []string{"november this year=2002-11"}},
		{"day last year", "the loan signed on may 25 last year.", "2002-03-06", 0, []string{"may 25 last year=2001-05-25"}},
		{"day comma last year", "on march 12, last year, the minister spoke.", "2002-03-02", 0, []string{"march 12, last year=2001-03-12"}},
		{"month last", "in force since november last.", "2002-03-13", 0, []string{"november last=2001-11"}},
		{"weekday last week", "on saturday last week a mob attacked", "2002-03-10", 0, []string{"saturday last week=2002-03-02"}},
		{"weekday next week", "The vote is on Tuesday next week.", pub, 0, []string{"Tuesday next week=2013-01-29"}},
		{"fiscal year", "the union budget for 2002-03 was tabled", "2002-03-01", 0, []string{"2002-03=2002"}},
		{"expected is future", "traffic is expected to ease in april", "2002-03-14", 0, []string{"april=2002-04"}},
		{"was scheduled is past", "A meeting scheduled for early December was delayed.", pub, 0, []string{"early December=2012-12/early"}},
		{"reported future speech", `"We will stop them," the commissioner said on Thursday.`, pub, 0, []string{"Thursday=2013-01-17"}},
		{"future after opening month", "In February, the two sides will meet.", pub, 0, []string{"February=2013-02"}},
		{"future in another clause", "Since February 27, when the train burned, more troops will be needed.", "2002-03-11", 0, []string{"February 27=2002-02-27"}},
		{"month year before count verb", "The attack in May 2011 killed 22 people.", pub, 0, []string{"May 2011=2011-05"}},
		{"deadline weekday", "Inspectors cannot visit the site until Saturday.", pub, 0, []string{"Saturday=2013-01-26"}},
		{"programme name", "She spoke on BBC Radio 4's Today programme.", pub, 0, nil},
		{"this may modal", "a red alert was declared but this may not be enough", pub, 0, nil},
		{"last march lower case", "it was the same story last march.", "2002-03-14", 0, []string{"last march=2001-03"}},
		{"day abbreviated month", "Voting ended on 25 Dec in most places.", pub, 0, []string{"25 Dec=2012-12-25"}},
		{"over the weekend", "Protests spread over the weekend.", pub, 0, []string{"the weekend=2013-01-19"}},
		{"at the weekend future", "Ministers will meet at the weekend.", pub, 0, []string{"the weekend=2013-01-26"}},
		{"could is future", "A third round could take place in April, although no date was set.", pub, 0, []string{"April=2013-04"}},
		{"coming months", "If they sign a deal in the coming months, aid resumes.", pub, 2011, nil},
		{"the next day", "The next day, talks resumed.", pub, 0, nil},
		{"past participle beats might", "The EU might restore funding it suspended in June.", pub, 0, []string{"June=2012-06"}},
		{"week of August", "Fighting eased in the first week of August.", pub, 2012, []string{"August=2012-08"}},
		{"MAY headline", "JAPAN MAY RESPOND TO TALKS", pub, 0, nil},
		{"hours", "power was cut from 1800 hrs to 2100 hrs daily.", pub, 0, nil},
		{"counted list", "nearly 2459 houses, 2082 shops and 1084 cabins burnt", pub, 0, nil},

		// Not time expressions.
		{"dollars", "It cost $2012 million.", pub, 0, nil},
		{"thousands", "The flood displaced 2,012 people.", pub, 0, nil},
		{"count", "The flood displaced 2012 people.", pub, 0, nil},
		{"resolution", "Resolution 2012 was adopted.", pub, 0, nil},
		{"section", "He was charged under section 1860 of the code.", pub, 0, nil},
		{"modal may", "Japan may respond soon.", pub, 0, nil},
		{"modal May capitalised", "May I ask a question?", pub, 0, nil},
		{"march noun", "Police stopped a march in Delhi.", pub, 0, nil},
		{"march verb", "They plan to march to the border.", pub, 0, nil},
		{"March capitalised noun", "March organisers were arrested.", pub, 0, nil},
		{"August adjective", "The August assembly convened.", pub, 0, nil},
		{"anniversary", "It was the 100th anniversary of his birth.", pub, 0, nil},
		{"world war", "They died during World War II.", pub, 0, nil},
		{"ten years", "Talks restarted after 10 years.", pub, 0, nil},
		{"percent", "Exports fell 2012% in the model.", pub, 0, nil},
		{"good friday", "The Good Friday agreement held.", pub, 0, nil},
		{"time of day", "The blast came at 5:30.", pub, 0, nil},
		{"may and", "They met in January and may meet again.", pub, 0, []string{"January=2013-01"}},
		{"plain sentence", "Talks continued without result.", pub, 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			const base = 100
			ctx := &Context{Year: tt.year}
			got := Times(tt.text, base, mustDay(t, tt.pub), ctx)
			var strs []string
			for _, e := range got {
				checkExpr(t, tt.text, base, e)
				strs = append(strs, exprString(e))
			}
			if diff := cmp.Diff(tt.want, strs); diff != "" {
				t.Errorf("Times(%q, pub %s, year %d) mismatch (-want +got):\n%s", tt.text, tt.pub, tt.year, diff)
			}
			if len(got) > 0 && ctx.Last != got[len(got)-1].Value {
				t.Errorf("ctx.Last = %v, want the last expression's value %v", ctx.Last, got[len(got)-1].Value)
			}
		})
	}
}

func checkExpr(t *testing.T, text string, base int, e parley.TimeExpr) {
	t.Helper()
	if e.Start < base || e.End > base+len(text) || e.Start >= e.End {
		t.Fatalf("%q: span [%d, %d) outside the sentence [%d, %d)", e.Text, e.Start, e.End, base, base+len(text))
	}
	if got := text[e.Start-base : e.End-base]; got != e.Text {
		t.Errorf("span [%d, %d) is %q, Text is %q", e.Start, e.End, got, e.Text)
	}
	if e.Value.IsZero() {
		t.Errorf("%q has no value", e.Text)
	}
}

func TestTimesPrecision(t *testing.T) {
	tests := []struct {
		text string
		want parley.Precision
	}{
		{"in the early 1990s", parley.PrecisionDecade},
		{"in 2012", parley.PrecisionYear},
		{"in December 2012", parley.PrecisionMonth},
		{"on 5 March 2013", parley.PrecisionDay},
		{"last week", parley.PrecisionDay},
		{"last month", parley.PrecisionMonth},
	}
	for _, tt := range tests {
		got := Times(tt.text, 0, mustDay(t, pub), nil)
		if len(got) != 1 || got[0].Value.Precision != tt.want {
			t.Errorf("Times(%q) = %+v, want one expression of precision %v", tt.text, got, tt.want)
		}
	}
}

// TestContextYear checks which expressions set the running year.
func TestContextYear(t *testing.T) {
	tests := []struct {
		text string
		want int
	}{
		{"Back in 2012, they met.", 2012},
		{"In February 2011, they met.", 2011},
		{"Last year, they met.", 2012},
		{"Last December, they met.", 2012},
		{"They met last year.", 0},
		{"It was reported that in December 2012, they met.", 2012},
		{"The year 2012 witnessed many meetings.", 2012},
		{"The dialogue, which began in 2011, stalled.", 0},
		{"The 1992 riots were recalled.", 0},
		{"The channel reopened last December, when talks resumed.", 0},
		{"They met yesterday.", 0},
		{"They met on Monday.", 0},
		{"In April, they met.", 0},
		{"In the 1990s, they met.", 0},
	}
	for _, tt := range tests {
		ctx := &Context{}
		Times(tt.text, 0, mustDay(t, pub), ctx)
		if ctx.Year != tt.want {
			t.Errorf("after %q, ctx.Year = %d, want %d", tt.text, ctx.Year, tt.want)
		}
	}
}

func TestAnalyzeContext(t *testing.T) {
	text := "Envoys meet again\n\n" +
		"Back in 2011, the two sides barely spoke. " +
		"Then in April, envoys met in Geneva. " +
		"They agreed to meet again. " +
		"On June 3, talks collapsed. " +
		"The previous day, shells had fallen. " +
		"In December, both sides blamed each other."
	s := &parley.Story{ID: "t", Text: text, Published: mustDay(t, "2013-01-22")}
	doc := Analyze(s)
	var got []string
	for _, sent := range doc.Sentences {
		checkSentence(t, text, len(got), sent.Index, sent.Start, sent.End, sent.Text)
		var parts []string
		for _, e := range sent.Times {
			checkExpr(t, sent.Text, sent.Start, e)
			parts = append(parts, exprString(e))
		}
		if len(sent.Times) == 0 {
			parts = append(parts, fmt.Sprintf("%s:%s", sent.ContextFrom, sent.Context))
		}
		got = append(got, strings.Join(parts, " "))
	}
	want := []string{
		"publication:2013-01-22",
		"2011=2011",
		"April=2011-04",
		"context:2011-04",
		"June 3=2011-06-03",
		"The previous day=2011-06-02",
		"December=2011-12",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Analyze mismatch (-want +got):\n%s", diff)
	}
	if doc.Story != s {
		t.Error("Document.Story is not the story analysed")
	}
}

// TestContextSpan checks that the running year applies to the next few
// sentences only, and only when a year frames a sentence.
func TestContextSpan(t *testing.T) {
	tests := []struct {
		name string
		text string
		want string // value of the last expression
	}{
		{"near", "In 1992, riots broke out. On March 14, the court sat.", "1992-03-14"},
		{"renewed", "In 1992, riots broke out. In April, the curfew ended. It was calm. Nobody left. On March 14, the court sat.", "1992-03-14"},
		{"expired", "In 1992, riots broke out. It was bad. Many fled. Some came back. Nobody forgot. On March 14, the court sat.", "2002-03-14"},
		{"noun year", "The 1992 riots were recalled. On March 14, the court sat.", "2002-03-14"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := Analyze(&parley.Story{Text: tt.text, Published: mustDay(t, "2002-03-08")})
			last := doc.Sentences[len(doc.Sentences)-1]
			if len(last.Times) != 1 || last.Times[0].Value.String() != tt.want {
				t.Errorf("last sentence times %+v, want one of %s", last.Times, tt.want)
			}
		})
	}
}

func TestAnalyzeLater(t *testing.T) {
	text := "On March 5, 2012, envoys met. Two days later, talks collapsed. A year earlier, they had agreed. Three weeks later, nothing happened."
	doc := Analyze(&parley.Story{Text: text, Published: mustDay(t, pub)})
	var got []string
	for _, s := range doc.Sentences {
		for _, e := range s.Times {
			got = append(got, exprString(e))
		}
	}
	want := []string{"March 5, 2012=2012-03-05", "Two days later=2012-03-07", "A year earlier=2011"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}

func TestAnalyzeUnknownDate(t *testing.T) {
	doc := Analyze(&parley.Story{Text: "Talks resumed. Nothing else happened."})
	for _, s := range doc.Sentences {
		if !s.Context.IsZero() || s.ContextFrom != "" {
			t.Errorf("sentence %d: context %v from %q, want none", s.Index, s.Context, s.ContextFrom)
		}
	}
}

func FuzzTimes(f *testing.F) {
	for _, s := range []string{"In January and March 2012", "mid-May", "the '90s", "on Monday, March 5, 2013", "2013-02-29", "last week ago", "the early -", "5th of", "Jan.", "'"} {
		f.Add(s, int64(1358812800), 2012)
	}
	f.Fuzz(func(t *testing.T, text string, unix int64, year int) {
		var ref time.Time
		if unix > -1e11 && unix < 1e11 {
			ref = time.Unix(unix, 0).UTC()
		}
		ctx := &Context{Year: year % 3000}
		const base = 7
		for _, e := range Times(text, base, ref, ctx) {
			if e.Start < base || e.End > base+len(text) || e.Start >= e.End {
				t.Fatalf("%q: span [%d, %d) outside [%d, %d)", e.Text, e.Start, e.End, base, base+len(text))
			}
			if text[e.Start-base:e.End-base] != e.Text {
				t.Fatalf("span [%d, %d) is not Text %q", e.Start, e.End, e.Text)
			}
			if e.Value.IsZero() {
				t.Fatalf("%q has no value", e.Text)
			}
			if e.Value.Precision >= parley.PrecisionMonth && (e.Value.Month < 1 || e.Value.Month > 12) {
				t.Fatalf("%q: month %d", e.Text, e.Value.Month)
			}
			if e.Value.Precision == parley.PrecisionDay && (e.Value.Day < 1 || e.Value.Day > daysIn(e.Value.Year, e.Value.Month)) {
				t.Fatalf("%q: day %v", e.Text, e.Value)
			}
		}
	})
}

func FuzzAnalyze(f *testing.F) {
	f.Add("Back in 2012, they met.\n\nThen in April, they met again. The previous day, it rained.", int64(1358812800))
	f.Add("on saturday last week. november last. 2002-03. the '90s", int64(0))
	f.Fuzz(func(t *testing.T, text string, unix int64) {
		s := &parley.Story{Text: text}
		if unix > -1e11 && unix < 1e11 {
			s.Published = time.Unix(unix, 0).UTC()
		}
		doc := Analyze(s)
		for k, sent := range doc.Sentences {
			if sent.Index != k || text[sent.Start:sent.End] != sent.Text {
				t.Fatalf("sentence %d: bad offsets", k)
			}
			for _, e := range sent.Times {
				if e.Start < sent.Start || e.End > sent.End || text[e.Start:e.End] != e.Text {
					t.Fatalf("sentence %d: expression %q outside it", k, e.Text)
				}
			}
			if len(sent.Times) > 0 && !sent.Context.IsZero() {
				t.Fatalf("sentence %d has expressions and a context", k)
			}
		}
	})
}

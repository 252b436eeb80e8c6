package parley

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestDateStringAndParse(t *testing.T) {
	tests := []struct {
		name string
		d    Date
		want string
	}{
		{"day", Date{Year: 2012, Month: 12, Day: 5, Precision: PrecisionDay}, "2012-12-05"},
		{"month", Date{Year: 2012, Month: 8, Precision: PrecisionMonth, Part: "early"}, "2012-08"},
		{"year", Date{Year: 2013, Precision: PrecisionYear}, "2013"},
		{"decade", Date{Year: 1990, Precision: PrecisionDecade, Part: "early"}, "1990s"},
		{"none", Date{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.d.String(); got != tt.want {
				t.Fatalf("String() = %q, want %q", got, tt.want)
			}
			if tt.want == "" {
				return
			}
			back, err := ParseDate(tt.want)
			if err != nil {
				t.Fatalf("ParseDate(%q): %v", tt.want, err)
			}
			want := tt.d
			want.Part = ""
			if back != want {
				t.Fatalf("ParseDate(%q) = %+v, want %+v", tt.want, back, want)
			}
		})
	}
}

func TestParseDateRejects(t *testing.T) {
	for _, s := range []string{"", "2012-13", "12-2012", "2012-02-30", "abcd", "19x0s", "2012-1"} {
		if _, err := ParseDate(s); err == nil || KindOf(err) != Invalid {
			t.Errorf("ParseDate(%q): got err %v, want an Invalid error", s, err)
		}
	}
}

func TestDateTime(t *testing.T) {
	d := Date{Year: 2012, Month: 11, Precision: PrecisionMonth}
	if got, want := d.Time(), time.Date(2012, 11, 1, 0, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Fatalf("Time() = %v, want %v", got, want)
	}
	if !(Date{}).Time().IsZero() {
		t.Fatal("zero Date should give the zero time")
	}
	if got := DayDate(time.Date(2013, 1, 22, 22, 53, 6, 0, time.UTC)); got.String() != "2013-01-22" {
		t.Fatalf("DayDate = %v", got)
	}
}

func TestDateJSON(t *testing.T) {
	d := Date{Year: 2012, Month: 12, Precision: PrecisionMonth, Part: "late"}
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(b), `{"value":"2012-12","precision":"month","part":"late"}`; got != want {
		t.Fatalf("Marshal = %s, want %s", got, want)
	}
	var back Date
	if err := json.Unmarshal(b, &back); err != nil || back != d {
		t.Fatalf("Unmarshal = %+v, %v; want %+v", back, err, d)
	}
	if err := json.Unmarshal([]byte(`"2002-09"`), &back); err != nil || back.String() != "2002-09" {
		t.Fatalf("Unmarshal bare string = %+v, %v", back, err)
	}
}

func TestEventJSONContract(t *testing.T) {
	e := Event{
		StoryID: "s1", Sentence: 3,
		Source: Actor{Code: "PRKGOV", Country: "PRK", Text: "North Korea", Start: 12, End: 23},
		Target: &Actor{Code: "JPN", Country: "JPN", Text: "Japan", Start: 40, End: 45},
		CAMEO:  "036", Root: "03", QuadClass: 1, Goldstein: 4, PLOVER: "CONSULT",
		Date:      Date{Year: 2012, Month: 12, Precision: PrecisionMonth},
		DateFrom:  DateFromExpression,
		Published: time.Date(2013, 1, 22, 22, 53, 6, 0, time.UTC),
		Location:  &Location{Name: "Mongolia", Country: "MNG"},
		Trigger:   Span{Text: "voiced", Start: 24, End: 30}, Confidence: 0.9, Symmetric: true,
	}
	b, err := json.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for k, want := range map[string]any{"story_id": "s1", "sentence": 3.0, "cameo": "036", "root": "03",
		"quad_class": 1.0, "goldstein": 4.0, "plover": "CONSULT", "date": "2012-12", "date_from": "expression",
		"date_precision": "month", "confidence": 0.9, "published": "2013-01-22T22:53:06Z"} {
		if m[k] != want {
			t.Errorf("%s = %v, want %v", k, m[k], want)
		}
	}
	if src := m["source"].(map[string]any); src["code"] != "PRKGOV" || src["country"] != "PRK" || src["start"] != 12.0 {
		t.Errorf("source = %v", src)
	}
	var back Event
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(e, back); diff != "" {
		t.Fatalf("round trip (-want +got):\n%s", diff)
	}
	// A null target stays nil.
	e.Target = nil
	b, _ = json.Marshal(e)
	if err := json.Unmarshal(b, &m); err != nil || m["target"] != nil {
		t.Fatalf("target = %v, want null", m["target"])
	}
}

func TestErrorKinds(t *testing.T) {
	base := Errorf(NotFound, "store.Story", "story %q", "x")
	wrapped := fmt.Errorf("serve: %w", base)
	if KindOf(wrapped) != NotFound {
		t.Fatalf("KindOf(wrapped) = %v", KindOf(wrapped))
	}
	var pe *Error
	if !errors.As(wrapped, &pe) || pe.Op != "store.Story" {
		t.Fatalf("errors.As: %v", pe)
	}
	if KindOf(errors.New("plain")) != Other || KindOf(nil) != Other {
		t.Fatal("plain and nil errors have kind Other")
	}
	outer := &Error{Op: "outer", Err: &Error{Kind: Conflict, Err: errors.New("dup")}}
	if KindOf(outer) != Conflict {
		t.Fatalf("KindOf looks through kindless wrappers: got %v", KindOf(outer))
	}
}

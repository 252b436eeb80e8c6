package parley

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Precision is how much of a Date is known.
type Precision uint8

const (
	PrecisionNone   Precision = iota // no date
	PrecisionDecade                  // "the early 1990s"
	PrecisionYear                    // "in 2012"
	PrecisionMonth                   // "in December 2012"
	PrecisionDay                     // "on 5 March 2013"
)

func (p Precision) String() string {
	switch p {
	case PrecisionDecade:
		return "decade"
	case PrecisionYear:
		return "year"
	case PrecisionMonth:
		return "month"
	case PrecisionDay:
		return "day"
	}
	return "none"
}

// Date is a calendar date known to some precision, with an optional part
// ("early", "mid", "late") of the month, year or decade it names.
// For PrecisionDecade, Year is the decade's first year (1990).
type Date struct {
	Year      int       `json:"-"`
	Month     int       `json:"-"` // 1-12 when Precision >= PrecisionMonth
	Day       int       `json:"-"` // 1-31 when Precision == PrecisionDay
	Precision Precision `json:"-"`
	Part      string    `json:"-"` // "", "early", "mid" or "late"
}

// DayDate returns t's calendar day as a Date of day precision.
func DayDate(t time.Time) Date {
	if t.IsZero() {
		return Date{}
	}
	return Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day(), Precision: PrecisionDay}
}

// IsZero reports whether d holds no date.
func (d Date) IsZero() bool { return d.Precision == PrecisionNone }

// String formats d in ISO 8601 at its precision: "2012", "2012-12",
// "2012-12-05", or "1990s" for a decade. The part is not included.
func (d Date) String() string {
	switch d.Precision {
	case PrecisionDecade:
		return fmt.Sprintf("%04ds", d.Year)
	case PrecisionYear:
		return fmt.Sprintf("%04d", d.Year)
	case PrecisionMonth:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	case PrecisionDay:
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
	}
	return ""
}

// Time returns the first instant d covers (UTC), or the zero time.
func (d Date) Time() time.Time {
	switch d.Precision {
	case PrecisionDecade, PrecisionYear:
		return time.Date(d.Year, 1, 1, 0, 0, 0, 0, time.UTC)
	case PrecisionMonth:
		return time.Date(d.Year, time.Month(d.Month), 1, 0, 0, 0, 0, time.UTC)
	case PrecisionDay:
		return time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC)
	}
	return time.Time{}
}

// ParseDate parses the forms String writes ("1990s", "2012", "2012-12",
// "2012-12-05").
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if strings.HasSuffix(s, "s") && len(s) == 5 {
		y, err := strconv.Atoi(s[:4])
		if err != nil {
			return Date{}, Errorf(Invalid, "parse date", "bad decade %q", s)
		}
		return Date{Year: y, Precision: PrecisionDecade}, nil
	}
	var layouts = []struct {
		layout string
		p      Precision
	}{{"2006-01-02", PrecisionDay}, {"2006-01", PrecisionMonth}, {"2006", PrecisionYear}}
	for _, l := range layouts {
		if len(s) != len(l.layout) {
			continue
		}
		t, err := time.Parse(l.layout, s)
		if err != nil {
			break
		}
		d := DayDate(t)
		d.Precision = l.p
		if l.p < PrecisionDay {
			d.Day = 0
		}
		if l.p < PrecisionMonth {
			d.Month = 0
		}
		return d, nil
	}
	return Date{}, Errorf(Invalid, "parse date", "bad date %q (want YYYY, YYYY-MM, YYYY-MM-DD or YYYYs)", s)
}

// dateJSON is Date's JSON form: {"value": "2012-12", "precision": "month", "part": "late"}.
type dateJSON struct {
	Value     string `json:"value"`
	Precision string `json:"precision"`
	Part      string `json:"part,omitempty"`
}

// MarshalJSON writes d as {"value","precision","part"}.
func (d Date) MarshalJSON() ([]byte, error) {
	return jsonMarshal(dateJSON{Value: d.String(), Precision: d.Precision.String(), Part: d.Part})
}

// UnmarshalJSON reads what MarshalJSON writes, or a bare date string.
func (d *Date) UnmarshalJSON(b []byte) error {
	var s string
	if err := jsonUnmarshal(b, &s); err == nil {
		if s == "" {
			*d = Date{}
			return nil
		}
		v, err := ParseDate(s)
		*d = v
		return err
	}
	var j dateJSON
	if err := jsonUnmarshal(b, &j); err != nil {
		return err
	}
	if j.Value == "" {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(j.Value)
	if err != nil {
		return err
	}
	v.Part = j.Part
	*d = v
	return nil
}

package ingest

import (
	"testing"
	"time"
)

func TestParsePublished(t *testing.T) {
	utc := func(y int, m time.Month, d, h, mi, s int) time.Time { return time.Date(y, m, d, h, mi, s, 0, time.UTC) }
	zone := func(off int) *time.Location { return time.FixedZone("", off) }
	tests := []struct {
		in   string
		want time.Time
	}{
		{"2013-01-22", utc(2013, 1, 22, 0, 0, 0)},
		{"2013-1-22", utc(2013, 1, 22, 0, 0, 0)},
		{"  2013-1-2  ", utc(2013, 1, 2, 0, 0, 0)},
		{"2013/01/22", utc(2013, 1, 22, 0, 0, 0)},
		{"2013.01.22", utc(2013, 1, 22, 0, 0, 0)},
		{"20130122", utc(2013, 1, 22, 0, 0, 0)},
		{"2013-1-22 22:53:06", utc(2013, 1, 22, 22, 53, 6)},
		{"2013-01-22 22:53", utc(2013, 1, 22, 22, 53, 0)},
		{"2013-01-22T22:53:06Z", utc(2013, 1, 22, 22, 53, 6)},
		{"2013-01-22T22:53:06.250Z", time.Date(2013, 1, 22, 22, 53, 6, 250e6, time.UTC)},
		{"2013-01-22T22:53:06+08:00", time.Date(2013, 1, 22, 22, 53, 6, 0, zone(8*3600))},
		{"2013-01-22T22:53:06-0500", time.Date(2013, 1, 22, 22, 53, 6, 0, zone(-5*3600))},
		{"2013-01-22 22:53:06 UTC", utc(2013, 1, 22, 22, 53, 6)},
		{"2013-01-22 22:53:06 GMT+8", time.Date(2013, 1, 22, 22, 53, 6, 0, zone(8*3600))},
		{"Tue, 22 Jan 2013 22:53:06 GMT", utc(2013, 1, 22, 22, 53, 6)},
		{"Tue, 22 Jan 2013 22:53:06 +0800", time.Date(2013, 1, 22, 22, 53, 6, 0, zone(8*3600))},
		{"Tue, 22 Jan 2013 22:53:06 -0500", time.Date(2013, 1, 22, 22, 53, 6, 0, zone(-5*3600))},
		{"Tuesday, 22-Jan-2013 22:53:06 UTC", utc(2013, 1, 22, 22, 53, 6)},
		{"22 January 2013", utc(2013, 1, 22, 0, 0, 0)},
		{"22nd January 2013", utc(2013, 1, 22, 0, 0, 0)},
		{"January 22, 2013", utc(2013, 1, 22, 0, 0, 0)},
		{"January 22nd, 2013", utc(2013, 1, 22, 0, 0, 0)},
		{"Tuesday, January 22, 2013", utc(2013, 1, 22, 0, 0, 0)},
		{"Jan. 22, 2013", utc(2013, 1, 22, 0, 0, 0)},
		{"Sept. 3, 2013", utc(2013, 9, 3, 0, 0, 0)},
		{"JAN 22 2013", utc(2013, 1, 22, 0, 0, 0)},
		{"January 22, 2013 10:53 PM", utc(2013, 1, 22, 22, 53, 0)},
		{"January 22, 2013 at 12:05 am", utc(2013, 1, 22, 0, 5, 0)},
		{"22 Jan 2013 22:53 UTC", utc(2013, 1, 22, 22, 53, 0)},
		{"22 Jan 2013 22:53 EST", time.Date(2013, 1, 22, 22, 53, 0, 0, time.FixedZone("EST", -5*3600))},
		{"22/01/2013", utc(2013, 1, 22, 0, 0, 0)},
		{"01/22/2013", utc(2013, 1, 22, 0, 0, 0)},
		{"22-01-2013", utc(2013, 1, 22, 0, 0, 0)},
		{"2012-02-29", utc(2012, 2, 29, 0, 0, 0)},
		{"31 December 1999", utc(1999, 12, 31, 0, 0, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := ParsePublished(tt.in)
			if !ok {
				t.Fatalf("ParsePublished(%q) failed, want %v", tt.in, tt.want)
			}
			if !got.Equal(tt.want) {
				t.Errorf("ParsePublished(%q) = %v, want %v", tt.in, got, tt.want)
			}
			_, off := got.Zone()
			if _, wantOff := tt.want.Zone(); off != wantOff {
				t.Errorf("ParsePublished(%q) zone offset %d, want %d", tt.in, off, wantOff)
			}
		})
	}
}

func TestParsePublishedRejects(t *testing.T) {
	for _, in := range []string{
		"",
		"yesterday",
		"the day after tomorrow",
		"2013-02-30",       // no such day
		"2013-13-01",       // no such month
		"2013-01-22T25:00", // no such hour
		"2013-01-22 22:61",
		"January 2013", // no day
		"22 January",   // no year
		"03/04/2013",   // day and month ambiguous
		"1066-10-14",   // outside the years news is from
		"2013-01-22 garbage",
		"Jan 32, 2013",
		"January January 22 2013",
		"12:00 12:00 2013-01-01",
		"2013",
		"22.5",
		"1358895186", // a Unix time is not a date string
	} {
		if got, ok := ParsePublished(in); ok {
			t.Errorf("ParsePublished(%q) = %v, want failure", in, got)
		}
	}
}

func TestUnixTime(t *testing.T) {
	if got, ok := unixTime("1358895186"); !ok || !got.Equal(time.Date(2013, 1, 22, 22, 53, 6, 0, time.UTC)) {
		t.Errorf("unixTime(seconds) = %v, %v", got, ok)
	}
	if got, ok := unixTime("1358895186000"); !ok || !got.Equal(time.Date(2013, 1, 22, 22, 53, 6, 0, time.UTC)) {
		t.Errorf("unixTime(milliseconds) = %v, %v", got, ok)
	}
	for _, in := range []string{"12", "-5", "abc", "1e9"} {
		if _, ok := unixTime(in); ok {
			t.Errorf("unixTime(%q) succeeded", in)
		}
	}
}

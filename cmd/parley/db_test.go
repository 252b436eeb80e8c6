package main

import (
	"testing"
	"time"
)

func TestCutDyad(t *testing.T) {
	tests := []struct {
		in, src, tgt string
		ok           bool
	}{
		{"JPN-PRK", "JPN", "PRK", true},
		{"JPNGOV-PRK", "JPNGOV", "PRK", true},
		{"---COP-PRK", "---COP", "PRK", true},
		{"JPN----", "JPN", "---", true},
		{"JPN", "", "", false},
		{"JPN-", "", "", false},
		{"-PRK", "", "", false},
	}
	for _, tt := range tests {
		src, tgt, ok := cutDyad(tt.in)
		if src != tt.src || tgt != tt.tgt || ok != tt.ok {
			t.Errorf("cutDyad(%q) = %q, %q, %v; want %q, %q, %v", tt.in, src, tgt, ok, tt.src, tt.tgt, tt.ok)
		}
	}
}

func TestDateFlag(t *testing.T) {
	d := func(s string) time.Time { v, _ := time.Parse("2006-01-02", s); return v }
	tests := []struct {
		in         string
		start, end time.Time
	}{
		{"2012", d("2012-01-01"), d("2013-01-01")},
		{"2012-12", d("2012-12-01"), d("2013-01-01")},
		{"2012-02-29", d("2012-02-29"), d("2012-03-01")},
		{"1990s", d("1990-01-01"), d("2000-01-01")},
	}
	for _, tt := range tests {
		start, end, err := dateFlag("--from", tt.in)
		if err != nil || !start.Equal(tt.start) || !end.Equal(tt.end) {
			t.Errorf("dateFlag(%q) = %v, %v, %v; want %v, %v", tt.in, start, end, err, tt.start, tt.end)
		}
	}
	for _, bad := range []string{"2012-13", "last year", "12/2012"} {
		if _, _, err := dateFlag("--from", bad); err == nil {
			t.Errorf("dateFlag(%q): no error", bad)
		}
	}
}

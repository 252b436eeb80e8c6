package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/parley-events/parley/server/servertest"
)

// TestForecastAndAlerts opens a dyad with three years of history and
// checks the forecast band drawn after its last month and the outlook
// beside the chart, then opens the alerts page, finds the alert for the
// break in the last month and follows its event link to the event page.
func TestForecastAndAlerts(t *testing.T) {
	e := startWith(t, servertest.FillHistory)

	e.do("open the JPN-PRK timeline",
		chromedp.Navigate(e.base+"/?dyad=JPN-PRK&either=true&by=month"),
		chromedp.WaitVisible(chromedp.CSS(`#timeline[data-state="ready"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#outlook[data-state="ready"]`)),
	)
	// 36 months observed (2011-01 to 2013-12) and 6 forecast
	if p := e.attr("#timeline", "data-points"); p != "36" {
		t.Errorf("%s observed points, want 36", p)
	}
	if xs := eval[int](e, `window.parleyChart.data[0].length`); xs != 36+6 {
		t.Errorf("the chart's x axis has %d points, want 42 (36 months and 6 ahead)", xs)
	}
	// the band series: the last observed month (where the band starts)
	// and one point per month forecast, none before
	band := eval[[]int](e, `(() => { const u = window.parleyChart; return u.series.map((s, i) => [s.label, i]).filter(([l]) => /band|low/.test(l)).map(([, i]) => u.data[i].filter(v => v != null).length); })()`)
	if len(band) != 4 {
		t.Fatalf("%d band series (80%%, 95%%, high and low), want 4", len(band))
	}
	for _, n := range band {
		if n != 7 {
			t.Errorf("a band series has %d points, want 7 (the last observed month and 6 ahead)", n)
		}
	}
	if got := e.attr("#timeline", "data-band-points"); got != "7" {
		t.Errorf("data-band-points %s, want 7", got)
	}
	firstBand := eval[int](e, `(() => { const u = window.parleyChart; const i = u.series.findIndex(s => s.label === "95% band"); return u.data[i].findIndex(v => v != null); })()`)
	if firstBand != 35 {
		t.Errorf("the band starts at point %d, want 35 (the last observed month)", firstBand)
	}
	// the outlook: a percentage, the same as the API's
	text := eval[string](e, `document.getElementById("outlook-text").textContent`)
	p := e.attr("#outlook", "data-p-new-high")
	pv, err := strconv.ParseFloat(p, 64)
	if err != nil || pv < 0 || pv > 1 {
		t.Fatalf("outlook probability %q", p)
	}
	want := fmt.Sprintf("chance cooperation reaches a new high within 6 months: %.0f%%", 100*pv)
	if text != want {
		t.Errorf("outlook %q, want %q", text, want)
	}
	if rows := eval[int](e, `document.querySelectorAll("#forecast-table tbody tr").length`); rows != 6 {
		t.Errorf("forecast table has %d rows, want 6", rows)
	}
	e.shot("07-forecast-cooperation")
	e.shotOf("07b-forecast-chart", "section.panel:has(#timeline)")

	// another series: the band follows
	e.do("choose the conflict forecast",
		chromedp.SetValue(chromedp.CSS("#forecast-measure"), "conflict"),
		chromedp.Evaluate[chromedp.Void](`document.getElementById("forecast-measure").dispatchEvent(new Event("change"))`),
	)
	if _, err := chromedp.Run(e.ctx, chromedp.Poll[bool](`document.getElementById("timeline").dataset.measure === "conflict"`, chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Fatalf("the chart did not switch to conflict: %v", err)
	}
	last := eval[float64](e, `(() => { const u = window.parleyChart; const i = u.series.findIndex(s => s.label === "Conflict (observed)"); return u.data[i][35]; })()`)
	if last < servertest.BreakEvents {
		t.Errorf("observed conflict in the last month %v, want at least the break's %d", last, servertest.BreakEvents)
	}
	e.shotOf("08-forecast-conflict", "section.panel:has(#timeline)")

	// the alerts page
	e.do("open the alerts page",
		chromedp.Click(chromedp.CSS(`header.top nav a[href="/alerts"]`)),
		chromedp.WaitVisible(chromedp.CSS("#alerts")),
	)
	sel := `article.alert[data-dyad="PRK-JPN"][data-measure="conflict"]`
	if n := eval[int](e, fmt.Sprintf(`document.querySelectorAll(%q).length`, sel)); n != 1 {
		t.Fatalf("%d alerts for the PRK-JPN conflict break, want 1", n)
	}
	if r := e.attr(sel, "data-reason"); r != "above band" {
		t.Errorf("reason %q, want above band", r)
	}
	links := eval[[]string](e, fmt.Sprintf(`Array.from(document.querySelectorAll(%q)).map(a => a.getAttribute("href"))`, sel+" a.event-link"))
	if len(links) != 5 {
		t.Errorf("%d event links, want 5", len(links))
	}
	e.shot("09-alerts")
	if len(links) == 0 {
		t.FailNow()
	}
	id := strings.TrimPrefix(links[0], "/events/")
	ev := e.event(id)
	e.do("open the alert's first event",
		chromedp.Click(chromedp.CSS(sel+" a.event-link")),
		chromedp.WaitVisible(chromedp.CSS("#event-sentence")),
	)
	if url := eval[string](e, `location.pathname`); url != "/events/"+id {
		t.Errorf("the link opened %s, want /events/%s", url, id)
	}
	got := e.marks("#event-sentence")
	got[0].ID = id
	if w := wantMarks(ev); len(got) != 1 || got[0] != w {
		t.Errorf("event page highlights %+v, want %+v", got, w)
	}
	if ev.CAMEO != "190" || ev.Source.Country != "PRK" {
		t.Errorf("the heaviest event of the break is %s %s, want a PRK attack (190)", ev.Source.Code, ev.CAMEO)
	}
	e.shot("10-alert-event")

	// and the alert's dyad leads to its timeline
	e.do("back to the alerts and on to the timeline",
		chromedp.Navigate(e.base+"/alerts"),
		chromedp.WaitVisible(chromedp.CSS("#alerts")),
		chromedp.Click(chromedp.CSS(sel+" a.alert-timeline")),
		chromedp.WaitVisible(chromedp.CSS(`#timeline[data-state="ready"]`)),
	)
	if dy := e.attr("#timeline", "data-dyad"); dy != "PRK-JPN" {
		t.Errorf("the alert leads to the timeline of %s, want PRK-JPN", dy)
	}
}

// shotOf saves a screenshot of the element sel: a close-up as artefact.
func (e *env) shotOf(name, sel string) {
	e.t.Helper()
	ctx, cancel := context.WithTimeout(e.ctx, 15*time.Second)
	defer cancel()
	buf, err := chromedp.Run(ctx, chromedp.ScreenshotScale(chromedp.CSS(sel), 1.5))
	if err != nil {
		e.t.Logf("screenshot %s: %v", name, err)
		return
	}
	p := filepath.Join(e.shots, name+".png")
	if err := os.WriteFile(p, buf, 0o644); err != nil {
		e.t.Errorf("write screenshot: %v", err)
		return
	}
	e.t.Logf("screenshot %s", p)
}

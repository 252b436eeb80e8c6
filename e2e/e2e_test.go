package e2e

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/parley-events/parley"
	"github.com/parley-events/parley/server"
	"github.com/parley-events/parley/server/servertest"
	"github.com/parley-events/parley/store"
)

// chromium returns the browser to drive, failing the test under CI when
// there is none and skipping it otherwise.
func chromium(t *testing.T) string {
	t.Helper()
	for _, p := range []string{os.Getenv("CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if p == "" {
			continue
		}
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	for _, n := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	if required() {
		t.Fatal("chromium is not installed (CI=true or PARLEY_E2E_REQUIRED=1): apt-get install -y chromium, or set CHROMIUM")
	}
	t.Skip("chromium is not installed; install Debian's chromium to run the browser tests")
	return ""
}

// required reports whether the browser tests must run: under CI, and in
// .ci/run (PARLEY_E2E_REQUIRED=1).
func required() bool {
	return os.Getenv("CI") == "true" || os.Getenv("PARLEY_E2E_REQUIRED") == "1"
}

// artifacts returns the folder for screenshots.
func artifacts(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("E2E_ARTIFACTS")
	if dir == "" {
		var err error
		dir, err = os.MkdirTemp("", "parley-e2e-")
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshots in %s", dir)
	return dir
}

// env is a running server and a browser tab.
type env struct {
	t       *testing.T
	base    string
	ctx     context.Context
	stories []servertest.Coded
	shots   string
}

func start(t *testing.T) *env {
	t.Helper()
	return startWith(t, servertest.Fill)
}

// startWith starts a server on a store filled by fill, and a browser.
func startWith(t *testing.T, fill func(testing.TB, store.Store) []servertest.Coded) *env {
	t.Helper()
	browser := chromium(t)
	st := servertest.Open(t)
	cs := fill(t, st)
	srv, err := server.New(server.Options{Store: st, Coder: servertest.Coder{}, Token: "e2e"})
	if err != nil {
		t.Fatal(err)
	}
	if !srv.BundlePresent() {
		const msg = "the dashboard bundle is not built into this test binary: run `go generate ./server` (npm ci and the esbuild build in web/) first"
		if required() {
			t.Fatal(msg)
		}
		t.Skip(msg + "; .ci/run builds it and fails instead of skipping")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	sctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(sctx, ln) }()
	t.Cleanup(func() {
		stop()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})

	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(browser),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, cancelC := chromedp.NewContext(actx, chromedp.WithLogf(t.Logf))
	t.Cleanup(func() { cancelC(); cancelA() })
	// start the browser with a context without timeout (its life is
	// bound to it), then bound each test's steps
	if err := chromedp.Do(bctx); err != nil {
		t.Fatalf("start chromium %s: %v", browser, err)
	}
	ctx, cancelT := context.WithTimeout(bctx, 90*time.Second)
	t.Cleanup(cancelT)
	return &env{t: t, base: "http://" + ln.Addr().String(), ctx: ctx, stories: cs, shots: artifacts(t)}
}

func (e *env) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	e.t.Helper()
	if err := chromedp.Do(e.ctx, steps...); err != nil {
		e.shot("failed-" + strings.ReplaceAll(what, " ", "-"))
		e.t.Fatalf("%s: %v", what, err)
	}
}

// eval evaluates a JavaScript expression in the page.
func eval[T any](e *env, expr string) T {
	e.t.Helper()
	v, err := chromedp.Run(e.ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		e.t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// attr reads an attribute of the first element matching a CSS selector.
func (e *env) attr(sel, name string) string {
	e.t.Helper()
	v, err := chromedp.Run(e.ctx, chromedp.AttributeValue(chromedp.CSS(sel), name))
	if err != nil {
		e.t.Fatalf("attribute %s of %s: %v", name, sel, err)
	}
	return v.Value
}

func (e *env) shot(name string) {
	e.t.Helper()
	ctx, cancel := context.WithTimeout(e.ctx, 15*time.Second)
	defer cancel()
	buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
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

// highlighted is what a row or sentence shows highlighted.
type highlighted struct {
	ID  string `json:"id"`
	Src string `json:"src"`
	Tgt string `json:"tgt"`
	Trg string `json:"trg"`
}

const marksJS = `(sel) => Array.from(document.querySelectorAll(sel)).map(r => ({
	id: r.dataset.eventId || "",
	src: Array.from(r.querySelectorAll("mark.src")).map(m => m.textContent).join(""),
	tgt: Array.from(r.querySelectorAll("mark.tgt")).map(m => m.textContent).join(""),
	trg: Array.from(r.querySelectorAll("mark.trg")).map(m => m.textContent).join(""),
}))`

func (e *env) marks(sel string) []highlighted {
	e.t.Helper()
	return eval[[]highlighted](e, fmt.Sprintf("(%s)(%q)", marksJS, sel))
}

func (e *env) event(id string) parley.Event {
	for _, c := range e.stories {
		for _, ev := range c.Events {
			if ev.ID == id {
				return ev
			}
		}
	}
	e.t.Fatalf("no event %q in the test stories", id)
	return parley.Event{}
}

func wantMarks(ev parley.Event) highlighted {
	h := highlighted{ID: ev.ID, Src: ev.Source.Text, Trg: ev.Trigger.Text}
	if ev.Target != nil {
		h.Tgt = ev.Target.Text
	}
	return h
}

// TestDashboard picks a dyad, checks the chart and the events table, opens
// an event and its story, and looks at the relations view.
func TestDashboard(t *testing.T) {
	e := start(t)

	// the dyad's expected series: months from its first event to its last
	var months []time.Time
	var dyadEvents []parley.Event
	for _, c := range e.stories {
		for _, ev := range c.Events {
			if ev.Target != nil && ev.Source.Country == "JPN" && ev.Target.Country == "PRK" {
				dyadEvents = append(dyadEvents, ev)
				months = append(months, store.Month.Truncate(ev.Date.Time()))
			}
		}
	}
	sort.Slice(months, func(i, j int) bool { return months[i].Before(months[j]) })
	wantPoints := 0
	for m := months[0]; !m.After(months[len(months)-1]); m = store.Month.Next(m) {
		wantPoints++
	}

	e.do("open the dashboard",
		chromedp.Navigate(e.base+"/"),
		chromedp.WaitVisible(chromedp.CSS("#dyad-input")),
	)
	if eval[int](e, `document.querySelectorAll("#dyad-suggestions option").length`) == 0 {
		t.Error("the dyad input has no suggestions")
	}
	e.shot("01-home")
	e.do("type the dyad JPN-PRK", chromedp.SendKeys(chromedp.CSS("#dyad-input"), "JPN-PRK"))
	// the suggestions come from /api/v1/dyads for the actor typed
	if _, err := chromedp.Run(e.ctx, chromedp.Poll[bool](`document.getElementById("dyad-suggestions").dataset.actor === "JPN"`, chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Fatalf("suggestions for JPN: %v", err)
	}
	opts := eval[[]string](e, `Array.from(document.querySelectorAll("#dyad-suggestions option")).map(o => o.value)`)
	if len(opts) == 0 {
		t.Error("no suggestions for JPN")
	}
	for _, o := range opts {
		if !strings.Contains(o, "JPN") {
			t.Errorf("suggestion %q for JPN", o)
		}
	}
	e.do("pick the dyad JPN-PRK",
		chromedp.Click(chromedp.CSS(`#dyad-form button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#timeline[data-state="ready"]`)),
	)
	points, total := e.attr("#timeline", "data-points"), e.attr("#timeline", "data-total")
	drawn := eval[int](e, `document.querySelectorAll("#timeline canvas").length`)
	xs := eval[int](e, `window.parleyChart.data[0].length`)
	e.shot("02-timeline-JPN-PRK")
	// the x axis also holds the 6 months forecast after the last one
	if points != strconv.Itoa(wantPoints) || xs != wantPoints+6 {
		t.Errorf("chart draws %s points (uPlot has %d with the forecast), want %d (one per month %s to %s) and 6 ahead", points, xs, wantPoints, months[0].Format("2006-01"), months[len(months)-1].Format("2006-01"))
	}
	if got := eval[string](e, `document.getElementById("stat-charted").textContent`); got != strconv.Itoa(len(dyadEvents)) {
		t.Errorf("the page says %s events charted, want %d", got, len(dyadEvents))
	}
	if total != strconv.Itoa(len(dyadEvents)) {
		t.Errorf("chart counts %s events, want %d", total, len(dyadEvents))
	}
	if drawn == 0 {
		t.Error("the chart has no canvas")
	}

	rows := e.marks("#events-table tr.event")
	if len(rows) != len(dyadEvents) {
		t.Fatalf("events table has %d rows, want %d", len(rows), len(dyadEvents))
	}
	for _, r := range rows {
		if w := wantMarks(e.event(r.ID)); r != w {
			t.Errorf("row %s highlights %+v, want %+v", r.ID, r, w)
		}
	}

	// open the first event
	first := rows[0].ID
	e.do("open event "+first,
		chromedp.Click(chromedp.CSS(fmt.Sprintf(`tr[data-event-id=%q] a.event-link`, first))),
		chromedp.WaitVisible(chromedp.CSS("#event-sentence")),
	)
	e.shot("03-event")
	got := e.marks("#event-sentence")
	got[0].ID = first
	if w := wantMarks(e.event(first)); len(got) != 1 || got[0] != w {
		t.Errorf("event page highlights %+v, want %+v", got, w)
	}
	sentence := eval[string](e, `document.querySelector("#event-sentence").textContent`)
	ev := e.event(first)
	if !strings.Contains(sentence, ev.Source.Text) || !strings.Contains(sentence, ev.Trigger.Text) {
		t.Errorf("event sentence %q lacks %q or %q", sentence, ev.Source.Text, ev.Trigger.Text)
	}

	// its story: every event's spans highlighted
	e.do("open the story",
		chromedp.Click(chromedp.CSS(`.crumbs a[href^="/stories/"]`)),
		chromedp.WaitVisible(chromedp.CSS("#story-text")),
	)
	story := eval[[]highlighted](e, `Array.from(document.querySelectorAll("#story-text mark.trg")).map(m => ({trg: m.textContent}))`)
	e.shot("04-story")
	var storyEvents []parley.Event
	for _, c := range e.stories {
		if c.Story.ID == ev.StoryID {
			storyEvents = c.Events
		}
	}
	if len(story) != len(storyEvents) {
		t.Errorf("story page highlights %d triggers, want %d", len(story), len(storyEvents))
	}

	// relations: one edge per pair of countries
	pairs := map[string]bool{}
	for _, c := range e.stories {
		for _, ev := range c.Events {
			if ev.Target == nil || ev.Source.Country == ev.Target.Country {
				continue
			}
			a, b := ev.Source.Country, ev.Target.Country
			if b < a {
				a, b = b, a
			}
			pairs[a+"-"+b] = true
		}
	}
	e.do("open the relations view",
		chromedp.Navigate(e.base+"/relations"),
		chromedp.WaitVisible(chromedp.CSS("#relations")),
	)
	edges := e.attr("#relations", "data-edges")
	paths := eval[int](e, `document.querySelectorAll("#relations path.edge").length`)
	e.shot("05-relations")
	if edges != strconv.Itoa(len(pairs)) || paths != len(pairs) {
		t.Errorf("relations draws %s edges (%d paths), want %d", edges, paths, len(pairs))
	}
	// an edge leads to its dyad's timeline, either way
	e.do("follow the JPN-PRK edge",
		chromedp.Evaluate[chromedp.Void](`document.querySelector('#relations path.edge[data-dyad="JPN-PRK"]').closest("a").dispatchEvent(new MouseEvent("click", {bubbles: true}))`),
		chromedp.WaitVisible(chromedp.CSS(`#timeline[data-state="ready"]`)),
	)
	if dy, either := e.attr("#timeline", "data-dyad"), e.attr("#timeline", "data-either"); dy != "JPN-PRK" || either != "true" {
		t.Errorf("edge leads to dyad %s either=%s, want JPN-PRK either=true", dy, either)
	}
}

// TestPasteStory pastes a story on the paste page and checks the events
// shown and their highlighted spans.
func TestPasteStory(t *testing.T) {
	e := start(t)
	// the curly apostrophes and the dash put byte offsets and UTF-16
	// indices apart before the spans
	text := "SEOUL — Japan’s prime minister said on Monday that Japan met North Korea’s envoys in Hanoi.\n\n" +
		"The talks were described as “frank”. China criticised Japan over the meeting. Russia aided North Korea with fuel."
	_, want, _ := servertest.Coder{}.Code(context.Background(), &parley.Story{Text: text})
	if len(want) < 3 {
		t.Fatalf("test is vacuous: the coder finds %d events", len(want))
	}
	e.do("paste a story",
		chromedp.Navigate(e.base+"/code"),
		chromedp.WaitVisible(chromedp.CSS("#code-text")),
		chromedp.SetValue(chromedp.CSS("#code-text"), text),
		chromedp.SetValue(chromedp.CSS("#code-title"), "Pasted in a browser test"),
		chromedp.Click(chromedp.CSS("#code-submit")),
		chromedp.WaitVisible(chromedp.CSS("#code-result")),
	)
	count := e.attr("#code-result", "data-events")
	e.shot("06-paste")
	if count != strconv.Itoa(len(want)) {
		t.Fatalf("paste page shows %s events, want %d", count, len(want))
	}
	rows := e.marks("#code-events tbody tr")
	if len(rows) != len(want) {
		t.Fatalf("%d rows, want %d", len(rows), len(want))
	}
	for i, r := range rows {
		w := wantMarks(want[i])
		w.ID = ""
		if r != w {
			t.Errorf("row %d highlights %+v, want %+v", i, r, w)
		}
	}

	// upload a text file: it fills the text and the title
	file := filepath.Join(t.TempDir(), "uploaded-story.txt")
	up := "China met Russia in Beijing."
	if err := os.WriteFile(file, []byte(up), 0o644); err != nil {
		t.Fatal(err)
	}
	e.do("upload a story",
		chromedp.Evaluate[chromedp.Void](`document.getElementById("code-title").value = ""`),
		chromedp.SetUploadFiles(chromedp.CSS("#code-file"), []string{file}),
	)
	if _, err := chromedp.Run(e.ctx, chromedp.Poll[bool](`document.getElementById("code-text").value === `+strconv.Quote(up), chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Fatalf("the uploaded file did not fill the text: %v", err)
	}
	if title := eval[string](e, `document.getElementById("code-title").value`); title != "uploaded-story" {
		t.Errorf("title after upload %q, want the file name", title)
	}
}

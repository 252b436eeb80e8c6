package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/parley-events/parley/outlook"
	"github.com/parley-events/parley/store"
)

const alertsUsage = `[--by month] [--dyads 50] [--band 95] [--spike 0.5] [--events 5] [--db FILE] [--format table|jsonl]

Lists the dyads (of the --dyads busiest) whose latest period fell outside
the band forecast for it from the periods before (cooperation, conflict or
Goldstein sum), or whose probability of a spike next period (a value above
the dyad's 90th percentile so far) is at least --spike, each with the events
of the latest period that weigh most (largest absolute Goldstein score).`

func (m *Main) runAlerts(ctx context.Context, args []string) error {
	fs := m.newFlagSet("alerts", alertsUsage)
	db := m.dbFlag(fs)
	by := fs.String("by", "month", "period: day, week (from Monday), month or year")
	nDyads := fs.Int("dyads", 50, "watch this many of the busiest directed dyads")
	band := fs.Int("band", 95, "band the latest period must fall in: 80 or 95")
	spike := fs.Float64("spike", 0.5, "alert when the next period's spike probability reaches this")
	nEvents := fs.Int("events", 5, "events listed per alert")
	var of outputFlags
	of.register(fs, "table or jsonl")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	interval := store.Interval(*by)
	if !interval.Valid() || fs.NArg() > 0 {
		return &exitError{code: exitUsage, msg: fmt.Sprintf("alerts: --by %q: want day, week, month or year (and no arguments)", *by)}
	}
	if *band != 80 && *band != 95 {
		return &exitError{code: exitUsage, msg: "alerts: --band must be 80 or 95"}
	}
	format, out, closeOut, err := of.resolve(m, "table", "jsonl")
	if err != nil {
		return err
	}
	s, err := m.openStoreRead(*db)
	if err != nil {
		closeOut()
		return err
	}
	defer s.Close()
	if *nEvents <= 0 {
		*nEvents = -1 // none
	}
	alerts, err := outlook.Alerts(ctx, s, outlook.AlertOptions{By: interval, Dyads: *nDyads, Band: *band, Spike: *spike, Events: *nEvents})
	if err != nil {
		closeOut()
		return err
	}
	if err := writeAlerts(format, out, alerts); err != nil {
		closeOut()
		return fmt.Errorf("alerts: write: %w", err)
	}
	return closeOut()
}

func writeAlerts(format string, w io.Writer, alerts []outlook.Alert) error {
	if format == "jsonl" {
		enc := json.NewEncoder(w)
		for _, a := range alerts {
			if err := enc.Encode(a); err != nil {
				return err
			}
		}
		return nil
	}
	if len(alerts) == 0 {
		_, err := fmt.Fprintln(w, "no alerts")
		return err
	}
	for _, a := range alerts {
		fmt.Fprintf(w, "%s %s %s: %s (%.1f; forecast %.1f, band %.1f to %.1f; next-period spike probability %.2f)\n",
			a.Dyad, a.Measure, a.Period, a.Reason, a.Actual, a.Forecast, a.Lo, a.Hi, a.PSpike)
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		for _, e := range a.Events {
			fmt.Fprintf(tw, "    %s\t%s\t%s>%s\t%s\t%+.1f\t%s\t\n", e.ID, e.Date, e.Source, e.Target, e.CAMEO, e.Goldstein, e.StoryID)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	return nil
}

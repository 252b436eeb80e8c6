// Package outlook forecasts the stored series of dyads and watches them for
// breaks. It joins the store (through aggregate) and the models of package
// forecast, and is what both `parley forecast`/`parley alerts` and the
// server's /api/v1/forecast and /api/v1/alerts call.
//
// A dyad's series are its counts per QuadClass (q1 verbal and q2 material
// cooperation, q3 verbal and q4 material conflict), cooperation (q1+q2),
// conflict (q3+q4) and the Goldstein sum, by day, week, month or year.
// DyadForecast forecasts each for the next periods with 80% and 95% bands
// calibrated on the model's own past errors, and gives the outlook: the
// probability that cooperation exceeds its highest count so far within
// those periods. Alerts lists the dyads whose latest period fell outside
// the band forecast for it from the periods before, or whose probability
// of a spike next period is high, with the events that weigh most in it.
//
// The model is forecast's pooled model, trained on the dyad and the
// busiest dyads of the store together, so that a quiet dyad borrows
// strength from busy ones.
package outlook

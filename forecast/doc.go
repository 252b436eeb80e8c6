// Package forecast forecasts panels of series (one value per key and
// period, such as monthly Goldstein sums by country pair) and backtests
// the forecasts honestly.
//
// Models (Model) see only a History: every key's values up to the origin,
// sliced so that nothing after it can be read. The baselines are textbook
// one-series methods (Naive, SeasonalNaive, Mean, SES, Holt). Pooled is
// one model for all keys: a weighted ridge regression of the change from
// the origin, in units of the key's typical one-period change, on lags,
// rolling means and medians, the same transition in past seasons, level
// and volatility, calendar length, each entity's activity with everyone
// else (both countries of a pair) and global activity; it is refitted at
// every origin on the rows whose target is known by then. GBM (parley
// backtest's default) adds gradient-boosted regression trees (FitTrees:
// quantile-binned features, depth-limited trees, Huber gradients, row and
// feature subsampling, averaged over bags of weighted row samples) fitted
// to the ridge's residual on the same rows and on the ridge's recent
// errors on the key, refitted every half season.
//
// Backtest runs the models at every origin in order and calibrates each
// one on its own past out-of-sample errors: 80% and 95% intervals come
// from the pooled, scale-free errors of keys of similar level (split
// conformal prediction over all past origins), and the spike probability
// (the value exceeding the key's 90th percentile so far) from a logistic
// regression on the distance between the forecast, the recent values and
// that percentile, refitted on the outcomes known at the origin. Ahead
// forecasts the periods after the last one the same way. Score computes
// the metrics of ../shared/eval/score_forecast.py.
package forecast

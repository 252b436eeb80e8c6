// Package series reads and writes series files: CSV tables of values by
// period and key, such as monthly Goldstein sums by country pair.
//
// A series file has a header; its first column is the period (YYYY,
// YYYY-MM or YYYY-MM-DD), then come key columns and value columns. Read
// turns one value column into a dense Panel, keys by periods, where a
// period missing for a key means 0 and repeated rows for the same key and
// period add up. The panel's periods are the distinct periods of the file,
// in order. Aggregate regroups a daily panel into weeks (starting on
// Monday, written as the date of the Monday) or months.
//
// Errors name the file and line (file.csv:12) and have kind parley.Invalid.
package series

// Package e2e holds parley's browser tests: they start the server on a
// test database, drive Debian's Chromium through chromedp, and check what
// a user sees (the dyad chart, highlighted sentences, the paste page).
//
// The tests need /usr/bin/chromium (or $CHROMIUM) and the dashboard bundle
// (go generate ./server). With CI=true (or PARLEY_E2E_REQUIRED=1, as .ci/run
// sets) a missing browser or bundle fails the tests; otherwise (a plain
// "go test ./..." on a fresh checkout) it skips them. Screenshots go to
// $E2E_ARTIFACTS, or to a new temporary folder whose path is logged.
package e2e

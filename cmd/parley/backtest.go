package main

import (
	"context"
	"errors"
)

// runBacktest is not built yet; its issue builds it.
func (m *Main) runBacktest(ctx context.Context, args []string) error {
	return errors.New("backtest: not built yet")
}

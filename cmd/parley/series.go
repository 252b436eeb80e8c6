package main

import (
	"context"
	"errors"
)

// runSeries is not built yet; its issue builds it.
func (m *Main) runSeries(ctx context.Context, args []string) error {
	return errors.New("series: not built yet")
}

package main

import (
	"context"
	"errors"
)

// runForecast is not built yet; its issue builds it.
func (m *Main) runForecast(ctx context.Context, args []string) error {
	return errors.New("forecast: not built yet")
}

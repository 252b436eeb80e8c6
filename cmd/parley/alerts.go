package main

import (
	"context"
	"errors"
)

// runAlerts is not built yet; its issue builds it.
func (m *Main) runAlerts(ctx context.Context, args []string) error {
	return errors.New("alerts: not built yet")
}

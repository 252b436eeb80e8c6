package main

import (
	"context"
	"errors"
)

// runEvents is not built yet; its issue builds it.
func (m *Main) runEvents(ctx context.Context, args []string) error {
	return errors.New("events: not built yet")
}

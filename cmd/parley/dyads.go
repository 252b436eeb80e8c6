package main

import (
	"context"
	"errors"
)

// runDyads is not built yet; its issue builds it.
func (m *Main) runDyads(ctx context.Context, args []string) error {
	return errors.New("dyads: not built yet")
}

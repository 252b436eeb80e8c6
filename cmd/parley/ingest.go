package main

import (
	"context"
	"errors"
)

// runIngest is not built yet; its issue builds it.
func (m *Main) runIngest(ctx context.Context, args []string) error {
	return errors.New("ingest: not built yet")
}

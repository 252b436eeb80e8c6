package main

import (
	"context"
	"errors"
)

// runRead is not built yet; its issue builds it.
func (m *Main) runRead(ctx context.Context, args []string) error {
	return errors.New("read: not built yet")
}

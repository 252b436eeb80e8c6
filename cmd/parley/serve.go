package main

import (
	"context"
	"errors"
)

// runServe is not built yet; its issue builds it.
func (m *Main) runServe(ctx context.Context, args []string) error {
	return errors.New("serve: not built yet")
}

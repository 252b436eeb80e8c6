package main

import (
	"context"
	"errors"
)

// runCode is not built yet; its issue builds it.
func (m *Main) runCode(ctx context.Context, args []string) error {
	return errors.New("code: not built yet")
}

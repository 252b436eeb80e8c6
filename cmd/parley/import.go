package main

import (
	"context"
	"errors"
)

// runImport is not built yet; its issue builds it.
func (m *Main) runImport(ctx context.Context, args []string) error {
	return errors.New("import: not built yet")
}

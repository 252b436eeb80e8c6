package main

import (
	"context"
	"errors"
)

// runRecode is not built yet; its issue builds it.
func (m *Main) runRecode(ctx context.Context, args []string) error {
	return errors.New("recode: not built yet")
}

package parley

import (
	"errors"
	"fmt"
)

// Kind classifies an error so that callers (and only the server, when
// mapping to HTTP statuses) can act on it without matching message text.
type Kind uint8

const (
	Other       Kind = iota // unclassified
	Invalid                 // bad input: a malformed story, line, flag or query
	NotFound                // the thing asked for does not exist
	Conflict                // the operation conflicts with stored state
	Internal                // a bug or an unexpected failure inside parley
	Unavailable             // a backend or resource cannot be reached now
)

func (k Kind) String() string {
	switch k {
	case Invalid:
		return "invalid"
	case NotFound:
		return "not_found"
	case Conflict:
		return "conflict"
	case Internal:
		return "internal"
	case Unavailable:
		return "unavailable"
	}
	return "other"
}

// Error is parley's error type: the operation that failed, its kind and the
// underlying error.
type Error struct {
	Op   string // e.g. "ingest.ReadJSONL", or a file:line position
	Kind Kind
	Err  error
}

func (e *Error) Error() string {
	switch {
	case e.Op != "" && e.Err != nil:
		return e.Op + ": " + e.Err.Error()
	case e.Err != nil:
		return e.Err.Error()
	case e.Op != "":
		return e.Op + ": " + e.Kind.String()
	}
	return e.Kind.String()
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error of the given kind for op with a formatted message.
func Errorf(kind Kind, op, format string, args ...any) error {
	return &Error{Op: op, Kind: kind, Err: fmt.Errorf(format, args...)}
}

// KindOf returns the kind of the first *Error in err's chain, or Other.
func KindOf(err error) Kind {
	var e *Error
	for err != nil {
		if errors.As(err, &e) {
			if e.Kind != Other {
				return e.Kind
			}
			err = e.Err
			continue
		}
		return Other
	}
	return Other
}

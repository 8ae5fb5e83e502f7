// Package argerr holds the one sentinel every package uses for a problem
// with a call's arguments (a model-actionable isError result in a tool, exit
// status 2 on the command line), as opposed to a failure of Notion or of
// the server.
package argerr

import (
	"errors"
	"fmt"
)

// ErrInvalid marks a problem with the call's arguments; test for it with
// errors.Is.
var ErrInvalid = errors.New("invalid arguments")

// Wrap marks err as an argument problem: "invalid arguments: " and err's
// message, with both ErrInvalid and err in the chain.
func Wrap(err error) error { return fmt.Errorf("%w: %w", ErrInvalid, err) }

// Errorf is Wrap(fmt.Errorf(format, a...)).
func Errorf(format string, a ...any) error { return Wrap(fmt.Errorf(format, a...)) }

// Mark marks err as an argument problem keeping err's message as it is,
// for messages written to be shown alone.
func Mark(err error) error { return marked{err} }

type marked struct{ err error }

func (e marked) Error() string   { return e.err.Error() }
func (e marked) Unwrap() []error { return []error{ErrInvalid, e.err} }

package argerr

import (
	"errors"
	"fmt"
	"io/fs"
	"testing"
)

func TestChains(t *testing.T) {
	cause := fs.ErrNotExist
	for _, tc := range []struct {
		err  error
		want string
	}{
		{Wrap(cause), "invalid arguments: file does not exist"},
		{Errorf("limit %d: %w", -1, cause), "invalid arguments: limit -1: file does not exist"},
		{Mark(cause), "file does not exist"},
	} {
		if !errors.Is(tc.err, ErrInvalid) || !errors.Is(tc.err, cause) || tc.err.Error() != tc.want {
			t.Errorf("%q: Is(ErrInvalid) %v, Is(cause) %v, want message %q", tc.err, errors.Is(tc.err, ErrInvalid), errors.Is(tc.err, cause), tc.want)
		}
	}
	if plain := fmt.Errorf("reading: %w", cause); errors.Is(plain, ErrInvalid) {
		t.Error("an unmarked error is an argument error")
	}
}

package listing_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/notion-mcp/notion-mcp/internal/listing"
)

// TestDeadlineAnswersWithWhatWasFound: a listing that cannot end before
// the call's deadline (a search page that never comes, or a Retry-After
// past the deadline) answers before it with the databases found so far,
// complete: false and incomplete_reason "deadline", instead of failing.
func TestDeadlineAnswersWithWhatWasFound(t *testing.T) {
	t.Parallel()
	for name, s := range map[string]scripted{
		"a page that never comes": {pages: map[string]string{"": searchJSON("p2", databaseJSON(db1, "One"))}, stall: map[string]bool{"p2": true}},
		"a 429 past the deadline": {pages: map[string]string{"": searchJSON("p2", databaseJSON(db1, "One"))}, limited: map[string]string{"p2": "30"}},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithTimeout(context.Background(), time.Second)
			defer cancel()
			sess := scriptedSession(t, s)
			r, err := listing.List(ctx, sess, listing.Request{APIVersion: v22})
			if err != nil {
				t.Fatalf("an error instead of what was found: %v", err)
			}
			if ctx.Err() != nil {
				t.Error("answered after the call's deadline")
			}
			if r.Complete || r.Incomplete != listing.ReasonDeadline || !slices.Equal(ids(r.Databases), []string{db1}) {
				t.Errorf("complete %v, reason %q, databases %v", r.Complete, r.Incomplete, ids(r.Databases))
			}
			if !hasHint(r.Hints, "before the call's deadline") {
				t.Errorf("no hint about the deadline: %q", r.Hints)
			}
			// A listing cut by its call's deadline is not remembered: the
			// next call lists again.
			ctx2, cancel2 := context.WithTimeout(context.Background(), time.Second)
			defer cancel2()
			if r2, err := listing.List(ctx2, sess, listing.Request{APIVersion: v22}); err != nil || r2.Cached {
				t.Errorf("the next call: cached %v, err %v", r2 != nil && r2.Cached, err)
			}
		})
	}
}

// TestDeadlineBeforeAnyAnswer: with nothing found, running out of time is
// an error that says so, not an empty listing.
func TestDeadlineBeforeAnyAnswer(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	_, err := listing.List(ctx, scriptedSession(t, scripted{stall: map[string]bool{"": true}}), listing.Request{APIVersion: v22})
	if err == nil || !strings.Contains(err.Error(), "deadline passed before Notion answered") {
		t.Fatalf("err = %v, want one saying the deadline came first", err)
	}
}

// TestCancelIsNotADeadline: a call the client cancels is not answered
// with a partial listing.
func TestCancelIsNotADeadline(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	s := scripted{pages: map[string]string{"": searchJSON("p2", databaseJSON(db1, "One"))}, stall: map[string]bool{"p2": true}}
	time.AfterFunc(100*time.Millisecond, cancel)
	if r, err := listing.List(ctx, scriptedSession(t, s), listing.Request{APIVersion: v22}); err == nil {
		t.Fatalf("a cancelled listing answered: %+v", r)
	}
}

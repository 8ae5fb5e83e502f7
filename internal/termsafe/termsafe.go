// Package termsafe makes text from untrusted places (Notion answers, config
// files) safe to print on a person's terminal: control characters, ANSI
// escape sequences, bidirectional overrides and invisible characters are
// shown escaped instead of acting on the terminal or hiding what is
// printed, and table cells are cut to a width.
package termsafe

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// String returns s with every character that could act on a terminal or
// disguise text written as an escape: C0 and C1 control characters
// (ESC, BEL, NUL, CR, LF, TAB … as \x1b, \a, \x00, \r, \n, \t), DEL,
// bidirectional controls such as U+202E (as \u202e), zero-width and
// line-separator characters, and invalid UTF-8 bytes (as \xff). A
// backslash stays as it is. Printable text, accents and emoji included, is
// unchanged; when nothing needs escaping s itself is returned.
func String(s string) string {
	if safe(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case escaped(r):
			b.WriteString(escape(r))
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// Cell is String for a table cell: escaped, then cut to at most max runes
// (ending with "…") so that one long title cannot push a table off the
// screen. max <= 0 means no cut.
func Cell(s string, max int) string { return Cut(String(s), max) }

// Cut shortens s to at most max runes, ending it with "…" when it cuts.
// max <= 0 means no cut.
func Cut(s string, max int) string {
	if max <= 0 || len(s) <= max || utf8.RuneCountInString(s) <= max {
		return s
	}
	n := 0
	for i := range s {
		if n == max-1 {
			return s[:i] + "…"
		}
		n++
	}
	return s
}

// safe reports whether s has nothing to escape (the common case).
func safe(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == 0x7f || c >= utf8.RuneSelf {
			goto slow
		}
	}
	return true
slow:
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && n == 1) || escaped(r) {
			return false
		}
		i += n
	}
	return true
}

// escaped reports whether r must not reach a terminal as it is.
func escaped(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f: // C0, DEL, C1 (0x9b is a one-byte CSI)
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f, // bidi marks
		r >= 0x202a && r <= 0x202e,                           // bidi embeddings and overrides
		r >= 0x2066 && r <= 0x2069,                           // bidi isolates
		r >= 0x200b && r <= 0x200d, r == 0x2060, r == 0xfeff, // zero-width characters
		r == 0x2028, r == 0x2029, // line and paragraph separators
		r >= 0xfff9 && r <= 0xfffb: // interlinear annotation controls
		return true
	}
	return false
}

func escape(r rune) string {
	switch r {
	case '\a':
		return `\a`
	case '\b':
		return `\b`
	case '\t':
		return `\t`
	case '\n':
		return `\n`
	case '\r':
		return `\r`
	case 0x1b:
		return `\x1b`
	}
	if r < 0x100 {
		return fmt.Sprintf(`\x%02x`, r)
	}
	return fmt.Sprintf(`\u%04x`, r)
}

// Writer returns a writer that escapes, as String does, everything written
// to w except line breaks: for human output in which no string is meant to
// act on the terminal. Each Write should hold whole lines (a rune or an
// escape sequence split between two writes is escaped byte by byte).
func Writer(w io.Writer) io.Writer { return lineWriter{w} }

type lineWriter struct{ w io.Writer }

// Write escapes p line by line; it reports len(p) on success.
func (l lineWriter) Write(p []byte) (int, error) {
	s := string(p)
	if safe(strings.ReplaceAll(s, "\n", "")) {
		if _, err := l.w.Write(p); err != nil {
			return 0, err
		}
		return len(p), nil
	}
	parts := strings.Split(s, "\n")
	for i := range parts {
		parts[i] = String(parts[i])
	}
	if _, err := io.WriteString(l.w, strings.Join(parts, "\n")); err != nil {
		return 0, err
	}
	return len(p), nil
}

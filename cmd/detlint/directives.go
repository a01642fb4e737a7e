package main

import (
	"fmt"
	"go/token"
	"strings"
	"unicode"
)

const (
	directivePrefix = "//determinism:"
	allowed         = "allowed"
	sorted          = "sorted"
)

// A directive is a //determinism: comment. It applies to findings on its own
// line only.
type directive struct {
	pos    token.Pos
	line   int
	name   string // allowed, sorted, or an unknown word
	reason string // text after the name
	spaced bool   // written "// determinism:", which is not honoured
	used   bool   // excused at least one finding
}

// parseDirectives collects the //determinism: comments of the file.
func (c *fileChecker) parseDirectives() {
	for _, cg := range c.file.Comments {
		for _, cm := range cg.List {
			text := cm.Text
			spaced := false
			if rest, ok := strings.CutPrefix(text, "//"); ok {
				if trimmed := strings.TrimLeft(rest, " \t"); trimmed != rest && strings.HasPrefix(trimmed, "determinism:") {
					text, spaced = "//"+trimmed, true
				}
			}
			rest, ok := strings.CutPrefix(text, directivePrefix)
			if !ok {
				continue
			}
			name, reason := rest, ""
			if i := strings.IndexFunc(rest, unicode.IsSpace); i >= 0 {
				name, reason = rest[:i], strings.TrimSpace(rest[i:])
			}
			if spaced && name != allowed && name != sorted {
				continue // prose that happens to start with "determinism:"
			}
			c.directives = append(c.directives, &directive{
				pos:    cm.Slash,
				line:   c.line(cm.Slash),
				name:   name,
				reason: reason,
				spaced: spaced,
			})
		}
	}
}

// accepts reports whether the directive excuses a finding of rule r on its
// line. An allowed directive without a reason excuses nothing.
func (d *directive) accepts(r rule) bool {
	if d.spaced {
		return false
	}
	switch d.name {
	case allowed:
		return d.reason != ""
	case sorted:
		return r == ruleMapOrder
	}
	return false
}

// problem describes what is wrong with the directive, or returns "".
// It must be called after all findings have been matched.
func (d *directive) problem() string {
	switch {
	case d.spaced:
		return fmt.Sprintf("directive written with a space after //: write %s%s with no space", directivePrefix, d.name)
	case d.name == allowed && d.reason == "":
		return "//determinism:allowed needs a reason after it, saying why this line is deterministic"
	case d.name == allowed && !d.used:
		return "//determinism:allowed has no finding on this line to allow: remove it, or move it to the reported line"
	case d.name == sorted && !d.used:
		return "//determinism:sorted marks no map range on this line: remove it, or move it to the line of the for statement"
	case d.name != allowed && d.name != sorted:
		return fmt.Sprintf("unknown directive %s%s: use //determinism:allowed <reason> or //determinism:sorted", directivePrefix, d.name)
	}
	return ""
}

package main

import (
	"cmp"
	"go/ast"
	"go/token"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Analyzer reports sources of nondeterminism in state-machine packages.
var Analyzer = &analysis.Analyzer{
	Name: "determinism",
	Doc: "report wall-clock reads, randomness, floating point, map iteration and goroutines in state-machine code\n\n" +
		"Applies to packages whose import path has an \"app\" or \"x\" element and no \"cmd\" or \"api\" element. " +
		"Mark a map range that only collects keys for sorting with //determinism:sorted, " +
		"and any other justified exception with //determinism:allowed <reason>, on the reported line.",
	Run: run,
}

// rule identifies what a finding is about; it is also the diagnostic category.
type rule string

const (
	ruleWallClock rule = "wallclock"
	ruleRandom    rule = "random"
	ruleFloat     rule = "float"
	ruleMapOrder  rule = "maporder"
	ruleGoroutine rule = "goroutine"
	ruleDirective rule = "directive"
)

func run(pass *analysis.Pass) (any, error) {
	if !inScope(pass.Pkg.Path()) {
		return nil, nil
	}
	for _, f := range pass.Files {
		tf := pass.Fset.File(f.FileStart)
		if tf == nil || skipFile(filepath.Base(tf.Name()), f) {
			continue
		}
		c := &fileChecker{
			pass:       pass,
			file:       f,
			tf:         tf,
			floatLines: make(map[int]bool),
		}
		c.parseDirectives()
		c.checkImports()
		c.walk()
		c.report()
	}
	return nil, nil
}

// inScope reports whether the package with import path path is state-machine
// code: some element of the path is "app" or "x", and none is "cmd", "api"
// or "vendor". app/api holds the services that face clients (JSON-RPC,
// REST, ...): they run beside the state machine, on their own goroutines
// and clocks, and only read what it committed. Matching whole elements
// keeps paths such as ".../apphash" out.
func inScope(path string) bool {
	in := false
	for _, elem := range strings.Split(path, "/") {
		switch elem {
		case "cmd", "api", "vendor":
			return false
		case "app", "x":
			in = true
		}
	}
	return in
}

// skipFile reports whether the file named name is a test or generated file.
// Generated code cannot carry directives and is fixed in its generator.
func skipFile(name string, f *ast.File) bool {
	return strings.HasSuffix(name, "_test.go") ||
		strings.HasSuffix(name, ".pb.go") ||
		ast.IsGenerated(f)
}

// A finding is a violation found in a file, reported unless a directive on
// its line excuses it.
type finding struct {
	pos  token.Pos
	line int
	rule rule
	msg  string
}

// fileChecker holds the state of checking one file.
type fileChecker struct {
	pass       *analysis.Pass
	file       *ast.File
	tf         *token.File
	directives []*directive
	findings   []finding
	floatLines map[int]bool // lines that already have a float finding
}

func (c *fileChecker) line(pos token.Pos) int {
	return c.tf.Line(pos)
}

func (c *fileChecker) add(pos token.Pos, r rule, msg string) {
	c.findings = append(c.findings, finding{pos: pos, line: c.line(pos), rule: r, msg: msg})
}

// report emits the findings no directive excuses, then the problems with the
// directives themselves, in source order.
func (c *fileChecker) report() {
	var out []analysis.Diagnostic
	for _, fd := range c.findings {
		if c.excused(fd) {
			continue
		}
		out = append(out, analysis.Diagnostic{Pos: fd.pos, Category: string(fd.rule), Message: fd.msg})
	}
	for _, d := range c.directives {
		if msg := d.problem(); msg != "" {
			out = append(out, analysis.Diagnostic{Pos: d.pos, Category: string(ruleDirective), Message: msg})
		}
	}
	slices.SortStableFunc(out, func(a, b analysis.Diagnostic) int { return cmp.Compare(a.Pos, b.Pos) })
	for _, d := range out {
		c.pass.Report(d)
	}
}

// excused reports whether a directive on the finding's line accepts it, and
// marks every such directive as used.
func (c *fileChecker) excused(fd finding) bool {
	ok := false
	for _, d := range c.directives {
		if d.line == fd.line && d.accepts(fd.rule) {
			d.used = true
			ok = true
		}
	}
	return ok
}

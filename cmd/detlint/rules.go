package main

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strconv"

	"golang.org/x/tools/go/types/typeutil"
)

// wallClockFuncs are the functions of package time that read the wall clock.
var wallClockFuncs = map[string]bool{"Now": true, "Since": true, "Until": true}

// randomPackages are the packages whose values differ between nodes.
var randomPackages = map[string]bool{"math/rand": true, "math/rand/v2": true, "crypto/rand": true}

// mapIterators are the functions of package maps that yield a map's entries
// in the map's random order.
var mapIterators = map[string]bool{"Keys": true, "Values": true, "All": true}

const (
	floatAdvice   = "floating-point results can differ between platforms (e.g. fused multiply-add); use integer or fixed-point arithmetic"
	mapOrderMsg   = "map iteration order is random: collect the keys, sort them, and mark the loop //determinism:sorted"
	goroutineMsg  = "go statement: goroutine scheduling differs between nodes; do the work sequentially, or before block execution and mark the line //determinism:allowed <reason>"
	wallClockHint = "reads the wall clock, which differs between nodes: use the block time from the header"
	randomHint    = "random values differ between nodes; derive any needed entropy from block data such as the last block hash"
)

// checkImports reports imports of random-number packages.
func (c *fileChecker) checkImports() {
	for _, imp := range c.file.Imports {
		path, err := strconv.Unquote(imp.Path.Value)
		if err == nil && randomPackages[path] {
			c.add(imp.Pos(), ruleRandom, fmt.Sprintf("import of %s: %s", path, randomHint))
		}
	}
}

// walk checks every node of the file against the rules that are not about
// imports.
func (c *fileChecker) walk() {
	ast.Inspect(c.file, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Ident:
			c.checkWallClock(n)
		case *ast.RangeStmt:
			c.checkRange(n)
		case *ast.GoStmt:
			c.add(n.Go, ruleGoroutine, goroutineMsg)
		}
		if e, ok := n.(ast.Expr); ok {
			c.checkFloat(e)
		}
		return true
	})
}

// checkWallClock reports a reference to time.Now, time.Since or time.Until,
// whether called or taken as a value.
func (c *fileChecker) checkWallClock(id *ast.Ident) {
	fn, ok := c.pass.TypesInfo.Uses[id].(*types.Func)
	if !ok || fn.Pkg() == nil || fn.Pkg().Path() != "time" || !wallClockFuncs[fn.Name()] {
		return
	}
	if sig, ok := fn.Type().(*types.Signature); !ok || sig.Recv() != nil {
		return
	}
	c.add(id.Pos(), ruleWallClock, fmt.Sprintf("time.%s %s", fn.Name(), wallClockHint))
}

// checkRange reports a range over a map, or over an iterator of package maps.
func (c *fileChecker) checkRange(rs *ast.RangeStmt) {
	info := c.pass.TypesInfo
	if t := info.TypeOf(rs.X); t != nil && mayBeMap(t) {
		c.add(rs.For, ruleMapOrder, mapOrderMsg)
		return
	}
	call, ok := ast.Unparen(rs.X).(*ast.CallExpr)
	if !ok {
		return
	}
	fn, ok := typeutil.Callee(info, call).(*types.Func)
	if ok && fn.Pkg() != nil && fn.Pkg().Path() == "maps" && mapIterators[fn.Name()] {
		c.add(rs.For, ruleMapOrder, fmt.Sprintf(
			"maps.%s yields entries in random map order: range over slices.Sorted(maps.Keys(m)) and index the map instead", fn.Name()))
	}
}

// mayBeMap reports whether t is a map type, or a type parameter that can be
// instantiated with one.
func mayBeMap(t types.Type) bool {
	switch u := t.Underlying().(type) {
	case *types.Map:
		return true
	case *types.Union:
		for i := range u.Len() {
			if mayBeMap(u.Term(i).Type()) {
				return true
			}
		}
	case *types.Interface:
		for i := range u.NumEmbeddeds() {
			if mayBeMap(u.EmbeddedType(i)) {
				return true
			}
		}
	}
	return false
}

// checkFloat reports an expression of floating-point or complex type: a
// literal, a value, a type name in a declaration, or a variable whose type is
// inferred. Only the first such expression on a line is reported.
func (c *fileChecker) checkFloat(e ast.Expr) {
	line := c.line(e.Pos())
	if c.floatLines[line] {
		return
	}
	msg := c.floatMessage(e)
	if msg == "" {
		return
	}
	c.floatLines[line] = true
	c.add(e.Pos(), ruleFloat, msg+": "+floatAdvice)
}

func (c *fileChecker) floatMessage(e ast.Expr) string {
	info := c.pass.TypesInfo
	qual := types.RelativeTo(c.pass.Pkg)
	if lit, ok := e.(*ast.BasicLit); ok {
		if lit.Kind != token.FLOAT && lit.Kind != token.IMAG {
			return ""
		}
		// A literal such as 1e9 converted to an integer type is an exact
		// integer constant and is left alone.
		if t := info.TypeOf(lit); t == nil || isFloat(t) {
			return "floating-point literal " + lit.Value
		}
		return ""
	}
	if id, ok := e.(*ast.Ident); ok {
		if v, ok := info.Defs[id].(*types.Var); ok && isFloat(v.Type()) {
			return fmt.Sprintf("%s has floating-point type %s", id.Name, types.TypeString(v.Type(), qual))
		}
	}
	tv, ok := info.Types[e]
	if !ok || tv.Type == nil || !isFloat(tv.Type) {
		return ""
	}
	if tv.IsType() {
		return "floating-point type " + types.TypeString(tv.Type, qual)
	}
	return "floating-point value of type " + types.TypeString(tv.Type, qual)
}

// isFloat reports whether t's underlying type is a floating-point or complex
// basic type, typed or untyped.
func isFloat(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&(types.IsFloat|types.IsComplex) != 0
}

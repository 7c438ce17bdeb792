package engine

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestGiniPanicsOutOfReach keeps gini's panicking lines out of reach.
// gini v1.0.1 panics or exits (log.Fatal) in its own solving goroutine,
// where no recover can catch it, at these places of internal/xo/s.go:
//   - the model check of a SAT answer (log.Fatalf): defect #1, kept out
//     of reach by the guards (TestGuardsHoldInSubprocess in solver);
//   - Test, Untest and any change made under a Test scope (panic,
//     log.Fatal): only the scoped-test API reaches them;
//   - Try leaves its deadline set (defect #2).
//
// So the engine must never call a method named Test with arguments (the
// scope; the solve handle's Test() has none), Untest, or Try: this test
// reads the engine's source and fails on such a call.
func TestGiniPanicsOutOfReach(t *testing.T) {
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		require.NoError(t, err)
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			switch m := sel.Sel.Name; {
			case m == "Test" && len(call.Args) > 0, m == "Untest", m == "Try" && isGini(sel.X):
				t.Errorf("%s: calls gini's %s, whose failures exit the process", fset.Position(call.Pos()), m)
			}
			return true
		})
	}
}

// isGini reports whether x reads the session's gini solver (s.g).
func isGini(x ast.Expr) bool {
	sel, ok := x.(*ast.SelectorExpr)
	return ok && sel.Sel.Name == "g"
}

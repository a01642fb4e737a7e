package bank

// determinism: prose that mentions the word is not a directive.

func directives(m map[string]int64) int {
	n := len(m)   //determinism:allowed nothing to allow here // want `//determinism:allowed has no finding on this line to allow`
	n++           //determinism:alowed typo // want `unknown directive //determinism:alowed`
	for range m { // determinism:sorted // want `map iteration order is random` `directive written with a space after //: write //determinism:sorted`
		n++
	}
	return n
}

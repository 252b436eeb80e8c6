package modality

// Sentence returns the status of a whole sentence when the coder has no
// trigger to ask about (for example when the event-type model codes a
// sentence that no pattern matched). It is deliberately cautious: any cue
// that the sentence may not report something that happened gives a
// non-asserted status, in this order of precedence: Question, Hypothetical
// (conditional subordinators), Negated, then the first of Future,
// Forecast, Hypothetical (modal verbs, forecast words, wishes) or Attempt.
// Speech acts (refusals, intents, appeals, demands, threats) are not
// reported, since the model codes them as events of their own.
func Sentence(words []string) (Status, string) {
	if len(words) == 0 {
		return Asserted, "empty sentence"
	}
	if lastWord(words) == "?" {
		return Question, "question mark at end of sentence"
	}
	if startsWithInversion(words) && !hasFinalStop(words) {
		return Question, "question: sentence starts with '" + words[0] + "'"
	}
	first := none()
	neg := none()
	for j, x := range words {
		switch {
		case x == "if" || x == "unless" || x == "whether" || (x == "case" && j > 0 && words[j-1] == "in"):
			if x == "if" && j > 0 && (words[j-1] == "as" || words[j-1] == "even") {
				continue
			}
			return Hypothetical, reason("hypothetical", cue{j, Hypothetical, x})
		case isNegation(words, j, len(words)):
			if x == "not" && j+1 < len(words) && (words[j+1] == "only" || words[j+1] == "just") {
				continue
			}
			if neg.at < 0 {
				neg = cue{j, Negated, x}
			}
		case modalWords[x] != 0 && !monthMay(words, j):
			if (x == "must" || x == "should") && speechBefore(words, j) {
				continue // a demand or an appeal: a speech act of its own
			}
			if first.at < 0 {
				first = cue{j, modalWords[x], x}
			}
		case adverbCue[x] || x == "expected" || x == "possible" || x == "potential":
			if first.at < 0 {
				first = cue{j, Forecast, x}
				if s, ok := adjectiveCue[x]; ok {
					first.kind = s
				}
			}
		case x == "to" && j > 0:
			g := words[j-1]
			if s, ok := governorWords[g]; ok && first.at < 0 {
				switch s {
				case Hypothetical, Future, Forecast, Attempt:
					first = cue{j - 1, s, g + " to"}
				case Negated:
					if neg.at < 0 {
						neg = cue{j - 1, Negated, g + " to"}
					}
				}
			}
		}
	}
	if neg.at >= 0 {
		return Negated, reason("negated", neg)
	}
	if g := genericGerund(words); g >= 0 && first.at < 0 {
		return Hypothetical, reason("generic (gerund subject)", cue{g, Hypothetical, words[g]})
	}
	if first.at >= 0 {
		return first.kind, reason(first.kind.String(), first)
	}
	return Asserted, "no modality cue"
}

// speechBefore reports whether a speech verb comes before index j.
func speechBefore(words []string, j int) bool {
	for k := j - 1; k >= 0; k-- {
		if speechWords[words[k]] || warnWords[words[k]] {
			return true
		}
	}
	return false
}

// genericGerund finds analysis of the kind "Improving relations is an
// important part of ...", "Making progress ... remains a shortcut": a
// gerund that opens the sentence (or its first clause after an
// introductory phrase) and a present-tense copula after it. It returns the
// gerund's index, or -1.
func genericGerund(words []string) int {
	start := 0
	for k, x := range words {
		if x == "," {
			start = k + 1
			break
		}
		if k > 8 {
			break
		}
	}
	for _, g := range []int{0, start} {
		if g >= len(words) || len(words[g]) < 6 || words[g][len(words[g])-3:] != "ing" {
			continue
		}
		for k := g + 1; k < len(words) && k <= g+14; k++ {
			switch words[k] {
			case "is", "are", "remains", "remain", "seems", "becomes":
				return g
			case ",", ";", ".", "was", "were", "has", "have", "had":
				k = len(words)
			}
		}
	}
	return -1
}

package coding

import (
	"github.com/parley-events/parley"
	"github.com/parley-events/parley/cameo"
	"github.com/parley-events/parley/classify"
	"github.com/parley-events/parley/modality"
)

// setCode fills an event's CAMEO code, root, QuadClass, Goldstein weight
// and PLOVER type. A code the CAMEO table does not know (a user dictionary
// may use "1717" or "903") keeps its digits and takes what its
// three-digit parent or its root gives.
func setCode(e *parley.Event, code string) {
	e.CAMEO = code
	e.Root = cameo.Root(code)
	e.QuadClass = cameo.QuadClass(e.Root)
	for _, k := range []string{code, prefix(code, 3), e.Root + "0", e.Root} {
		if c, ok := cameo.Lookup(k); ok {
			e.Goldstein = c.Goldstein
			e.PLOVER = c.PLOVER
			if e.QuadClass == 0 {
				e.QuadClass = c.QuadClass
			}
			return
		}
	}
}

func prefix(s string, n int) string {
	if len(s) < n {
		return s
	}
	return s[:n]
}

func root(code string) string {
	d := leadingDigits(code)
	if len(d) < 2 {
		return ""
	}
	return d[:2]
}

// refusalCode turns the code of an action into the CAMEO code for refusing
// it (root 12).
func refusalCode(code string, matched bool) string {
	switch root(code) {
	case "12":
		return code
	case "03", "04":
		return "125" // reject proposal to meet, discuss or negotiate
	case "05":
		return "127" // reject plan, agreement
	case "06":
		return "121" // reject material cooperation
	case "07":
		return "122" // reject request for aid
	case "08":
		return "124" // refuse to yield
	case "02", "10":
		return "123" // reject request or demand
	}
	return "120"
}

// intentCode turns the code of an action an actor says it will take into
// the CAMEO intent code (root 03), or a threat (root 13) for conflict.
func intentCode(code string) string {
	switch root(code) {
	case "03":
		return code
	case "04":
		return "036" // express intent to meet or negotiate
	case "05":
		return "032" // intent to engage in diplomatic cooperation
	case "06":
		return "031" // intent to engage in material cooperation
	case "07":
		return "033" // intent to provide material aid
	case "08":
		return "035" // intent to yield
	case "15", "17", "18", "19", "20":
		return "138" // threaten with military force
	case "16":
		return "130"
	}
	return "030"
}

// appealCode is the CAMEO appeal (root 02) for an action asked for.
func appealCode(code string) string {
	switch root(code) {
	case "02":
		return code
	case "04":
		return "026" // appeal to others to meet or negotiate
	case "06":
		return "021" // appeal for material cooperation
	case "07":
		return "023" // appeal for aid
	case "08":
		return "025" // appeal to yield
	}
	return "020"
}

// demandCode is the CAMEO demand (root 10) for an action demanded.
func demandCode(code string) string {
	switch root(code) {
	case "10":
		return code
	case "04":
		return "108" // demand meeting, negotiation
	case "07":
		return "103" // demand aid
	case "08":
		return "106" // demand withdrawal / yielding
	}
	return "100"
}

// threatCode is the CAMEO threat (root 13) for an action threatened.
func threatCode(code string) string {
	switch root(code) {
	case "13":
		return code
	case "15", "18", "19", "20":
		return "138"
	case "16":
		return "131"
	case "17":
		return "130"
	}
	return "130"
}

// builtinModality wraps the modality package for Options.Modality.
func builtinModality(words []string, trigger int) (string, string) {
	s, reason := modality.Classify(words, trigger)
	return s.String(), reason
}

// builtinClassify wraps the classify package's embedded model for
// Options.Classify: the most probable class.
func builtinClassify(words []string) (root, plover string, p float64) {
	scores := classify.Default().Predict(words)
	best := -1
	for i, s := range scores {
		if best < 0 || s.P > scores[best].P {
			best = i
		}
	}
	if best < 0 {
		return "", "", 0
	}
	return scores[best].Root, scores[best].PLOVER, scores[best].P
}

// builtinSentenceModality wraps modality.Sentence for
// Options.SentenceModality.
func builtinSentenceModality(words []string) (string, string) {
	st, reason := modality.Sentence(words)
	return st.String(), reason
}

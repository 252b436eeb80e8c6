package verbs

import (
	"sort"
	"strings"
	"testing"

	"github.com/parley-events/parley/cameo"
	"github.com/parley-events/parley/dict"
)

func load(t *testing.T) *dict.Verbs {
	t.Helper()
	f, err := dict.ReadFS(Files(), Name)
	if err != nil {
		t.Fatalf("read %s: %v", Name, err)
	}
	if f.Kind != dict.KindVerbs || f.Verbs == nil {
		t.Fatalf("%s read as %v, want verbs", Name, f.Kind)
	}
	return f.Verbs
}

// codes returns every code of a block: its own, its verbs' and its patterns'.
func codes(b dict.VerbBlock) []string {
	out := []string{b.Code}
	for _, v := range b.Verbs {
		if v.Code != "" {
			out = append(out, v.Code)
		}
	}
	for _, p := range b.Patterns {
		out = append(out, p.Code)
	}
	return out
}

func TestCodesAreCAMEO(t *testing.T) {
	v := load(t)
	for _, b := range v.Blocks {
		for _, c := range codes(b) {
			if c == "---" {
				continue
			}
			if _, ok := cameo.Lookup(c); !ok {
				t.Errorf("block %s (line %d): code %q is not a CAMEO code", b.Name, b.Line, c)
			}
		}
	}
}

func TestEveryRootCovered(t *testing.T) {
	v := load(t)
	roots := map[string]int{}
	for _, b := range v.Blocks {
		for _, c := range codes(b) {
			if c != "---" {
				roots[cameo.Root(c)]++
			}
		}
	}
	for r := 1; r <= 20; r++ {
		root := string(rune('0'+r/10)) + string(rune('0'+r%10))
		if roots[root] < 3 {
			t.Errorf("root %s has %d codes in the dictionary, want at least 3", root, roots[root])
		}
	}
}

// forms returns every surface form (lowercase, space-joined) of the
// dictionary's verbs, mapped to the blocks that list it.
func forms(v *dict.Verbs) map[string][]string {
	m := map[string][]string{}
	add := func(words []string, block string) {
		k := strings.ToLower(strings.Join(words, " "))
		for _, b := range m[k] {
			if b == block {
				return
			}
		}
		m[k] = append(m[k], block)
	}
	for _, b := range v.Blocks {
		for _, vb := range b.Verbs {
			add(vb.Words, b.Name)
			if len(vb.Forms) > 0 {
				for _, f := range vb.Forms {
					add(f, b.Name)
				}
				continue
			}
			for _, f := range dict.VerbForms(vb.Words[vb.Head]) {
				w := append([]string(nil), vb.Words...)
				w[vb.Head] = f
				add(w, b.Name)
			}
		}
	}
	return m
}

func TestNoFormInTwoBlocks(t *testing.T) {
	m := forms(load(t))
	var dup []string
	for f, bs := range m {
		if len(bs) > 1 {
			dup = append(dup, f+" in "+strings.Join(bs, ", "))
		}
	}
	sort.Strings(dup)
	for _, d := range dup {
		t.Errorf("form %s: a word must have one home block", d)
	}
}

func TestTriggersNamedInIssue(t *testing.T) {
	m := forms(load(t))
	want := map[string]string{
		"said": "SAY", "announced": "SAY", "urged": "APPEAL", "called on": "APPEAL", "appealed": "APPEAL",
		"pledged": "PLEDGE", "vowed": "PLEDGE", "offered": "PLEDGE", "promised": "PLEDGE",
		"met": "CONSULT", "visited": "VISIT", "hosted": "HOST", "talks": "CONSULT", "negotiated": "NEGOTIATE",
		"discussed": "CONSULT", "phoned": "PHONE", "praised": "PRAISE", "endorsed": "SUPPORT", "supported": "SUPPORT",
		"apologised": "APOLOGIZE", "recognized": "RECOGNIZE", "signed": "SIGN", "donated": "AID", "granted": "SEND_GIVE",
		"sent": "SEND_GIVE", "released": "RELEASE", "returned": "RELEASE", "withdrew": "WITHDRAW", "lifted": "EASE",
		"allowed": "ALLOW", "permitted": "ALLOW", "investigated": "INVESTIGATE", "demanded": "DEMAND",
		"criticised": "CRITICIZE", "condemned": "CRITICIZE", "accused": "ACCUSE", "blamed": "ACCUSE", "denounced": "CRITICIZE",
		"refused": "REJECT", "rejected": "REJECT", "vetoed": "VETO", "threatened": "THREATEN", "protested": "PROTEST",
		"demonstrated": "PROTEST", "rallied": "PROTEST", "mobilized": "MOBILIZE", "deployed": "MOBILIZE",
		"expelled": "EXPEL", "severed": "REDUCE_RELATIONS", "suspended": "REDUCE_RELATIONS", "postponed": "REDUCE_RELATIONS",
		"delayed": "REDUCE_RELATIONS", "arrested": "ARREST", "detained": "ARREST", "sanctioned": "SANCTION",
		"imposed": "SANCTION", "banned": "BAN", "deported": "DEPORT", "seized": "SEIZE", "attacked": "ATTACK",
		"bombed": "BOMB", "shelled": "SHELL", "killed": "KILL", "shot": "ATTACK", "abducted": "ABDUCT",
		"kidnapped": "ABDUCT", "launched": "LAUNCH", "fought": "ATTACK", "massacred": "MASS_VIOLENCE",
		"visit": "VISIT", "meeting": "CONSULT", "summit": "CONSULT", "attack": "ATTACK", "sanctions": "SANCTION",
		"agreement": "SIGN", "protest": "PROTEST", "held": "HOLD", "ceasefire": "CEASEFIRE",
	}
	for f, block := range want {
		bs := m[f]
		if len(bs) != 1 || bs[0] != block {
			t.Errorf("form %q is in blocks %v, want %s", f, bs, block)
		}
	}
}

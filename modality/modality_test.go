package modality

import (
	"strings"
	"testing"
	"unicode"
)

// tokens splits a test sentence into lowercased words and punctuation, and
// returns the index of the word marked [like this].
func tokens(tb testing.TB, s string) ([]string, int) {
	tb.Helper()
	var words []string
	trigger := -1
	for _, f := range strings.Fields(s) {
		mark := false
		if strings.HasPrefix(f, "[") && strings.Contains(f, "]") {
			mark = true
			f = strings.Replace(strings.TrimPrefix(f, "["), "]", "", 1)
		}
		// split trailing and leading punctuation
		var lead, trail []string
		for len(f) > 0 && strings.ContainsRune(",.;:?!\"()", rune(f[0])) {
			lead = append(lead, f[:1])
			f = f[1:]
		}
		for len(f) > 0 && strings.ContainsRune(",.;:?!\"()", rune(f[len(f)-1])) {
			trail = append([]string{f[len(f)-1:]}, trail...)
			f = f[:len(f)-1]
		}
		words = append(words, lead...)
		if f != "" {
			if mark {
				trigger = len(words)
			}
			words = append(words, strings.Map(unicode.ToLower, f))
		}
		words = append(words, trail...)
	}
	if trigger < 0 {
		tb.Fatalf("no [trigger] in %q", s)
	}
	return words, trigger
}

func TestClassify(t *testing.T) {
	tests := []struct {
		name string
		sent string
		want Status
	}{
		// Asserted and reported events.
		{"plain past", "Seoul and Tokyo [met] in Busan on Monday.", Asserted},
		{"past tense before a later modal", "The rebels [rejected] on Monday a government offer of a truce and they would keep fighting.", Asserted},
		{"pressure to", "The ministry is pressuring the unions to [cancel] the strike.", Demand},
		{"done to protest", "Dockworkers stayed home on Friday to [protest] the new port tax.", Asserted},
		{"purpose", "The ministry sent inspectors to [investigate] the spill.", Hypothetical},
		{"nominal held", "Bilateral [talks] between the two governments were held in Ulaanbaatar last month.", Asserted},
		{"passive verb", "High-level talks between the two sides were [held] in Hanoi in October.", Asserted},
		{"restarted talks", "In early May, bilateral Red Crescent [talks] were restarted after eight years.", Asserted},
		{"permitted complement", "Korean families were permitted to [visit] the cemetery in Osaka.", Asserted},
		{"sent to meeting", "A senior diplomat from the Foreign Ministry was sent to the [meeting].", Asserted},
		{"when clause is a time", "In June 2004, when the Korean president [visited] Tokyo, trade was discussed.", Asserted},
		{"due to is a preposition", "A planned round of talks was delayed due to Pyongyang's missile [launch].", Asserted},
		{"not only", "Beijing not only [criticised] the drill but also summoned the envoy.", Asserted},
		{"reported that", "It has been reported that in March, Hanoi quietly [offered] Manila a new fishing deal.", Reported},
		{"reportedly", "Rebel fighters reportedly [shelled] the northern district overnight.", Reported},
		{"continued to", "Government troops continued to [shell] the rebel-held town.", Asserted},
		{"month may", "In May Russia [expelled] two Estonian diplomats.", Asserted},

		// Negation.
		{"has not", "Canberra has not [responded] to the proposal yet.", Negated},
		{"did not", "The two leaders did not [meet] during the summit in Lima.", Negated},
		{"didn't", "Ankara didn't [sign] the declaration.", Negated},
		{"never", "Officials said the envoy never [visited] the camp.", Negated},
		{"no talks", "No [talks] were held between the factions this year.", Negated},
		{"no talks verb", "No talks were [held] between the factions this year.", Negated},
		{"failed to", "The mediators failed to [broker] a ceasefire.", Negated},
		{"has yet to", "Kenya has yet to [recognise] the new government.", Negated},
		{"denied that", "The army denied that it [attacked] the convoy.", Negated},
		{"denied gerund", "The ministry denied [bombing] the hospital.", Negated},
		{"were not held right", "The planned [talks] were not held because of the storm.", Future},
		{"talks not held right", "Further [talks] were not held after the dispute.", Negated},
		{"without", "The delegation left without [signing] an accord.", Negated},
		{"instead of", "The council chose a review instead of [imposing] sanctions.", Negated},

		// Refusal.
		{"refused to", "Iran refused to [meet] the inspectors.", Refusal},
		{"declined to", "The minister declined to [comment] on the report.", Refusal},
		{"rejected talks", "The rebels rejected [talks] with the government.", Refusal},
		{"said would not", "Madrid said it would not [attend] the conference.", Refusal},
		{"will not", "Lisbon will not [lift] the ban on imports.", Refusal},
		{"won't", "The nurses won't [end] their strike.", Refusal},
		{"will not be held", "The summit will not be [held] this year.", Negated},

		// Hypothetical and conditional.
		{"if can improve", "If Seoul can substantially [improve] relations with Tokyo, Beijing will lose influence.", Hypothetical},
		{"main clause after if", "If Seoul can improve relations with Tokyo, Beijing will [suffer] a setback.", Hypothetical},
		{"not surprising if", "It would not be surprising if a [summit] between the two leaders is held next year.", Hypothetical},
		{"coordinated if", "It will not be surprising if a summit is held, or a historic [agreement] is reached.", Hypothetical},
		{"would", "Such a move would [anger] the neighbours.", Hypothetical},
		{"could", "The crisis could [trigger] sanctions.", Hypothetical},
		{"might", "The two sides might [resume] negotiations.", Hypothetical},
		{"may", "Washington may [make] peace with Havana on its own.", Hypothetical},
		{"unless", "Talks will collapse unless both sides [withdraw] troops.", Hypothetical},
		{"considering", "The government is considering [sanctions] against the regime.", Hypothetical},
		{"hopes to", "Pyongyang hopes to quickly [receive] compensation from Tokyo.", Hypothetical},
		{"possible talks", "Diplomats discussed possible [talks] on the border.", Hypothetical},
		{"in case", "Ottawa is preparing its own channel in case it is [isolated].", Hypothetical},

		// Forecasts and futures.
		{"is likely", "A major [breakthrough] is likely to be made in relations this year.", Forecast},
		{"likely to be made", "A major breakthrough is likely to be [made] in relations this year.", Forecast},
		{"expected to", "The president is expected to [visit] Nairobi in July.", Forecast},
		{"will future", "The prime minister will [visit] Jakarta next week.", Future},
		{"scheduled parenthetical", "Another round of [talks], scheduled for late June, was postponed.", Future},
		{"upcoming", "Protesters gathered ahead of the upcoming [summit].", Future},
		{"plans to", "The company plans to [open] an office in Lagos.", Future},

		// Intent stated by an actor.
		{"said would send", "Pyongyang said it would [send] back the remains of soldiers.", Intent},
		{"said that would", "Tokyo said on Tuesday that it would [lift] the export ban.", Intent},
		{"pledged to", "Donors pledged to [provide] food aid to the region.", Intent},
		{"vowed to", "The rebels vowed to [release] the hostages.", Intent},
		{"agreed to", "Both sides agreed to [hold] another round of talks.", Intent},
		{"willingness to", "Hanoi voiced its willingness to restart formal [negotiations] in April.", Intent},
		{"said plans to", "The minister said Paris plans to [send] troops.", Intent},

		// Proposals, appeals, demands, threats, attempts, allegations.
		{"proposed the return", "Seoul proposed the [return] of the fishing boats.", Proposal},
		{"suggested resumption", "Pyongyang suggested the [resumption] of high-level discussions.", Proposal},
		{"urged X to", "The UN urged both parties to [resume] talks.", Appeal},
		{"called for", "The bishops called for [talks] between the rebels and the army.", Appeal},
		{"demanded that", "Protesters demanded that the mayor [resign].", Demand},
		{"said must", "The minister said Havana must [release] the prisoners.", Demand},
		{"said should", "Oslo said both sides should [resume] negotiations.", Appeal},
		{"must alone", "The rebels must [disarm] first.", Hypothetical},
		{"threatened to", "Washington threatened to [impose] new sanctions.", Threat},
		{"warned would", "Moscow warned it would [retaliate] against any strike.", Threat},
		{"will unless", "Accra announced it will [withdraw] its troops unless the junta calls a truce.", Threat},
		{"will if", "Minsk will [expel] the envoys if the report is published.", Threat},
		{"will as if", "The army will [parade] as if nothing happened.", Future},
		{"tried to", "Police tried to [disperse] the crowd.", Attempt},
		{"efforts to", "Ankara made great efforts to [promote] relations with Baku.", Hypothetical},
		{"is trying to", "Lima is trying to [smooth] ties with Quito.", Hypothetical},
		{"accused of", "Kiev accused Moscow of [shelling] civilian areas.", Alleged},

		// Events that other events are about.
		{"condemned the attack", "The ministry condemned the [attack] on the convoy.", Referenced},
		{"investigating bombing", "Police are investigating Monday's [bombing] in the market.", Referenced},
		{"responsibility for", "A militant group claimed responsibility for the [blast].", Referenced},
		{"verbal condemned stays", "The ministry condemned the raid and [arrested] two officers.", Asserted},

		// Questions.
		{"question mark", "Will Seoul [meet] Pyongyang's envoy?", Question},
		{"wh question", "Why did the army [attack] the village?", Question},
		{"headline inversion", "Will Tokyo [recognise] the new regime", Question},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			words, trig := tokens(t, tt.sent)
			got, why := Classify(words, trig)
			if got != tt.want {
				t.Errorf("Classify(%q, %d=%q) = %v (%s), want %v", tt.sent, trig, words[trig], got, why, tt.want)
			}
			if why == "" {
				t.Errorf("Classify(%q) gave no reason", tt.sent)
			}
		})
	}
}

func TestClassifyReasonNamesCue(t *testing.T) {
	words, trig := tokens(t, "Canberra has not [responded] yet.")
	s, why := Classify(words, trig)
	if s != Negated || why != "negated by 'not' at 2" {
		t.Errorf("got %v %q, want negated by 'not' at 2", s, why)
	}
}

func TestClassifyOutOfRange(t *testing.T) {
	for _, tr := range []int{-1, 0, 3} {
		var words []string
		if tr == 3 {
			words = []string{"a", "b"}
		}
		s, why := Classify(words, tr)
		if s != Asserted || why == "" {
			t.Errorf("Classify(%v, %d) = %v %q, want asserted with a reason", words, tr, s, why)
		}
	}
}

func TestStatusNames(t *testing.T) {
	for s := Asserted; s <= Referenced; s++ {
		got, ok := ParseStatus(s.String())
		if !ok || got != s {
			t.Errorf("ParseStatus(%q) = %v %v, want %v", s.String(), got, ok, s)
		}
	}
	if Negated.Happened() || !Reported.Happened() || !Asserted.Happened() {
		t.Error("Happened: wrong for negated/reported/asserted")
	}
	if !Refusal.Speech() || Negated.Speech() {
		t.Error("Speech: wrong for refusal/negated")
	}
	if Status(200).String() != "status(200)" {
		t.Errorf("String of unknown = %q", Status(200).String())
	}
}

func FuzzClassify(f *testing.F) {
	f.Add("japan did not meet north korea .", 3)
	f.Add("if , to of for that no", 6)
	f.Fuzz(func(t *testing.T, s string, i int) {
		words := strings.Fields(s)
		st, why := Classify(words, i)
		if why == "" {
			t.Fatalf("no reason for %v", st)
		}
	})
}

func BenchmarkClassify(b *testing.B) {
	words, trig := tokens(b, "In November, high-level talks between the two countries were [held] in Mongolia, officials said.")
	for b.Loop() {
		Classify(words, trig)
	}
}

func TestClassifyPurpose(t *testing.T) {
	tests := []struct {
		sent string
		want Status
	}{
		{"Paris sent two inspectors to [investigate] the blast.", Hypothetical},
		{"It badly needs foreign loans to [support] its currency.", Hypothetical},
		{"The assembly voted to [suspend] the delegation.", Asserted},
		{"Rebels went on to [attack] the garrison.", Asserted},
	}
	for _, tt := range tests {
		words, trig := tokens(t, tt.sent)
		if got, why := Classify(words, trig); got != tt.want {
			t.Errorf("Classify(%q) = %v (%s), want %v", tt.sent, got, why, tt.want)
		}
	}
}

func TestSentence(t *testing.T) {
	tests := []struct {
		sent string
		want Status
	}{
		{"A breakthrough in relations is likely this year.", Forecast},
		{"Moscow has made great efforts to promote ties with Hanoi.", Hypothetical},
		{"The gunmen tried to storm the embassy.", Attempt},
		{"If Seoul improves ties with Tokyo, Beijing loses.", Hypothetical},
		{"Canberra has not responded yet.", Negated},
		{"No one was hurt in the clash.", Negated}, // cautious: the sentence denies an outcome
		{"The two sides held talks in Oslo on Monday.", Asserted},
		{"The minister will travel to Lima next week.", Future},
		{"Did the army fire on protesters?", Question},
		{"In May the army fired on protesters.", Asserted},
		{"Not only Spain but also Italy condemned the raid.", Asserted},
		{"Rome said Tunis must take back the migrants.", Asserted},
		{"Improving ties with Seoul is a key part of its strategy.", Hypothetical},
		{"From Hanoi's view, making peace with Manila remains the priority.", Hypothetical},
		{"Fighting broke out near the border on Sunday.", Asserted},
		{"Shelling was heard across the city overnight.", Asserted},
		{"Tunis must take back the migrants.", Hypothetical},
	}
	for _, tt := range tests {
		words, _ := tokens(t, "[x] "+tt.sent)
		words = words[1:]
		if got, why := Sentence(words); got != tt.want {
			t.Errorf("Sentence(%q) = %v (%s), want %v", tt.sent, got, why, tt.want)
		}
	}
	if s, _ := Sentence(nil); s != Asserted {
		t.Errorf("Sentence(nil) = %v, want asserted", s)
	}
}

func TestExplainGovernor(t *testing.T) {
	tests := []struct {
		sent     string
		status   Status
		governor string // word at Result.Governor, "" for -1
	}{
		{"Pyongyang said it would [send] back the remains.", Intent, "said"},
		{"The UN urged both parties to [resume] talks.", Appeal, "urged"},
		{"Iran refused to [meet] the inspectors.", Refusal, "refused"},
		{"The army denied that it [attacked] the convoy.", Negated, "denied"},
		{"Seoul and Tokyo [met] in Busan.", Asserted, ""},
		{"Canberra has not [responded] yet.", Negated, ""},
	}
	for _, tt := range tests {
		words, trig := tokens(t, tt.sent)
		r := Explain(words, trig)
		gov := ""
		if r.Governor >= 0 {
			gov = words[r.Governor]
		}
		if r.Status != tt.status || gov != tt.governor {
			t.Errorf("Explain(%q) = %v governor %q (%s), want %v governor %q", tt.sent, r.Status, gov, r.Reason, tt.status, tt.governor)
		}
		if r.Status != Asserted && (r.Cue < 0 || r.Cue >= len(words)) {
			t.Errorf("Explain(%q): cue %d out of range", tt.sent, r.Cue)
		}
	}
}

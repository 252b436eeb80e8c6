// Package actors holds parley's built-in actor and agent dictionaries, in
// the PETRARCH/TABARI formats that users' --dict files use, so that one
// reader (package dict) serves both:
//
//   - parley.countries.actors.txt: every ISO 3166 country and territory
//     (and Kosovo) with its names, short forms, abbreviations and demonyms
//     (coded ISO3), its capital and seats of government (ISO3+GOV: Tokyo,
//     the Kremlin, the White House, Zhongnanhai) and a few seats of other
//     branches (ISO3+LEG, +MIL, +SPY, +COP, +JUD: Capitol Hill, the Pentagon);
//   - parley.people.actors.txt: some 600 people: heads of state and
//     government and foreign ministers of the G20, both Koreas and a dozen
//     other much-reported countries since 2000, EU, UN, NATO, IMF and other
//     leaders, and some other office holders, with their terms:
//     COUNTRY+GOV (or the IGO code) during a term, COUNTRY+ELI otherwise;
//   - parley.international.actors.txt: the UN and its agencies, regional
//     and financial organisations, NGOs, Red Cross and Red Crescent
//     societies, armed groups, ruling parties and state media;
//   - parley.agents.txt: role nouns ("delegation" ~GOV, "troops" ~MIL,
//     "woman" ~CVL) with their plurals.
//
// The country and people files are generated (go generate) from the
// compact sources in actors/source; the other two are written by hand.
//
// Known ambiguities left to the coder: "US" is the United States only in
// capitals (the pronoun "us" is not), "WHO" is not listed (only "World
// Health Organization" and "W.H.O."), and bare "Congo" is the Democratic
// Republic of the Congo.
package actors

// Package coding is parley's event coder: it reads an analysed story
// (parley.Document) and returns the events it reports, "who did what to
// whom, when and where", with their provenance.
//
// For each sentence the coder
//
//  1. tokenizes it (TreeBank-like: "'s" and "n't" split off),
//  2. finds actors and agents by longest match in a trie of dictionary
//     phrases, choosing the code valid on the event date,
//  3. joins them into noun phrases ("Dagolath's Deputy Prime Minister" is
//     DAGGOV, "the ambassadors of Arnor, Osgiliath and Gondor" three
//     actors, "Danish media and government" DNKMED and DNKGOV),
//  4. finds candidate triggers (verb forms from the verb dictionaries, with
//     noun uses set aside), matches the verb block's patterns around each
//     (TABARI/PETRARCH syntax: $ source, + target, % compound, ^ skip,
//     &synsets, "_" adjacency) and keeps the most specific,
//  5. assigns source and target (pattern markers, else the subject before
//     the verb and the first object after it; passives with "by" swap),
//  6. classifies the trigger's modality (negated, hypothetical, future and
//     questions are dropped; refusals become 12x, stated intentions 03x),
//  7. emits one event per source and target member, both ways for paired
//     codes ("032:033") and symmetric compounds, with the date of the time
//     expression governing the trigger, else the sentence context, else
//     the publication date.
//
// Rules of thumb the coder follows beyond the patterns:
//
//   - A clause governed by a time expression naming several dates ("In
//     January and March 2012") gives one event per date; a range ("between
//     2001 and 2011") or adjacent dates ("on Thursday and Friday") one.
//   - Proposals, intents, appeals and threats are dated by the statement:
//     a later expression dates the content ("suggested talks in February");
//     with none of its own, the last dated event of the story ("at the same
//     time"). A present perfect with no expression ("has opened a
//     dialogue") is recent: the publication date.
//   - What an event is about gives no event of its own: the object of an
//     infinitive complement ("its willingness to restart negotiations"), a
//     noun another trigger's pattern named ("readiness to reopen TALKS"),
//     an alleged action ("accused X of attacking": the accusation is
//     coded), and a plain statement (010) when its sentence reports another
//     event ("said it would release").
//   - The event-type model does not code analysis: a sentence whose main
//     verb is stative ("pose a threat", "represents", "seems").
//   - A dateline ("BEIJING --") is not an actor; a place in a relative
//     clause or participle phrase after the trigger is not its location.
//   - Attempts ("tried to hack") are still coded as the action: the gold
//     sets code them so (dropping them lowered PLOVER GSR).
//
// Dictionaries come from parley's built-in files (Options.Builtin) and the
// user's TABARI/PETRARCH files (Options.Dicts), read by package dict.
//
// A Coder is immutable after New and safe for concurrent use; Code takes no
// context because it does no I/O.
package coding

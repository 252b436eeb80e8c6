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
// Dictionaries come from parley's built-in files (Options.Builtin) and the
// user's TABARI/PETRARCH files (Options.Dicts), read by package dict.
//
// A Coder is immutable after New and safe for concurrent use; Code takes no
// context because it does no I/O.
package coding

// Package verbs holds parley's own built-in verb-pattern dictionary, in the
// TABARI/PETRARCH verbs format, embedded in the binary. Files returns it as
// an fs.FS; package dict parses it and package coding compiles it, exactly
// as it does a dictionary a user brings with --dict. --no-builtin leaves it
// out.
//
// The dictionary (data/parley.verbs.txt) is written for parley and covers
// every CAMEO root 01-20, with the most specific code the words support
// ("urged Japan to release" is 0253 when the pattern "- * + TO RELEASE"
// matches, 020 otherwise).
//
// Conventions the coder relies on:
//
//   - A block's verbs take the block's code; a pattern whose words match
//     gives its own code. "[---]" blocks ("HOLD", "SEND_GIVE", "LAUNCH",
//     "CUT", "RECALL", "TRADE", "TEST_DRILL", "TIGHTEN") hold words too
//     ambiguous for a default: they code only when a pattern matches, so
//     "held talks" is 040 and "held in Mongolia" is nothing.
//   - Forms in braces list every inflection of an irregular verb and of a
//     noun; regular verbs are inflected with dict.VerbForms.
//   - Nominal triggers ("talks", "visit", "summit", "sanctions", "attack",
//     "agreement", "protest", "ceasefire") are verb lines of their block,
//     tagged with a "# noun" comment. The coder (coding.nominalRoles) codes
//     a noun only where its actors are visible: a possessor ("Japan's
//     rocket launch", "X's visit to Y"), "between/among X and Y",
//     "bilateral" (the dyad in focus), or a light verb before it ("X held
//     talks with Y", "imposed sanctions on"); otherwise the noun is dropped.
//     A pattern with words before the "*" ("- ROCKET * [150]", "- PEACE *
//     [046]") gives the noun in a compound its code.
//   - Light verbs ("mount", "stage", "organize", "reach", "hold", "launch",
//     "impose") are "[---]" blocks whose patterns name the noun: "mounted
//     an invasion" is coded once, by the verb's pattern (192); the noun is
//     then part of that verb's event.
//   - Modality (negation, conditionals, "refused to", "said it would") is not
//     written into patterns: package modality decides it for every trigger,
//     so one pattern serves "met", "did not meet" and "refused to meet".
//   - "SAY" and the other 010 verbs are the weakest evidence: the coder
//     should prefer any other event in the same clause.
package verbs

// Package dict reads the dictionary formats of the TABARI and PETRARCH event
// coders: verb pattern dictionaries (synsets, verb blocks with forms and
// "- pattern [code]" lines), actor dictionaries (names, "+" synonyms, codes
// with date restrictions), agent dictionaries (role nouns with "~" codes,
// plural forms and "!NAME!" substitutions) and discard lists.
//
// The readers only parse: they turn each file into plain values (Verbs,
// Actor, Agent, Discard) that the coding package compiles into its matchers.
// A line that cannot be read gives an error naming the file and line; the
// rest of the file is still read, and Read returns the parsed content with
// the joined errors so that callers can print them as warnings.
package dict

// Package nlp is parley's text stage: it splits a story into sentences and
// tokens with byte offsets into the story text, and finds the time
// expressions of each sentence ("in early August", "last December", "on
// Monday", "In the early 1990s") and resolves them to calendar dates
// against the publication date and the story's running context.
//
// Everything here is pure CPU work written by hand for speed (no model
// files, no context arguments): Sentences, Tokens and Times allocate only
// their results, and the Append variants let a caller reuse buffers.
// Analyze ties the three together for one story and is what the event
// coder and "parley read" call.
//
// Offsets are byte offsets, End exclusive; Sentence.Text is always
// story.Text[Start:End], and the offsets of a sentence's tokens and time
// expressions are offsets into the story, not into the sentence.
package nlp

// Package classify is parley's learned event-type model: a multinomial
// logistic regression over hashed sentence features (lowercased word
// unigrams, crude stems, bigrams and negation marks) that predicts the
// event type of a sentence: a CAMEO root with its PLOVER type, a plain
// statement (root 01, no PLOVER type), or no event at all.
//
// The coder uses it as a prior when several patterns compete and as a
// fallback when no pattern fires. Default returns the model embedded in the
// binary (model.bin.gz), loaded once; Predict needs no network and takes a
// few microseconds a sentence.
//
// The model is trained by internal/train (go run ./internal/train) only
// from data marked "train" in ../shared/data/MANIFEST.md (the synthetic
// PLOVER stories and headlines, the PLOVER codebook and the CAMEO code
// names) and from sentences generated here from parley's own verb
// dictionary (package verbs). The same program with -eval measures it on
// the evaluation sets, which it never trains on.
//
// # File format
//
// model.bin.gz is gzip of: magic "PLYCLS1\n", uint32 number of classes K,
// uint32 log2 of the number of hash buckets, then per class a
// length-prefixed PLOVER string, a length-prefixed root string, a float32
// bias and a float32 scale; then buckets*K int8 weights (bucket-major).
// The real weight is int8 * scale of its class. All integers are little
// endian.
package classify

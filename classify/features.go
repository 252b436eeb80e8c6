package classify

// Feature hashing. Every feature is a short prefix byte plus one or two
// words, hashed with 32-bit FNV-1a into 2^bits buckets. AppendFeatures is
// exported so that the trainer computes exactly the features Predict does.

const (
	fnvOffset = 2166136261
	fnvPrime  = 16777619
)

func hashByte(h uint32, c byte) uint32 { return (h ^ uint32(c)) * fnvPrime }

func hashString(h uint32, s string) uint32 {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		h = (h ^ uint32(c)) * fnvPrime
	}
	return h
}

// normal returns the form of a word used for features: digits collapse to
// "0", and the negative contraction "n't" reads as "not". ok is false for
// tokens that carry no feature (punctuation other than "?" and quotes).
func normal(w string) (string, bool) {
	if w == "" {
		return "", false
	}
	letters := false
	digits := false
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= 0x80:
			letters = true
		case c >= '0' && c <= '9':
			digits = true
		}
	}
	if !letters {
		if digits {
			return "0", true
		}
		if w == "?" {
			return w, true
		}
		return "", false
	}
	if w == "n't" || w == "N'T" || w == "never" || w == "Never" {
		return "not", true
	}
	return w, true
}

// stem strips a few English inflections: "attacked", "attacks",
// "attacking" all give "attack". It is crude and only has to be consistent.
func stem(w string) string {
	n := len(w)
	switch {
	case n > 5 && w[n-3:] == "ing":
		return w[:n-3]
	case n > 4 && w[n-3:] == "ied":
		return w[:n-3] + "y"
	case n > 4 && w[n-2:] == "ed":
		return w[:n-2]
	case n > 4 && w[n-3:] == "ies":
		return w[:n-3] + "y"
	case n > 3 && w[n-1] == 's' && w[n-2] != 's':
		return w[:n-1]
	}
	return w
}

// AppendFeatures appends the hash buckets (0 <= b < 2^bits) of the
// features of a sentence's words to dst. A feature may repeat.
func AppendFeatures(dst []uint32, words []string, bits uint) []uint32 {
	mask := uint32(1)<<bits - 1
	dst = append(dst, hashByte(fnvOffset, 'B')&mask) // bias
	prev := ""
	neg := 0 // words left in the scope of a negation
	for _, raw := range words {
		w, ok := normal(raw)
		if !ok {
			if raw == "," || raw == ";" || raw == "." {
				neg = 0
			}
			prev = ""
			continue
		}
		h := hashString(hashByte(fnvOffset, 'u'), w)
		dst = append(dst, h&mask)
		if s := stem(w); len(s) != len(w) {
			dst = append(dst, hashString(hashByte(fnvOffset, 's'), s)&mask)
		}
		if prev != "" {
			b := hashString(hashByte(fnvOffset, 'b'), prev)
			b = hashString(hashByte(b, ' '), w)
			dst = append(dst, b&mask)
		}
		if neg > 0 {
			dst = append(dst, hashString(hashByte(fnvOffset, 'n'), stem(w))&mask)
			neg--
		}
		if w == "not" || w == "no" {
			neg = 3
		}
		prev = w
	}
	return dst
}

// Spans in parley are byte offsets into the UTF-8 story text; JavaScript
// strings are indexed in UTF-16 code units. byteToIndex converts.

// byteToIndex returns a function mapping a UTF-8 byte offset into text to
// the UTF-16 index of the same position, or null when the offset is not on
// a character boundary or out of range.
export function byteToIndex(text) {
  const map = new Map();
  let b = 0;
  let i = 0;
  for (const ch of text) {
    map.set(b, i);
    const cp = ch.codePointAt(0);
    b += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    i += ch.length;
  }
  map.set(b, i);
  return (off) => (map.has(off) ? map.get(off) : null);
}

// segments cuts text[lo:hi] at every mark boundary and returns the pieces
// with the classes and titles of the marks that cover each.
export function segments(text, lo, hi, marks) {
  const ms = marks.filter((m) => m.e > m.s && m.s >= lo && m.e <= hi);
  const cuts = new Set([lo, hi]);
  for (const m of ms) {
    cuts.add(m.s);
    cuts.add(m.e);
  }
  const pos = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let k = 0; k + 1 < pos.length; k++) {
    const a = pos[k];
    const z = pos[k + 1];
    const classes = [];
    const titles = [];
    for (const m of ms) {
      if (m.s <= a && z <= m.e && !classes.includes(m.cls)) {
        classes.push(m.cls);
        if (m.title) titles.push(m.title);
      }
    }
    out.push({ text: text.slice(a, z), classes, titles });
  }
  return out;
}

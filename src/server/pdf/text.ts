// The built-in PDF fonts (Helvetica, Times, Courier) only carry the WinAnsi character set.
// Anything else would print as garbage, so every string goes through `pdfText` first: common
// look-alikes are mapped, accents are kept where WinAnsi has them, the rest becomes "?".

/** WinAnsi's characters above Latin-1's printable ASCII (0x80-0x9F as Windows-1252 has them). */
const CP1252_EXTRAS = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ";

const REPLACEMENTS: Record<string, string> = {
  "\u2212": "-", // minus sign
  "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2015": "—",
  "\u2032": "'", "\u2033": '"', "\u2044": "/",
  "\u2190": "<-", "\u2192": "->", "\u2264": "<=", "\u2265": ">=", "\u2260": "!=", "\u2248": "~",
  "\u2713": "v", "\u2714": "v", "\u2715": "x", "\u2717": "x", "\u25CF": "•", "\u25AA": "•", "\u2023": "•", "\u2043": "-",
};

function encodable(ch: string): boolean {
  const code = ch.codePointAt(0)!;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || CP1252_EXTRAS.includes(ch) || ch === "\n";
}

/** A string the standard fonts can print: WinAnsi only, tabs as spaces, one kind of line break. */
export function pdfText(value: string): string {
  let out = "";
  for (const ch of value.normalize("NFC").replace(/\r\n?/g, "\n").replace(/\t/g, "    ")) {
    if (encodable(ch)) { out += ch; continue; }
    const mapped = REPLACEMENTS[ch];
    if (mapped !== undefined) { out += mapped; continue; }
    const code = ch.codePointAt(0)!;
    // Other spaces (thin, narrow no-break, ideographic...) are spaces; zero-width marks vanish.
    if (/\s/u.test(ch)) { out += " "; continue; }
    if (code === 0x200b || code === 0x200c || code === 0x200d || code === 0xfeff || /\p{M}/u.test(ch)) continue;
    // A letter with an accent WinAnsi lacks keeps its base letter ("ő" → "o").
    const base = ch.normalize("NFKD").replace(/\p{M}/gu, "");
    out += base && [...base].every(encodable) ? base : "?";
  }
  return out;
}

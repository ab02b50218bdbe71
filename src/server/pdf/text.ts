// Every string goes through `pdfText` before it is drawn. The embedded fonts (./fonts.ts) cover
// Latin, Greek, Cyrillic and the common symbols; a character a face lacks would print as an
// empty box, so it keeps its base letter when it has one and becomes "?" otherwise.
import { type FaceName, TEXT_FACES, printableCodePoints } from "./fonts";

/** A string `faces` can print (body text unless told): tabs as spaces, one kind of line break. */
export function pdfText(value: string, faces: readonly FaceName[] = TEXT_FACES): string {
  const set = printableCodePoints(faces);
  const printable = (ch: string) => ch === "\n" || set.has(ch.codePointAt(0)!);
  let out = "";
  for (const ch of value.normalize("NFC").replace(/\r\n?/g, "\n").replace(/\t/g, "    ")) {
    if (printable(ch)) { out += ch; continue; }
    // Other spaces are spaces; zero-width marks and control characters vanish.
    if (/\s/u.test(ch)) { out += " "; continue; }
    if (/[\p{M}\p{Cc}\u200b-\u200d\ufeff]/u.test(ch)) continue;
    const base = ch.normalize("NFKD").replace(/\p{M}/gu, "");
    out += base && [...base].every(printable) ? base : "?";
  }
  return out;
}

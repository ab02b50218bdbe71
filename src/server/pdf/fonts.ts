// The fonts every Parley PDF embeds: DejaVu (free, and wide: Latin with every accent, Greek,
// Cyrillic, the currency signs), so a client called "Łódź Sp. z o.o." or a price in ₹ prints
// as written. PDF's built-in Helvetica carries only WinAnsi and printed such text as "?".
// pdfkit embeds only the glyphs a document uses, so files stay small.
import { readFileSync } from "node:fs";
import path from "node:path";
import * as fontkit from "fontkit";

/** The faces Parley uses, by the name documents select them with. */
export const FACES = {
  "Parley-Sans": "DejaVuSans.ttf",
  "Parley-Sans-Bold": "DejaVuSans-Bold.ttf",
  /** A typed signature: a serif italic reads as handwriting more than a sans does. */
  "Parley-Signature": "DejaVuSerif-Italic.ttf",
  "Parley-Mono": "DejaVuSansMono.ttf",
} as const;

export type FaceName = keyof typeof FACES;

// Resolved from the project root, not through the bundler: the server bundle has no copy of
// the font files, and `npm start`, `next start` and vitest all run from the root.
const FONT_DIR = path.join(process.cwd(), "node_modules", "dejavu-fonts-ttf", "ttf");

const files = new Map<FaceName, Buffer>();

/** A face's TrueType file, read from disk once per process. */
export function fontFile(face: FaceName): Buffer {
  let data = files.get(face);
  if (!data) {
    data = readFileSync(path.join(FONT_DIR, FACES[face]));
    files.set(face, data);
  }
  return data;
}

const ascents = new Map<FaceName, number>();

/** How far above the baseline a face's tallest letters reach, as a share of the font size. */
export function ascentRatio(face: FaceName): number {
  let ratio = ascents.get(face);
  if (ratio === undefined) {
    const font = fontkit.create(fontFile(face));
    if (!("ascent" in font)) throw new Error(`${FACES[face]} is a font collection, not a font`);
    ratio = font.ascent / font.unitsPerEm;
    ascents.set(face, ratio);
  }
  return ratio;
}

/** The faces body text is set in: a string is checked against both, so it prints the same in either. */
export const TEXT_FACES: readonly FaceName[] = ["Parley-Sans", "Parley-Sans-Bold"];

const coverage = new Map<string, Set<number>>();

/** The code points every one of `faces` has a glyph for (computed once per set of faces). */
export function printableCodePoints(faces: readonly FaceName[] = TEXT_FACES): Set<number> {
  const key = faces.join("+");
  let set = coverage.get(key);
  if (!set) {
    const [first, ...rest] = faces.map((face) => {
      const font = fontkit.create(fontFile(face));
      if (!("characterSet" in font)) throw new Error(`${FACES[face]} is a font collection, not a font`);
      return new Set(font.characterSet);
    });
    set = new Set([...first!].filter((cp) => rest.every((other) => other.has(cp))));
    coverage.set(key, set);
  }
  return set;
}

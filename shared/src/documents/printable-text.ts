import { transliterate } from "transliteration";

/** The characters of Windows-1252 above Latin-1's printable range, the only ones the standard PDF fonts add. */
const WIN_ANSI_EXTRAS = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ";
const PRINTABLE = `\\n\\x20-\\x7E\\xA0-\\xFF${WIN_ANSI_EXTRAS}`;
const UNPRINTABLE_RUN = new RegExp(`[^${PRINTABLE}]+`, "gu");
const UNPRINTABLE_CHAR = new RegExp(`[^${PRINTABLE}]`, "gu");

/**
 * Text the standard PDF fonts (Helvetica and its kin, WinAnsi encoded) can draw. Anything else would come out as
 * wrong glyphs, so it is transliterated ("Ростелеком" → "Rostelekom", "Ş" → "S") and what has no Latin spelling
 * becomes "?". Tabs become spaces, carriage returns line ends, other control characters "?".
 */
export function printableText(text: string): string {
  return text
    .normalize("NFC")
    .replace(/\r\n?/g, "\n")
    .replace(/\t/g, " ")
    .replace(UNPRINTABLE_RUN, (run) => transliterate(run, { unknown: "?" }).replace(UNPRINTABLE_CHAR, "?"));
}

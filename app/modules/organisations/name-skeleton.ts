import { normaliseName } from "~/utils/names";

// A small confusables table after Unicode TR 39, for the scripts Concord's organisations write in: Cyrillic
// and Greek letters that look like Latin ones, Latin letters that look like others, digits and letters
// that pass for each other, dashes and quotes. Capitals and small letters have their own tables because
// they look like different things (a capital Greek eta is an H, a small one an n).
// prettier-ignore
const capitalLookalikes: Record<string, string> = {
  // Cyrillic
  А: "A", В: "B", Е: "E", З: "3", К: "K", М: "M", Н: "H", О: "O", Р: "P", С: "C", Т: "T", У: "Y", Х: "X",
  Ѕ: "S", І: "I", Ј: "J", Ү: "Y", Һ: "H", Ӏ: "I", Ԁ: "D", Ԛ: "Q", Ԝ: "W",
  // Greek
  Α: "A", Β: "B", Ε: "E", Ζ: "Z", Η: "H", Ι: "I", Κ: "K", Μ: "M", Ν: "N", Ο: "O", Ρ: "P", Τ: "T", Υ: "Y",
  Χ: "X",
};

// prettier-ignore
const smallLookalikes: Record<string, string> = {
  // Cyrillic
  а: "a", в: "b", е: "e", з: "3", к: "k", м: "m", н: "h", о: "o", р: "p", с: "c", т: "t", у: "y", х: "x",
  ь: "b", ѕ: "s", і: "l", ј: "j", ү: "y", һ: "h", ӏ: "l", ԁ: "d", ԛ: "q", ԝ: "w",
  // Greek
  α: "a", β: "b", γ: "y", ε: "e", η: "n", ι: "l", κ: "k", μ: "u", ν: "v", ο: "o", ρ: "p", τ: "t", υ: "u",
  χ: "x", ω: "w",
  // Latin letters without a decomposition, and ligatures NFKC keeps (every i-like letter is an l, below)
  ı: "l", ȷ: "j", ł: "l", ø: "o", đ: "d", ħ: "h", ɑ: "a", ɡ: "g", ɩ: "l", ß: "ss", æ: "ae", œ: "oe",
  // Digits and letters that pass for each other: 0 and o; 1, i, l and |
  "0": "o", "1": "l", i: "l", "|": "l",
  // Arabic letters written alike: Persian kaf and yeh, alef maksura, teh marbuta; the tatweel only stretches
  ک: "ك", ی: "ي", ى: "ي", ة: "ه", ـ: "",
};

const dashes = /[\u058a\u05be\u1806\u2010-\u2015\u2043\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d\u02d7]/gu;
const singleQuotes =
  /[\u0060\u00b4\u02b9\u02bb\u02bc\u02bd\u02c8\u02ca\u02cb\u05f3\u2018\u2019\u201a\u201b\u2032\u2035\uff07]/gu;
const doubleQuotes =
  /[\u00ab\u00bb\u02ba\u02dd\u05f4\u201c\u201d\u201e\u201f\u2033\u2036\u301d\u301e\uff02]|''/gu;
// Accents and other marks on Latin, Greek and Cyrillic letters, and Arabic short vowels and hamza: a name
// reads the same to most people with or without them. Marks of other scripts (Indic vowel signs) are letters.
// eslint-disable-next-line no-misleading-character-class -- ranges of combining marks, each removed alone
const diacritics = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u064b-\u065f\u0670]/gu;

function withoutDiacritics(text: string) {
  return text.normalize("NFD").replace(diacritics, "");
}

function mapEach(text: string, table: Record<string, string>) {
  return Array.from(text, (character) => table[character] ?? character).join("");
}

/**
 * What a name looks like, as a key: two names with the same skeleton read alike to a person, so Concord
 * lets only one organisation have it. The name is normalised (normaliseName), stripped of diacritics,
 * look-alike letters of other scripts become Latin ones, case is folded, 0/o and 1/i/l/| become one
 * letter, "rn" becomes "m", and dashes and quotes become ASCII ones. Only ever compared, never shown.
 */
export function nameSkeleton(name: string): string {
  // Diacritics go before the capitals are read and again after lowercasing, which can add one (İ → i̇).
  const capitals = mapEach(withoutDiacritics(normaliseName(name)), capitalLookalikes);
  const folded = mapEach(withoutDiacritics(capitals.toLowerCase()), smallLookalikes);
  return folded
    .replace(dashes, "-")
    .replace(singleQuotes, "'")
    .replace(doubleQuotes, '"')
    .replaceAll("rn", "m")
    .normalize("NFC");
}

import { describe, expect, it } from "vitest";
import { nameSkeleton } from "~/modules/organisations/name-skeleton";
import { normaliseName } from "~/utils/names";

describe("normalising a name", () => {
  it.each([
    ["a zero-width space", "Ministry of Interior\u200b", "Ministry of Interior"],
    ["zero-width joiners and a byte-order mark", "Mini\u200cst\u200dry\ufeff", "Ministry"],
    [
      "bidi embeddings and overrides",
      "\u202aMinistry\u202b \u202cof\u202d \u202eInterior",
      "Ministry of Interior",
    ],
    ["bidi isolates", "\u2066Ministry\u2067 of\u2068 Interior\u2069", "Ministry of Interior"],
    ["direction marks and the Arabic letter mark", "\u200eAmina\u200f \u061cHaddad", "Amina Haddad"],
    ["a word joiner and a soft hyphen", "Inte\u2060ri\u00ador", "Interior"],
    [
      "a Hangul filler and a Mongolian vowel separator",
      "Ministry\u3164 of\u180e Interior",
      "Ministry of Interior",
    ],
    ["variation selectors and tag characters", "Ministry\ufe0f\u{e0041}", "Ministry"],
    ["control characters", "Ministry\u0000 of\u0007 Interior", "Ministry of Interior"],
    ["full-width letters", "ＭＩＮＩＳＴＲＹ", "MINISTRY"],
    ["styled mathematical letters", "\u{1d40c}inistry", "Ministry"],
    ["a ligature", "Oﬃce", "Office"],
    ["tabs, new lines and wide spaces", " Ministry\t\nof\u00a0\u2003Interior\u3000 ", "Ministry of Interior"],
  ])("removes or simplifies %s", (_what, name, expected) => {
    expect(normaliseName(name)).toBe(expected);
  });

  it.each([
    "Ministry of Interior — Directorate of Integration",
    "Lucía Mora",
    "Société d’accueil de Montréal",
    "أمينة حداد",
    "جمعية الأمل للمهاجرين",
    "Ковалёв Олег",
    "Ελληνικό Φόρουμ Μεταναστών",
    "मानव अधिकार केंद्र",
    "移民支援センター",
  ])("keeps %s as written", (name) => {
    expect(normaliseName(name)).toBe(name);
  });
});

describe("the look-alike key of a name", () => {
  const ministry = "Ministry of Interior — Directorate of Integration";

  it.each([
    ["with a zero-width space", `${ministry}\u200b`],
    ["with a right-to-left override", `\u202e${ministry}`],
    ["in capitals", ministry.toUpperCase()],
    ["with Cyrillic М and о", "Мinistry оf Interiоr — Directorate of Integration"],
    ["with Greek capitals", "ΜΙΝΙSTRY OF ΙΝΤΕRΙΟR — DIRECTORATE OF INTEGRATION"],
    ["with a hyphen for the dash", "Ministry of Interior - Directorate of Integration"],
    ["with an en dash", "Ministry of Interior – Directorate of Integration"],
    ["with a minus sign", "Ministry of Interior \u2212 Directorate of Integration"],
    ["with a small L for the capital I", "Ministry of lnterior — Directorate of lntegration"],
    ["with a digit one for the I", "Ministry of 1nterior — Directorate of Integration"],
    ["with accents", "Mínistry of Intérior — Dîrectorate of Integratiön"],
    ["with a dotted capital I", "MİNİSTRY OF INTERIOR — DIRECTORATE OF INTEGRATION"],
    ["in full-width letters", "Ｍｉｎｉｓｔｒｙ of Interior — Directorate of Integration"],
    ["with r and n for the m", "Ministry of Interior — Directorate of Integration".replace("M", "rn")],
    ["with more spaces", "  Ministry   of Interior —  Directorate of Integration "],
  ])("is the same %s", (_how, name) => {
    expect(nameSkeleton(name)).toBe(nameSkeleton(ministry));
  });

  it.each([
    ["a zero for the O", "C0MMUNITY CENTRE", "Community Centre"],
    ["typographic quotes", "Women’s “Voice”", 'Women\'s "Voice"'],
    ["German sharp s", "Straße der Vielfalt", "Strasse der Vielfalt"],
    ["Arabic with and without hamza and tatweel", "جمعيـــة الأمل", "جمعية الامل"],
    ["Arabic and Persian kaf and yeh", "کانون ایرانی", "كانون ايراني"],
    ["Arabic with short vowels", "جَمْعِيَّة", "جمعية"],
  ])("is the same with %s", (_how, name, other) => {
    expect(nameSkeleton(name)).toBe(nameSkeleton(other));
  });

  it.each([
    [ministry, "Ministry of Interior — Directorate of Immigration"],
    ["Ottawa Community Immigrant Services Centre", "Ottawa Community Immigrant Services Center"],
    ["Migrant Forum in Asia", "Migrant Forum in Africa"],
    ["City of Ottawa", "City of Ottawa — Community and Social Services"],
    ["मानव अधिकार केंद्र", "मानव अधिकारी केंद्र"],
  ])("tells %s from %s", (name, other) => {
    expect(nameSkeleton(name)).not.toBe(nameSkeleton(other));
  });
});

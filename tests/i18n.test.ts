import { describe, expect, it } from "vitest";
import { catalogues, languages } from "~/utils/i18n";

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const entries = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") entries.set(path, value);
    else for (const [nested, text] of flatten(value, path)) entries.set(nested, text);
  }
  return entries;
}

// Plural forms differ by language (Arabic has six): compare messages by their key without the plural suffix.
const pluralBase = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, "");
const placeholders = (text: string) =>
  [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)]
    .map((match) => match[1])
    .filter((name) => name !== "count")
    .sort();
const english = flatten(catalogues.en as unknown as Tree);

describe.each(languages.filter((language) => language !== "en"))("the %s catalogue", (language) => {
  const translated = flatten(catalogues[language] as unknown as Tree);

  it("has every English message, translated, with the same placeholders", () => {
    const translatedBases = new Set(
      [...translated].filter(([, text]) => text.trim()).map(([key]) => pluralBase(key)),
    );
    const missing = [...new Set([...english.keys()].map(pluralBase))].filter(
      (key) => !translatedBases.has(key),
    );
    expect(missing).toEqual([]);
    const mismatched = [...english].filter(
      ([key, text]) =>
        translated.has(key) && placeholders(text).join() !== placeholders(translated.get(key)!).join(),
    );
    expect(mismatched.map(([key]) => key)).toEqual([]);
  });

  it("has no message English does not have", () => {
    const englishBases = new Set([...english.keys()].map(pluralBase));
    expect([...translated.keys()].filter((key) => !englishBases.has(pluralBase(key)))).toEqual([]);
  });
});

// Format characters (\p{Cf}: zero-width spaces and joiners, bidi embeddings, overrides, isolates and marks,
// the Arabic letter mark, soft hyphens, tags), code points every renderer must ignore (Hangul fillers,
// variation selectors, the combining grapheme joiner) and control characters other than white space.
const invisible = /[\p{Cf}\p{Default_Ignorable_Code_Point}]|(?!\s)\p{Cc}/gu;

/**
 * A name as Concord stores and shows it: Unicode NFKC (full-width, ligature and styled letters become
 * plain ones), without invisible characters, with every run of white space made one space, trimmed. So a
 * name cannot hide a zero-width space or a right-to-left override, and two names that read the same are
 * stored the same. For organisations' and people's names; free text (descriptions, messages) keeps its
 * line breaks and is not changed.
 */
export function normaliseName(name: string): string {
  return name.replace(invisible, "").normalize("NFKC").replace(/\s+/gu, " ").trim();
}

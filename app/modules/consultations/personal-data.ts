/**
 * Personal data in aggregated community input (issue 12, §4): what an author or a convener must remove before
 * the text is submitted or published. Pure and client-safe: the respond form runs it as people type, and the
 * server runs it again as the guarantee. It looks for e-mail addresses, phone numbers, document, case and file
 * numbers, dates of birth, and words about one person's immigration status in every catalogue language.
 * It errs on the side of asking: a finding is a question to the author, who removes it or rewords.
 */

import { noteKey } from "./answers";

export const personalDataKinds = ["email", "phone", "document", "birthDate", "status"] as const;
export type PersonalDataKind = (typeof personalDataKinds)[number];

export type PersonalDataFinding = {
  kind: PersonalDataKind;
  /** The text as found. */
  text: string;
  /** Offsets in the text searched: text === source.slice(start, end). */
  start: number;
  end: number;
};

const email = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;

// A run of digits with the separators phone numbers are written with, optionally after "+" or "00".
const phoneCandidate = /(?<![\p{L}\p{N}])(?:\+|00)?\(?\d[\d\s().-]{5,}\d(?![\p{L}\p{N}])/gu;

// Dates as people write them: 12/03/1990, 1990-03-12, 12.03.90, 12 March 1990, 12 mars 1990.
const months =
  "jan(?:uary|vier)?|feb(?:ruary)?|f[ée]v(?:rier)?|mar(?:ch|s)?|apr(?:il)?|avr(?:il)?|may|mai|june?|juin|" +
  "july?|juil(?:let)?|aug(?:ust)?|ao[uû]t|sep(?:t(?:ember)?)?|sept(?:embre)?|oct(?:ober|obre)?|" +
  "nov(?:ember|embre)?|dec(?:ember)?|d[ée]c(?:embre)?|يناير|فبراير|مارس|أبريل|مايو|يونيو|يوليو|أغسطس|" +
  "سبتمبر|أكتوبر|نوفمبر|ديسمبر";
const date =
  `(?:\\d{1,2}[/.-]\\d{1,2}[/.-]\\d{2,4}|\\d{4}-\\d{1,2}-\\d{1,2}|` +
  `\\d{1,2}(?:er)?\\s+(?:${months})\\.?\\s+\\d{4}|(?:${months})\\.?\\s+\\d{1,2},?\\s+\\d{4})`;
const birthWord =
  "born(?:\\s+on)?|date\\s+of\\s+birth|d\\.?o\\.?b\\.?|birth\\s*date|birthday|n[ée]e?(?:\\s+le)?|" +
  "date\\s+de\\s+naissance|تاريخ\\s+الميلاد|مواليد|ولد(?:ت)?(?:\\s+في)?";
const birthDate = new RegExp(
  `(?<![\\p{L}])(?:${birthWord})\\s*[:：]?\\s*(?:the\\s+|on\\s+|le\\s+)?(${date})`,
  "giu",
);

// Document, case and file numbers: a label then a number of at least five characters (not a year), UCI-style 0000-0000 (or 00-0000-0000), and
// passport-like codes (letters and at least six digits in one word).
const documentLabelled =
  /(?<![\p{L}])(?:case|file|dossier|client|passport|passeport|permit|permis|visa|uci|id|claim|application|demande|référence|reference|ref|رقم\s+(?:الملف|القضية|الجواز|الهوية)|ملف|قضية|جواز(?:\s+سفر)?)\s*(?:no\.?|n[o°º]\.?|number|num[ée]ro|#|nº)?\s*[:#]?\s*([A-Z]{0,3}\d[\dA-Z-]{4,})(?![\p{L}\p{N}])/giu;
const uci = /(?<![\p{L}\p{N}-])(?:\d{2}-)?\d{4}-\d{4}(?![\p{L}\p{N}-])/gu;
const passportLike = /(?<![\p{L}\p{N}])(?=[A-Z0-9]{7,12}(?![\p{L}\p{N}]))(?=[A-Z0-9]*\d{6})[A-Z]{1,3}[0-9]{6,9}[A-Z0-9]?(?![\p{L}\p{N}])/gu;

// Words about one person's immigration status, in the catalogue languages (en, fr, ar).
const statusWords = [
  // en
  "refugee claimants?",
  "asylum seekers?",
  "asylum claimants?",
  "undocumented",
  "irregular (?:migration )?status",
  "irregular migrants?",
  "illegal (?:immigrants?|aliens?|migrants?)",
  "deportation orders?",
  "removal orders?",
  "(?:facing|under|awaiting) deportation",
  "deported",
  "visa overstayers?",
  "overstayed (?:(?:his|her|their) )?visa",
  "without (?:legal )?status",
  "no legal status",
  "failed asylum seekers?",
  "stateless",
  // fr
  "demandeu(?:r|se|rs|ses) d['’]asile",
  "sans[- ]papiers",
  "en situation irr[ée]guli[èe]re",
  "statut irr[ée]gulier",
  "d[ée]bout[ée]e?s? du droit d['’]asile",
  "ordre d['’]expulsion",
  "mesure de renvoi",
  "expuls[ée]e?s?",
  "r[ée]fugi[ée]e?s? statutaires?",
  "apatrides?",
  "sous OQTF",
  // ar
  "طالبو? (?:ال)?لجوء",
  "طالبة لجوء",
  "طالبي (?:ال)?لجوء",
  "لاجئ(?:ة|ون|ين)?",
  "بدون وثائق",
  "بلا وثائق",
  "غير موثق(?:ين|ة)?",
  "إقامة غير (?:نظامية|شرعية)",
  "وضع غير نظامي",
  "ترحيل",
  "مرحّ?ل(?:ة|ين)?",
  "أمر (?:ال)?ترحيل",
  "عديم(?:ة|و|ي)? الجنسية",
];
// Arabic attaches the article and "and" to the word: والترحيل, الترحيل.
const status = new RegExp(`(?<![\\p{L}])(?:و?ال)?(?:${statusWords.join("|")})(?![\\p{L}])`, "giu");

function matches(pattern: RegExp, text: string, group = 0) {
  const found: { text: string; start: number; end: number }[] = [];
  for (const match of text.matchAll(pattern)) {
    const value = match[group];
    if (value === undefined || match.index === undefined) continue;
    const start = match.index + (group === 0 ? 0 : match[0].lastIndexOf(value));
    found.push({ text: value, start, end: start + value.length });
  }
  return found;
}

/** A run of digits that reads as a phone number: 8 to 15 digits, not a date, a year span or a sum. */
function isPhone(candidate: string) {
  const digits = candidate.replace(/\D/g, "");
  if (digits.length < 8 || digits.length > 15) return false;
  const international = /^(?:\+|00)/.test(candidate);
  // Dates (12/03/2026, 2026-03-12) and year spans (2024-2026) are not phone numbers.
  if (/^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}$/.test(candidate)) return false;
  if (/^\d{4}\s*[-–]\s*\d{4}$/.test(candidate)) return false;
  if (!international && /^\d{1,3}(?:[ ,.]\d{3})+$/.test(candidate) && digits.length < 10) return false;
  return true;
}

/** Every piece of personal data found in a text, in order, overlapping findings reduced to the first. */
export function findPersonalData(text: string): PersonalDataFinding[] {
  if (!text) return [];
  const found: PersonalDataFinding[] = [];
  const add = (kind: PersonalDataKind, list: { text: string; start: number; end: number }[]) => {
    for (const item of list) found.push({ kind, ...item });
  };
  add("email", matches(email, text));
  add("birthDate", matches(birthDate, text, 1));
  add("document", matches(documentLabelled, text, 1));
  // A span of years (2024-2026) is not a UCI.
  add("document", matches(uci, text).filter((item) => !/^(?:19|20)\d\d-(?:19|20)\d\d$/.test(item.text)));
  add("document", matches(passportLike, text));
  add(
    "phone",
    matches(phoneCandidate, text)
      .map((item) => {
        // Trailing separators are not part of the number.
        const trimmed = item.text.replace(/[\s().-]+$/, "");
        return { ...item, text: trimmed, end: item.start + trimmed.length };
      })
      .filter((item) => isPhone(item.text)),
  );
  add("status", matches(status, text));
  // Earlier-found kinds win where two overlap (a date of birth is not also a phone number).
  const kept: PersonalDataFinding[] = [];
  for (const finding of found)
    if (!kept.some((other) => finding.start < other.end && other.start < finding.end)) kept.push(finding);
  return kept.sort((a, b) => a.start - b.start);
}

/** The text with each finding replaced by `replacement` ("[removed]" in the report). */
export function redact(text: string, findings: Pick<PersonalDataFinding, "start" | "end">[], replacement: string) {
  let result = text;
  for (const finding of [...findings].sort((a, b) => b.start - a.start))
    result = result.slice(0, finding.start) + replacement + result.slice(finding.end);
  return result;
}

/** The user-written texts of one answer: a text answer, or the comments on a draft's paragraphs. */
export function answerTexts(kind: string, answer: unknown): string[] {
  if (kind === "short_text" || kind === "long_text") return typeof answer === "string" ? [answer] : [];
  if (kind === "paragraph_comments" && answer && typeof answer === "object" && !Array.isArray(answer))
    return Object.values(answer as Record<string, unknown>).filter((value) => typeof value === "string");
  return [];
}

/** The findings in each answer (by question id) and in the note: only those with something found. */
export function inputFindings(
  questions: { id: string; kind: string }[],
  answers: Record<string, unknown>,
  note: string,
): Record<string, PersonalDataFinding[]> {
  const result: Record<string, PersonalDataFinding[]> = {};
  for (const question of questions) {
    const findings = answerTexts(question.kind, answers[question.id]).flatMap(findPersonalData);
    if (findings.length) result[question.id] = findings;
  }
  const inNote = findPersonalData(note);
  if (inNote.length) result[noteKey] = inNote;
  return result;
}

/** A finding as a form message: its catalogue key with the text after "?" (see translateMessage). */
export function findingMessage(finding: Pick<PersonalDataFinding, "kind" | "text">) {
  return `consultations.personalData.found.${finding.kind}?${new URLSearchParams({ text: finding.text })}`;
}

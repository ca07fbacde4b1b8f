import { describe, expect, test } from "vitest";
import {
  findPersonalData,
  inputFindings,
  redact,
  type PersonalDataKind,
} from "~/modules/consultations/personal-data";

const kinds = (text: string) => findPersonalData(text).map((f) => [f.kind, f.text]);

describe("personal data in aggregated input", () => {
  test.each<[string, PersonalDataKind, string]>([
    ["Write to a.b@x.org for details", "email", "a.b@x.org"],
    ["Call her at +1 (514) 555-0199 today", "phone", "+1 (514) 555-0199"],
    ["son numéro : 06 12 34 56 78", "phone", "06 12 34 56 78"],
    ["رقمه 0096171234567", "phone", "0096171234567"],
    ["call 514-555-0199", "phone", "514-555-0199"],
    ["see case no. 12345 at the office", "document", "12345"],
    ["her UCI is 1234-5678", "document", "1234-5678"],
    ["passport AB1234567 was kept", "document", "AB1234567"],
    ["dossier n° 2024-77812", "document", "2024-77812"],
    ["رقم الملف 558812", "document", "558812"],
    ["born 12/03/1990 in Aleppo", "birthDate", "12/03/1990"],
    ["DOB: 1990-03-12", "birthDate", "1990-03-12"],
    ["née le 3 mars 1988", "birthDate", "3 mars 1988"],
    ["تاريخ الميلاد 12/03/1990", "birthDate", "12/03/1990"],
    ["Her neighbour is a refugee claimant", "status", "refugee claimant"],
    ["two asylum seekers spoke", "status", "asylum seekers"],
    ["he is undocumented", "status", "undocumented"],
    ["she has irregular status", "status", "irregular status"],
    ["he got a deportation order", "status", "deportation order"],
    ["a visa overstayer", "status", "visa overstayer"],
    ["un demandeur d'asile nous a dit", "status", "demandeur d'asile"],
    ["des sans-papiers", "status", "sans-papiers"],
    ["elle est en situation irrégulière", "status", "en situation irrégulière"],
    ["قال طالب لجوء إن", "status", "طالب لجوء"],
    ["هو لاجئ منذ سنتين", "status", "لاجئ"],
    ["يعيش بدون وثائق", "status", "بدون وثائق"],
    ["يخشى الترحيل", "status", "الترحيل"],
  ])("finds in %j", (text, kind, found) => {
    const findings = findPersonalData(text);
    expect(findings.map((f) => [f.kind, f.text])).toContainEqual([kind, found]);
    const finding = findings.find((f) => f.kind === kind)!;
    expect(text.slice(finding.start, finding.end)).toBe(found);
  });

  test.each([
    "In 2026 the centre opened.",
    "40 women and 12 men came to the sessions.",
    "Article 12 of the charter applies.",
    "From 2024-2026 we met 3 times, on 12/03/2026 and 1 April 2026.",
    "The budget is 1,250,000 dollars, 12.5% more.",
    "Women refugees' rights in general must be protected by the policy.",
    "Les associations d'aide aux réfugiés demandent plus de moyens.",
    "Page 3, paragraph 4.2, section 10.",
    "Nous avons réuni 120 personnes en 2025.",
    "شارك 40 امرأة في عام 2026",
    "Contact the organisation through the form.",
    "The application 2025 round and the visa 2026 quota were discussed.",
    "La demande de 2026 porte sur le dossier logement.",
  ])("finds nothing in %j", (text) => {
    expect(kinds(text)).toEqual([]);
  });

  test("finds every kind, in order, with offsets for redaction", () => {
    const text = "Mail a.b@x.org or call +33 6 12 34 56 78: she is a refugee claimant.";
    const findings = findPersonalData(text);
    expect(findings.map((f) => f.kind)).toEqual(["email", "phone", "status"]);
    expect(redact(text, findings, "[removed]")).toBe(
      "Mail [removed] or call [removed]: she is a [removed].",
    );
  });

  test("looks only at the text of answers, and at the note", () => {
    const questions = [
      { id: "q1", kind: "long_text" },
      { id: "q2", kind: "single_choice" },
      { id: "q3", kind: "paragraph_comments" },
    ];
    const found = inputFindings(
      questions,
      { q1: "fine", q2: "AB1234567", q3: { p1: "she is undocumented" } },
      "gathered with a.b@x.org",
    );
    expect(Object.keys(found).sort()).toEqual(["@aggregatedNote", "q3"]);
  });
});

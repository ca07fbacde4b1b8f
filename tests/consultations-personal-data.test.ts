import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { addQuestion, createConsultation, createSubmittedInput } from "./consultation-factories";
import { createConvenedSpace, createParticipantOrganisation } from "../prisma/factories/spaces";
import { Browserless, startTestServer, type TestServer } from "./support/server";
import { unescapeHtml } from "./support/pages";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const dayMs = 24 * 60 * 60 * 1000;
const signedIn = (email: string) => Browserless.signedIn(server.origin, email);

/** The hidden fields of every redaction form on a page, as a browser would post them. */
function redactionForms(html: string) {
  return [...html.matchAll(/<form[^>]*>([\s\S]*?)<\/form>/g)]
    .map((form) =>
      Object.fromEntries(
        [...form[1]!.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((field) => [
          field[1]!,
          unescapeHtml(field[2]!),
        ]),
      ),
    )
    .filter((fields) => fields.intent === "redact");
}

describe("personal data in aggregated community input", () => {
  it("refuses to submit it while personal data remains, keeping what was typed; drafts save with the warning", async () => {
    const { space, focalPoint } = await createConvenedSpace();
    const { organisation, admin: lead } = await createParticipantOrganisation(space.id, "CONSULT");
    const consultation = await createConsultation(space.id, focalPoint.id, { status: "open" });
    const question = await addQuestion(consultation.id, "long_text", { prompt: "What should change?" });
    const url = `/consultations/${consultation.id}/respond`;
    const client = await signedIn(lead.email);
    const answer = "Write to a.b@x.org or call +1 514 555 0199 about the welcome centre.";
    const note = "We met a refugee claimant and 40 women in 2026.";
    const post = (intent: string, text: string, aggregatedNote: string) =>
      client.post(url, {
        intent,
        organisationId: organisation.id,
        aggregated: "true",
        aggregatedNote,
        [`answers.${question.id}`]: text,
      });

    const refused = await post("submit", answer, note);
    expect(refused.status).toBe(200);
    const page = unescapeHtml(await refused.text());
    expect(page).toContain("Nothing was submitted: this aggregated input contains personal data");
    expect(page).toContain("An e-mail address: a.b@x.org");
    expect(page).toContain("A phone number: +1 514 555 0199");
    expect(page).toContain("Words about a person's immigration status: refugee claimant");
    // "40 women" and "2026" are not personal data.
    expect(page).not.toContain("A phone number: 40");
    // What was typed is still in the form, and saved in the draft; nothing was submitted.
    expect(page).toContain(answer);
    expect(page).toContain(note);
    const draft = await db().submission.findUniqueOrThrow({
      where: {
        consultationId_organisationId_isAggregated: {
          consultationId: consultation.id,
          organisationId: organisation.id,
          isAggregated: true,
        },
      },
      include: { versions: true },
    });
    expect(draft).toMatchObject({ status: "draft", version: 0, aggregatedNote: note });
    expect(JSON.parse(draft.answers)).toEqual({ [question.id]: answer });
    expect(draft.versions).toHaveLength(0);

    // A draft saves all the same, with the warning.
    const saved = await post("save", answer, note);
    expect(saved.status).toBe(200);
    const savedPage = unescapeHtml(await saved.text());
    expect(savedPage).toContain("Draft saved. It contains personal data");
    expect(savedPage).toContain("An e-mail address: a.b@x.org");

    // The organisation's own input is not aggregated community input: it is not held back.
    const own = await client.post(url, {
      intent: "submit",
      organisationId: organisation.id,
      aggregated: "false",
      [`answers.${question.id}`]: "Our office is at info@example.org.",
    });
    expect(own.status).toBe(302);

    // Once it is removed, the input is submitted.
    const reread = await (await client.get(url)).text();
    const form = reread.slice(reread.indexOf(`id="input-${organisation.id}-aggregated"`));
    const base = unescapeHtml(/name="baseline" value="([^"]*)"/.exec(form)?.[1] ?? "{}");
    const clean = await client.post(url, {
      intent: "submit",
      organisationId: organisation.id,
      aggregated: "true",
      baseline: base,
      aggregatedNote: "We met 40 women in 2026.",
      [`answers.${question.id}`]: "The welcome centre helps.",
    });
    expect(await client.landOn(clean)).toContain("Version 1 of the input is submitted.");
  });

  it("refuses to publish while the preview shows personal data, and lets the convener redact it", async () => {
    const { space, focalPoint } = await createConvenedSpace();
    const { organisation, admin } = await createParticipantOrganisation(space.id, "CONSULT", {
      organisation: { name: "Somali Women Circle" },
    });
    const consultation = await createConsultation(space.id, focalPoint.id, {
      title: "Settlement strategy",
      status: "closed",
      opensAt: new Date(Date.now() - 20 * dayMs),
      closesAt: new Date(Date.now() - 2 * dayMs),
      closedAt: new Date(Date.now() - 2 * dayMs),
    });
    const question = await addQuestion(consultation.id, "long_text", { prompt: "What should change?" });
    const original = "Childcare during classes; call Amina at +1 514 555 0199.";
    const input = await createSubmittedInput(
      consultation.id,
      organisation.id,
      admin.id,
      { [question.id]: original },
      { isAggregated: true, aggregatedNote: "We met 40 women; one is a refugee claimant." },
    );
    const convener = await signedIn(focalPoint.email);
    const review = `/consultations/${consultation.id}/review`;
    const report = `/consultations/${consultation.id}/report`;
    await convener.post(review, {
      intent: "respond",
      submissionIds: input.id,
      outcome: "not_accepted",
      explanation: "Write to us at office@example.org.",
      changeMade: "",
    });

    const preview = unescapeHtml(await (await convener.get(report)).text());
    expect(preview).toContain("Personal data in the report");
    expect(preview).toContain("A phone number: +1 514 555 0199");
    expect(preview).toContain("Words about a person's immigration status: refugee claimant");
    expect(preview).toContain("The response to the input of Somali Women Circle:");
    expect(preview).toContain("An e-mail address: office@example.org");
    expect(preview).not.toContain("Publish the report now");

    const refused = await convener.post(review, { intent: "publish", confirmed: "yes" });
    expect(refused.status).toBe(200);
    expect(unescapeHtml(await refused.text())).toContain(
      "The report still shows personal data: remove it before publishing.",
    );
    expect((await db().consultation.findUniqueOrThrow({ where: { id: consultation.id } })).status).toBe(
      "closed",
    );

    // Each finding in the aggregated input is replaced with "[removed]", from the preview's own forms.
    const forms = redactionForms(preview);
    expect(forms.map((form) => form.text).sort()).toEqual(["+1 514 555 0199", "refugee claimant"]);
    for (const form of forms) {
      const redacted = await convener.post(review, form);
      expect(unescapeHtml(await convener.landOn(redacted))).toContain("The organisation was told.");
    }
    // The same form posted again finds nothing to remove: refused, nothing changed.
    const again = await convener.post(review, forms[0]!);
    expect(unescapeHtml(await convener.landOn(again))).toContain(
      "That text has changed since the page was shown",
    );

    const versions = await db().submissionVersion.findMany({
      where: { submissionId: input.id },
      orderBy: { version: "asc" },
    });
    expect(versions.map((version) => version.version)).toEqual([1, 2, 3]);
    // The organisation's submitted version stays in the history; the published one is redacted.
    expect(JSON.parse(versions[0]!.answers)).toEqual({ [question.id]: original });
    expect(JSON.parse(versions[2]!.answers)).toEqual({
      [question.id]: "Childcare during classes; call Amina at [removed].",
    });
    expect(versions[2]!.aggregatedNote).toBe("We met 40 women; one is a [removed].");
    expect((await db().submission.findUniqueOrThrow({ where: { id: input.id } })).version).toBe(3);
    const audits = await db().auditEvent.findMany({
      where: { action: "consultation.input-redacted", subjectId: input.id },
    });
    expect(audits).toHaveLength(2);
    for (const audit of audits) expect(audit.detail).not.toMatch(/514|refugee/);
    const told = await db().notification.findMany({
      where: { personId: admin.id, message: "consultations.personalData.report.notification" },
    });
    expect(told).toHaveLength(2);

    // The response still holds an e-mail address: reworded in the review, then the report can be published.
    expect(unescapeHtml(await (await convener.get(report)).text())).not.toContain("Publish the report now");
    await convener.post(review, {
      intent: "respond",
      submissionIds: input.id,
      outcome: "not_accepted",
      explanation: "Write to us through the space.",
      changeMade: "",
    });
    const ready = unescapeHtml(await (await convener.get(report)).text());
    expect(ready).not.toContain("Personal data in the report");
    const published = await convener.post(review, { intent: "publish", confirmed: "yes" });
    expect(published.status).toBe(302);
    const seen = unescapeHtml(await (await (await signedIn(admin.email)).get(report)).text());
    expect(seen).toContain("Childcare during classes; call Amina at [removed].");
    expect(seen).not.toContain("514 555");
    expect(seen).not.toContain("refugee claimant");
  });
});

import { spend } from "~/modules/abuse/limits.server";
import { recordAudit } from "~/modules/audit/record.server";
import { hashPassword, isCommonPassword } from "~/modules/auth/password.server";
import type { Actor } from "~/modules/authorization/actor";
import { composeMail, sendMail } from "~/modules/mail/outbox.server";
import { isNameTaken, organisationName } from "~/modules/organisations/names.server";
import {
  issueEmailConfirmation,
  mailEmailConfirmation,
} from "~/modules/people/send-email-confirmation.server";
import { runCommand } from "~/utils/command.server";
import type { Tx } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { DomainError } from "~/utils/errors";
import { isLanguage, type Language } from "~/utils/i18n";
import type { NewAccount, OrganisationRegistration } from "./schema";

/** A signed-in person asks to register an organisation and becomes its administrator. */
export async function registerOrganisation(actor: Actor, organisation: OrganisationRegistration) {
  await spend([["registrations", `person:${actor.personId}`]]);
  return runCommand(async (tx, emit) => {
    await refuseTakenName(tx, organisation.name);
    const registered = await createPendingOrganisation(tx, actor.personId, organisation);
    emit("membership.changed", { organisationId: registered.id, personId: actor.personId });
    return { organisationId: registered.id, name: registered.name };
  });
}

/**
 * A visitor asks to register an organisation and open their account with it. For a new address, one
 * transaction creates both and the address gets a confirmation link; the account can do nothing until it
 * is followed. For an address that has an account, nothing is created and its owner is told by mail.
 * The caller cannot tell which happened: the same checks, the same password hashing, one mail either way
 * (ADR 0012). `language` is the visitor's, for the mail.
 */
export async function registerOrganisationWithAccount(
  organisation: OrganisationRegistration,
  account: NewAccount,
  client: { ipAddress: string },
  language: Language,
): Promise<void> {
  if (isCommonPassword(account.password)) throw new DomainError("validation.passwordCommon", "password");
  await spend([
    ["registrations", `address:${client.ipAddress}`],
    ["registrationMails", account.email],
  ]);
  // Hashed for a taken address too, so that the answer takes as long.
  const passwordHash = await hashPassword(account.password);
  const outcome = await runCommand(async (tx, emit) => {
    await refuseTakenName(tx, organisation.name);
    const owner = await tx.person.findUnique({
      where: { email: account.email },
      select: { name: true, locale: true },
    });
    if (owner) return { kind: "taken", owner } as const;
    const person = await tx.person.create({
      data: { name: account.name, email: account.email, passwordHash },
    });
    await recordAudit(tx, {
      actorId: person.id,
      action: "person.registered",
      subjectType: "person",
      subjectId: person.id,
    });
    const created = await createPendingOrganisation(tx, person.id, organisation);
    emit("membership.changed", { organisationId: created.id, personId: person.id });
    return { kind: "created", person, link: await issueEmailConfirmation(tx, person) } as const;
  });
  if (outcome.kind === "created") {
    await mailEmailConfirmation(outcome.person, outcome.link, language);
    return;
  }
  const ownerLanguage = isLanguage(outcome.owner.locale) ? outcome.owner.locale : language;
  // The organisation's name, typed by whoever asked, stays out of the mail: no one can send text of their
  // choosing to an account's address.
  const values = {
    name: outcome.owner.name,
    link: new URL(`/login?${new URLSearchParams({ redirectTo: "/register" })}`, env().PUBLIC_ORIGIN).href,
  };
  try {
    await sendMail({
      to: account.email,
      ...composeMail(ownerLanguage, "registration.mail.accountExists", values),
    });
  } catch (error) {
    console.error("The mail to an account's owner about a registration could not be sent", error);
  }
}

async function refuseTakenName(tx: Tx, name: string) {
  const { name: shown, nameSkeleton } = organisationName(name);
  if (await isNameTaken(tx, nameSkeleton)) {
    throw new DomainError("registration.errors.nameTaken", "name", { name: shown });
  }
}

/** The caller has refused a taken name first. */
async function createPendingOrganisation(tx: Tx, personId: string, input: OrganisationRegistration) {
  const organisation = await tx.organisation.create({
    data: {
      ...organisationName(input.name),
      type: input.type,
      governanceLevel: input.governanceLevel,
      place: input.place,
      country: input.country,
      website: input.website ?? null,
      description: input.description,
      contactName: input.contactName,
      contactEmail: input.contactEmail,
      verificationStatus: "pending",
    },
  });
  const membership = await tx.membership.create({
    data: { personId, organisationId: organisation.id, role: "admin" },
  });
  await recordAudit(tx, {
    actorId: personId,
    organisationId: organisation.id,
    action: "organisation.registered",
    subjectType: "organisation",
    subjectId: organisation.id,
    detail: {
      name: organisation.name,
      type: organisation.type,
      governanceLevel: organisation.governanceLevel,
    },
  });
  await recordAudit(tx, {
    actorId: personId,
    organisationId: organisation.id,
    action: "membership.created",
    subjectType: "membership",
    subjectId: membership.id,
    detail: { personId, role: "admin" },
  });
  return organisation;
}

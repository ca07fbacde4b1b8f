import { recordAudit } from "~/modules/audit/record.server";
import { hashPassword, isCommonPassword } from "~/modules/auth/password.server";
import { createSessionCookie } from "~/modules/auth/session.server";
import type { Actor } from "~/modules/authorization/actor";
import { runCommand } from "~/utils/command.server";
import type { Tx } from "~/utils/db.server";
import { DomainError } from "~/utils/errors";
import type { NewAccount, OrganisationRegistration } from "./schema";

type Client = { userAgent: string; ipAddress: string };

/** A signed-in person asks to register an organisation and becomes its administrator. */
export async function registerOrganisation(actor: Actor, organisation: OrganisationRegistration) {
  return runCommand(async (tx, emit) => {
    const registered = await createPendingOrganisation(tx, actor.personId, organisation);
    emit("membership.changed", { organisationId: registered.id, personId: actor.personId });
    return { organisationId: registered.id, name: registered.name };
  });
}

/**
 * A visitor asks to register an organisation and opens their account with it: one transaction creates
 * both, then they are signed in.
 */
export async function registerOrganisationWithAccount(
  organisation: OrganisationRegistration,
  account: NewAccount,
  client: Client,
) {
  if (isCommonPassword(account.password)) throw new DomainError("validation.passwordCommon", "password");
  const passwordHash = await hashPassword(account.password);
  const registered = await runCommand(async (tx, emit) => {
    const taken = await tx.person.findUnique({ where: { email: account.email }, select: { id: true } });
    if (taken) throw new DomainError("registration.errors.emailTaken", "accountEmail");
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
    return { organisationId: created.id, name: created.name, personId: person.id };
  });
  const cookie = await createSessionCookie(registered.personId, client);
  return { organisationId: registered.organisationId, name: registered.name, cookie };
}

async function createPendingOrganisation(tx: Tx, personId: string, input: OrganisationRegistration) {
  // lower() on both sides: the same comparison on SQLite and PostgreSQL (SQLite folds ASCII letters only).
  const sameName = await tx.$queryRaw<{ id: string }[]>`
    SELECT CAST("id" AS TEXT) AS id FROM "Organisation" WHERE lower("name") = lower(${input.name}) LIMIT 1`;
  if (sameName.length > 0) {
    throw new DomainError("registration.errors.nameTaken", "name", { name: input.name });
  }
  const organisation = await tx.organisation.create({
    data: {
      name: input.name,
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

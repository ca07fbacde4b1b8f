import { AsyncLocalStorage } from "node:async_hooks";
import { randomBytes } from "node:crypto";
import type { Actor } from "~/modules/authorization/actor";
import { db, type Tx } from "./db.server";
import { singleton } from "./singleton.server";

/** The hidden field every ValidatedForm carries (app/components/ui/form.tsx). */
export const formTokenField = "formToken";

/** How long a post's token is remembered: past this, sending the same form again would create again. */
export const formTokenLifetimeMs = 24 * 60 * 60 * 1000;

/** What a form token looks like (the page's seed and the form's id, see useFormToken): anything else is ignored. */
const tokenPattern = /^[A-Za-z0-9_-]{16,64}:[A-Za-z0-9_:.-]{1,120}$/;

type Claim = {
  personId: string;
  token: string;
  redirectFor: (result: never) => string;
  claimed: boolean;
};

function claims() {
  return singleton("form-token-claims", () => new AsyncLocalStorage<Claim>());
}

/** A unique-key violation: the same token was recorded first by another post of the same form. */
function isReplay(error: unknown) {
  return Boolean(error && typeof error === "object" && (error as { code?: unknown }).code === "P2002");
}

/**
 * Runs a form post's command once per form render. The first command the work runs (runCommand) records the
 * form's token in its own transaction, with where the answer sends the browser (`redirectFor(result)`, result
 * being what the command returned): a second post of the same form — sequential or at the same moment — fails
 * on the token's key, its transaction creates nothing, and it gets `{ replay: redirectTo }` to answer as the
 * first post did. A post without a well-formed token (a client of its own) runs as before.
 */
export async function submitOnce<R, C = never>(
  actor: Actor,
  formData: FormData,
  redirectFor: string | ((result: C) => string),
  work: () => Promise<R>,
): Promise<{ replay: string } | { replay: null; value: R }> {
  const token = formData.get(formTokenField);
  if (typeof token !== "string" || !tokenPattern.test(token)) return { replay: null, value: await work() };
  const claim: Claim = {
    personId: actor.personId,
    token,
    redirectFor: (typeof redirectFor === "string" ? () => redirectFor : redirectFor) as Claim["redirectFor"],
    claimed: false,
  };
  try {
    return { replay: null, value: await claims().run(claim, work) };
  } catch (error) {
    if (!isReplay(error) || !claim.claimed) throw error;
    const first = await db().formToken.findUnique({
      where: { personId_token: { personId: actor.personId, token } },
      select: { redirectTo: true },
    });
    // The first post's row is committed (its key refused ours), so it is there unless it just expired.
    if (!first) throw error;
    return { replay: first.redirectTo };
  }
}

/**
 * Called by runCommand at the start of a command's transaction: records the token of the form being
 * submitted (once per post), and returns what to call with the command's result before the commit.
 */
export async function claimFormToken(tx: Tx): Promise<((result: unknown) => Promise<void>) | null> {
  const claim = claims().getStore();
  if (!claim || claim.claimed) return null;
  claim.claimed = true;
  const now = new Date();
  await tx.formToken.create({
    data: {
      personId: claim.personId,
      token: claim.token,
      expiresAt: new Date(now.getTime() + formTokenLifetimeMs),
    },
  });
  return async (result) => {
    await tx.formToken.update({
      where: { personId_token: { personId: claim.personId, token: claim.token } },
      data: { redirectTo: claim.redirectFor(result as never) },
    });
  };
}

/** Removes the tokens past their lifetime (a scheduled job). */
export async function sweepExpiredFormTokens(now: Date) {
  const { count } = await db().formToken.deleteMany({ where: { expiresAt: { lt: now } } });
  return count;
}

/** A fresh random seed for one page render's form tokens (the root loader's formSeed). */
export function newFormSeed() {
  return randomBytes(16).toString("base64url");
}

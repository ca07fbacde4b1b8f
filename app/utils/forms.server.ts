import type { Submission } from "@conform-to/react";
import { DomainError } from "./errors";

/** A DomainError as a form message: its catalogue key, with its values after a "?" (see translateMessage). */
export function encodeMessage(error: DomainError): string {
  if (!error.values) return error.messageKey;
  const query = new URLSearchParams(
    Object.entries(error.values).map(([name, value]) => [name, String(value)]),
  );
  return `${error.messageKey}?${query}`;
}

/**
 * Runs a command for a form post; a DomainError becomes a field or form error that keeps what was typed
 * (except the fields named in `hideFields`, such as passwords). Other errors propagate to the error page.
 */
export async function attempt<T, R>(
  submission: Submission<unknown>,
  work: () => Promise<R>,
  options: { hideFields?: string[] } = {},
): Promise<{ ok: true; value: R } | { ok: false; reply: ReturnType<Submission<T>["reply"]> }> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const message = encodeMessage(error);
    const reply = submission.reply({
      ...(error.field ? { fieldErrors: { [error.field]: [message] } } : { formErrors: [message] }),
      hideFields: options.hideFields,
    });
    return { ok: false, reply };
  }
}

import type { Submission } from "@conform-to/react";
import { DomainError, RefusalError } from "./errors";
import { redirectWithToast } from "./toast.server";

const formMediaTypes = new Set(["application/x-www-form-urlencoded", "multipart/form-data"]);

/** The media type of a Content-Type header, without its parameters, in lower case. */
export function mediaType(contentType: string | null | undefined) {
  return (contentType ?? "").split(";")[0]!.trim().toLowerCase();
}

/** Whether a Content-Type is one of the two that forms are sent as, with or without JavaScript. */
export function isFormContentType(contentType: string | null | undefined) {
  return formMediaTypes.has(mediaType(contentType));
}

/**
 * The longest field name a form may use. Ours are short paths ("questions[2].options"); Conform builds one
 * nested object level per path segment, so a name of thousands of segments overflowed the stack.
 */
export const maxFieldNameLength = 256;

/**
 * The form of a POST, for every action: a body of another type is answered 415, and one that cannot be read
 * (a broken multipart body, a missing boundary, a field name past maxFieldNameLength) 400, each with the page
 * that says so, instead of failing as an unexpected error. (server/security.ts refuses other types first.)
 */
export async function readForm(request: Request): Promise<FormData> {
  if (!isFormContentType(request.headers.get("Content-Type"))) throw new RefusalError(415);
  const formData = await request.formData().catch(() => null);
  if (!formData || [...formData.keys()].some((name) => name.length > maxFieldNameLength))
    throw new RefusalError(400);
  return formData;
}

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
 * (except the fields named in `hideFields`, such as passwords). Refusals and other errors propagate: to their
 * status page (refusals.server.ts) or to the error page.
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

/**
 * Runs a command posted by a button, with no form to show a refusal in: back to `to` with a toast, `success`
 * or the DomainError's message. Refusals and other errors propagate, as in `attempt`.
 */
export async function attemptWithToast(to: string, success: string, work: () => Promise<unknown>) {
  try {
    await work();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const values = error.values
      ? Object.fromEntries(Object.entries(error.values).map(([name, value]) => [name, String(value)]))
      : undefined;
    return redirectWithToast(to, { kind: "error", message: error.messageKey, values });
  }
  return redirectWithToast(to, { kind: "success", message: success });
}

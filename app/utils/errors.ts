/**
 * A refusal the person can act on. `messageKey` names a catalogue message; `field` ties it to a form field.
 * Routes turn it into a field or form error; anything else thrown is a bug and gets the generic error page.
 */
export class DomainError extends Error {
  constructor(
    readonly messageKey: string,
    readonly field?: string,
    readonly values?: Record<string, string | number>,
  ) {
    super(messageKey);
    this.name = "DomainError";
  }
}

export function notFound(): never {
  throw new Response(null, { status: 404, statusText: "Not Found" });
}

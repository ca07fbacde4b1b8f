/**
 * A refusal the person can act on. `messageKey` names a catalogue message; `field` ties it to a form field.
 * Routes turn it into a field or form error (`attempt` in forms.server.ts); anything else thrown is a bug and
 * gets the generic error page.
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

/**
 * A refusal that is answered with a page rather than a form message: what was asked for does not exist or is
 * not for this person (404, indistinguishable from a page that does not exist), they take part but may not do
 * it (403), what they sent cannot be read (400, 415) or is larger than allowed (413). Thrown by modules and routes alike; the edge of the
 * server turns it into its status (answerRefusals in refusals.server.ts).
 */
export class RefusalError extends Error {
  constructor(readonly status: keyof typeof refusalKeys) {
    super(`common.errors.${refusalKeys[status]}`);
    this.name = "RefusalError";
  }
}

const refusalKeys = {
  400: "badRequest",
  403: "forbidden",
  404: "notFound",
  413: "tooLarge",
  415: "badRequest",
} as const;

/**
 * Whether `error` is a RefusalError. Not `instanceof`: the server (server/) and the Remix build each hold their
 * own copy of this module, so a refusal thrown in a route is an instance of the build's class only.
 */
export function isRefusal(error: unknown): error is RefusalError {
  return error instanceof Error && error.name === "RefusalError" && "status" in error;
}

export function notFound(): never {
  throw new RefusalError(404);
}

export function forbidden(): never {
  throw new RefusalError(403);
}

import { data } from "@remix-run/node";

/**
 * A form the server refused — it did not pass its schema, or the command refused it with a message — answered
 * 400 with the form's reply, so the page shows the messages and what was typed, and clients that read only
 * the status see the refusal.
 */
export function refusedForm<T>(reply: T) {
  return data(reply, { status: 400 });
}

import { useActionData } from "@remix-run/react";
import type { SerializeFrom } from "@remix-run/node";

type Action = (...args: never[]) => unknown;

/** What an action answers a form with, as the page receives it: its returns, the redirects left out. */
export type FormReply<A extends Action> = SerializeFrom<() => Exclude<Awaited<ReturnType<A>>, Response>>;

/**
 * The route action's answer to the last form posted, typed by the action (`useFormReply<typeof action>()`);
 * with a form id, only when the action answered that form (`{ formId, … }`: a page with several forms tells
 * their answers apart by id).
 */
export function useFormReply<A extends Action>(): FormReply<A> | undefined;
export function useFormReply<A extends Action>(
  formId: string,
): Extract<FormReply<A>, { formId: string }> | undefined;
export function useFormReply<A extends Action>(formId?: string) {
  const reply = useActionData<A>() as FormReply<A> | undefined;
  if (formId === undefined) return reply;
  return reply && typeof reply === "object" && "formId" in reply && reply.formId === formId
    ? reply
    : undefined;
}

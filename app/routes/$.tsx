import { notFound } from "~/utils/errors";

/**
 * Any address no other route serves. Being a route, it runs the root loader first, so the page that says
 * "not found" has the signed-in person's header rather than a signed-out one.
 */
export function loader(): never {
  notFound();
}

export default function NotFound() {
  return null;
}

import type { ShouldRevalidateFunctionArgs } from "@remix-run/react";
import { afterEach, describe, expect, it } from "vitest";
import { endLiveRevalidation, revalidateFor, revalidatesOn } from "./live-revalidation";

const page = new URL("http://localhost/spaces/s1/updates");
const args = (overrides: Partial<ShouldRevalidateFunctionArgs> = {}) =>
  ({
    currentUrl: page,
    nextUrl: page,
    currentParams: {},
    nextParams: {},
    defaultShouldRevalidate: true,
    ...overrides,
  }) as ShouldRevalidateFunctionArgs;

afterEach(() => endLiveRevalidation());

describe("a route's revalidation for live changes", () => {
  const updates = revalidatesOn(["space", "update"]);
  let revalidations = 0;
  const revalidate = () => void revalidations++;

  it("runs the loader for a change it shows, and skips it for one it does not", () => {
    revalidateFor("concern", revalidate);
    expect(updates(args())).toBe(false);
    revalidateFor("update", revalidate);
    expect(updates(args())).toBe(true);
    expect(revalidations).toBe(2);
  });

  it("leaves every other revalidation to Remix: after the live one, on a navigation, after an action", () => {
    revalidateFor("concern", revalidate);
    expect(updates(args({ nextUrl: new URL("http://localhost/spaces/s1/concerns") }))).toBe(true);
    expect(updates(args({ formMethod: "POST" }))).toBe(true);
    expect(updates(args({ formMethod: "POST", defaultShouldRevalidate: false }))).toBe(false);
    endLiveRevalidation();
    expect(updates(args())).toBe(true);
  });
});

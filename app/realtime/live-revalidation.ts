import type { ShouldRevalidateFunction } from "@remix-run/react";
import type { SpaceChange } from "./contract";

/**
 * What the live revalidation under way was asked for: the kinds of the "space:changed" events that started it
 * (several when they came while it ran). Empty for every other revalidation (after an action, on catching up).
 */
const revalidatingFor = new Set<SpaceChange>();

/** Revalidates the page for a live change: only the loaders whose routes show `what` run again. */
export function revalidateFor(what: SpaceChange, revalidate: () => void) {
  revalidatingFor.add(what);
  revalidate();
}

/** The live revalidation is over (or another kind begins): every loader runs again on the next one. */
export function endLiveRevalidation() {
  revalidatingFor.clear();
}

/**
 * A route's `shouldRevalidate` for live changes: on a revalidation for a live change, its loader runs only
 * when the route shows one of the kinds of change that came (`shows`); anything else (navigations, actions,
 * catching up) revalidates as Remix would. A route without it revalidates on every change, which is the safe
 * default for a page that shows a bit of everything.
 */
export function revalidatesOn(shows: SpaceChange[]): ShouldRevalidateFunction {
  return ({ currentUrl, nextUrl, formMethod, defaultShouldRevalidate }) => {
    const live = revalidatingFor.size > 0 && !formMethod && currentUrl.href === nextUrl.href;
    if (live && !shows.some((kind) => revalidatingFor.has(kind))) return false;
    return defaultShouldRevalidate;
  };
}

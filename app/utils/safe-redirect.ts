// Any origin serves: only whether the target stays on it matters.
const ownOrigin = "https://concord.invalid";
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const controlOrBackslash = /[\u0000-\u001f\u007f\\]/;

/**
 * The path to send someone to after a form (sign-in, language, organisation), or `fallback` when `target`
 * could lead off Concord. Browsers drop tabs and newlines and read `\` as `/`, so `/\t/evil.example` and
 * `/\evil.example` mean `//evil.example`: the target is parsed as a URL, must keep our origin, and neither it
 * nor its decoded path may hold a control character or a backslash, or start with `//`.
 */
export function safeRedirectPath(target: unknown, fallback = "/"): string {
  if (typeof target !== "string" || !target.startsWith("/") || controlOrBackslash.test(target))
    return fallback;
  let url: URL;
  let decodedPath: string;
  try {
    url = new URL(target, ownOrigin);
    decodedPath = decodeURIComponent(url.pathname);
  } catch {
    return fallback;
  }
  if (url.origin !== ownOrigin || decodedPath.startsWith("//") || controlOrBackslash.test(decodedPath)) {
    return fallback;
  }
  return `${url.pathname}${url.search}${url.hash}`;
}

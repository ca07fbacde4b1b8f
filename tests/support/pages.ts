/** The href of a list page's "next" or "prev" link (the Pagination component), decoded as a browser would. */
export function pageLink(html: string, rel: "next" | "prev"): string | null {
  const anchor = new RegExp(`<a [^>]*rel="${rel}"[^>]*>`).exec(html)?.[0];
  const href = anchor && /href="([^"]*)"/.exec(anchor)?.[1];
  return href ? href.replaceAll("&amp;", "&") : null;
}

/** Text as the browser reads it from an attribute or element the server escaped. */
export function unescapeHtml(value: string) {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/**
 * The base an organisation's respond form was opened with (its hidden `baseline` field), as the browser posts it
 * back; throws when the page has no such form.
 */
export function baselineOf(html: string, organisationId: string, aggregated = false) {
  const start = html.indexOf(`id="input-${organisationId}-${aggregated ? "aggregated" : "own"}"`);
  const match = start === -1 ? null : /name="baseline" value="([^"]*)"/.exec(html.slice(start));
  if (!match) throw new Error(`no respond form of organisation ${organisationId} on the page`);
  return unescapeHtml(match[1]!);
}

/** The href of a list page's "next" or "prev" link (the Pagination component), decoded as a browser would. */
export function pageLink(html: string, rel: "next" | "prev"): string | null {
  const anchor = new RegExp(`<a [^>]*rel="${rel}"[^>]*>`).exec(html)?.[0];
  const href = anchor && /href="([^"]*)"/.exec(anchor)?.[1];
  return href ? href.replaceAll("&amp;", "&") : null;
}

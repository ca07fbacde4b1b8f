import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** The links of a keyset-paginated list page, as its loader sends them (PageLinks in keyset.server.ts). */
export type PaginationLinks = { previous: string | null; next: string | null; invalidCursor: boolean };

/**
 * The links between the pages of a list: plain links, so they work without JavaScript. "time" lists (newest
 * first) say Newer / Older, "sequence" lists (by name) Previous / Next. The arrows point the way the text
 * reads (mirrored in Arabic) and are hidden from screen readers, which read the words and `rel`.
 */
export function Pagination({
  label,
  links,
  kind = "sequence",
}: {
  /** What the pages are of, for the navigation landmark: "Pages of updates". */
  label: string;
  links: PaginationLinks;
  kind?: "time" | "sequence";
}) {
  const { t, i18n } = useTranslation();
  if (!links.previous && !links.next) return null;
  const rtl = i18n.dir() === "rtl";
  const back = rtl ? "→" : "←";
  const forward = rtl ? "←" : "→";
  return (
    <nav aria-label={label} className="pagination">
      {links.previous ? (
        <Link to={links.previous} rel="prev" className="pagination__link" prefetch="none">
          <span aria-hidden="true">{back}</span> {t(`common.pagination.${kind}.previous`)}
        </Link>
      ) : null}
      {links.next ? (
        <Link to={links.next} rel="next" className="pagination__link pagination__next" prefetch="none">
          {t(`common.pagination.${kind}.next`)} <span aria-hidden="true">{forward}</span>
        </Link>
      ) : null}
    </nav>
  );
}

/** Above a list whose `?cursor=` was refused: says why the reader is back at the start. */
export function InvalidCursorNotice({ links }: { links: PaginationLinks }) {
  const { t } = useTranslation();
  if (!links.invalidCursor) return null;
  return (
    <p className="notice" role="status">
      {t("common.pagination.invalidCursor")}
    </p>
  );
}

/** A count read with countUpTo: "1,000+" once it passed its cap, in the reader's digits. */
export function CappedCount({ count, more }: { count: number; more: boolean }) {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language).format(count);
  return <>{more ? t("common.pagination.atLeast", { count: number }) : number}</>;
}

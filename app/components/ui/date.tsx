import { useEffect } from "react";
import { useRevalidator } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useRootData } from "~/root";

/**
 * How a date is written. "day" and "moment" are instants, shown in the reader's time zone; "calendar-day" is a
 * date without a time (a closing date, a due date: stored as midnight UTC), shown as that day wherever the
 * reader is.
 */
type DateStyle = "day" | "moment" | "calendar-day";

const formats: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  day: { dateStyle: "medium" },
  moment: { dateStyle: "medium", timeStyle: "short" },
  "calendar-day": { dateStyle: "medium", timeZone: "UTC" },
};

export function useDateFormat() {
  const { i18n } = useTranslation();
  const timeZone = useRootData()?.timeZone ?? "UTC";
  return (value: string | Date, style: DateStyle = "day") =>
    new Intl.DateTimeFormat(i18n.language, { timeZone, ...formats[style] }).format(new Date(value));
}

/** One date, written one way in every page: in the reader's language and time zone. */
export function DateText({ value, style = "day" }: { value: string | Date; style?: DateStyle }) {
  const format = useDateFormat();
  const date = new Date(value);
  return <time dateTime={date.toISOString()}>{format(date, style)}</time>;
}

const dayMs = 24 * 60 * 60 * 1000;

/** "in 3 days", "yesterday", "in 2 weeks"…, in the reader's language, counted in whole days from now. */
export function RelativeDays({ value, now = new Date() }: { value: string | Date; now?: Date }) {
  const { i18n } = useTranslation();
  const days = Math.round((new Date(value).getTime() - now.getTime()) / dayMs);
  const format = new Intl.RelativeTimeFormat(i18n.language, { numeric: "auto" });
  return (
    <>{Math.abs(days) >= 14 ? format.format(Math.round(days / 7), "week") : format.format(days, "day")}</>
  );
}

/**
 * Tells the server the browser's time zone (a cookie), and reads the page again the first time it differs, so
 * that dates are written in the reader's time zone from then on; without JavaScript they stay in UTC.
 */
export function useReaderTimeZone() {
  const serverTimeZone = useRootData()?.timeZone;
  const revalidator = useRevalidator();
  useEffect(() => {
    const browserTimeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!serverTimeZone || !browserTimeZone || browserTimeZone === serverTimeZone) return;
    document.cookie = `tz=${encodeURIComponent(browserTimeZone)}; path=/; max-age=31536000; samesite=lax`;
    revalidator.revalidate();
    // Once per page load: the revalidation brings the new zone, and a zone the server refuses stays UTC.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
}

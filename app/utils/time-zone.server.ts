const cookiePattern = /(?:^|;\s*)tz=([^;]*)/;

/**
 * The reader's time zone, as their browser last told it (the `tz` cookie set by useReaderTimeZone), else UTC.
 * A value that is not an IANA zone the server knows is ignored.
 */
export function readerTimeZone(request: Request): string {
  const raw = cookiePattern.exec(request.headers.get("Cookie") ?? "")?.[1];
  if (!raw) return "UTC";
  try {
    const zone = decodeURIComponent(raw);
    return new Intl.DateTimeFormat("en", { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return "UTC";
  }
}

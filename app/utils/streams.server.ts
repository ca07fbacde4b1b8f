import type { Readable } from "node:stream";
import { createReadableStreamFromReadable } from "@remix-run/node";

/**
 * A Node stream as the web stream a `Response` or `Request` body needs. Remix's converter, when the web
 * stream is cancelled (a client abandoning a download, a parser giving up on a request body), destroys the
 * Node stream with the cancel reason and stops listening to it at once: the `error` event that `destroy()`
 * then emits would reach no listener and end the process. While the converter listens, errors still reach
 * the web stream through it; this listener only takes the ones that come after, which nobody awaits.
 */
export function toWebStream(source: Readable): ReadableStream<Uint8Array> {
  source.on("error", ignoreErrorAfterCancel);
  return createReadableStreamFromReadable(source);
}

function ignoreErrorAfterCancel() {}

/**
 * A streaming reader of multipart/form-data bodies (RFC 7578, as the HTML standard has browsers write them),
 * for the form that carries a file: its parts come one at a time, so a file goes to disk as it arrives.
 * Remix's parser (@web3-storage/multipart-parser) splits Content-Disposition at every ";" and "=", quoted or
 * not, so it refused file names such as "a=b;c.pdf" that browsers send quoted; this one reads quoted values.
 */

import { maxFieldNameLength } from "./forms.server";

/** A body that is not the multipart/form-data it claims to be, or that ended before its closing boundary. */
export class UnreadableFormError extends Error {
  constructor(reason: string) {
    super(`unreadable multipart/form-data: ${reason}`);
    this.name = "UnreadableFormError";
  }
}

export type FormPart = {
  name: string;
  /** The file name the browser gave, as sent; null for a text field. */
  filename: string | null;
  /** The part's bytes. A part not read to its end is skipped when the next part is asked for. */
  data: AsyncIterable<Uint8Array>;
};

const crlf = Buffer.from("\r\n");
const headerEnd = Buffer.from("\r\n\r\n");
const maxPreambleBytes = 16 * 1024;
const maxHeaderBytes = 16 * 1024;
const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * A header value with parameters, as in Content-Type and Content-Disposition: `type; key=token;
 * key="quoted string"`. Quoted values may hold ";" and "="; they end at the next quote, since browsers write
 * a quote inside a name as %22 (they do not escape with backslashes). Null when it cannot be read.
 */
export function parseHeaderValue(value: string): { type: string; params: Map<string, string> } | null {
  const params = new Map<string, string>();
  let position = value.indexOf(";");
  const type = value
    .slice(0, position === -1 ? value.length : position)
    .trim()
    .toLowerCase();
  if (position === -1) return { type, params };
  while (position < value.length) {
    position += 1; // past the ";"
    while (value[position] === " " || value[position] === "\t") position += 1;
    if (position >= value.length) break;
    const equals = value.indexOf("=", position);
    const semicolon = value.indexOf(";", position);
    if (equals === -1 || (semicolon !== -1 && semicolon < equals)) return null;
    const key = value.slice(position, equals).trim().toLowerCase();
    if (!key) return null;
    position = equals + 1;
    while (value[position] === " " || value[position] === "\t") position += 1;
    let parameter: string;
    if (value[position] === '"') {
      const closing = value.indexOf('"', position + 1);
      if (closing === -1) return null;
      parameter = value.slice(position + 1, closing);
      position = closing + 1;
      while (value[position] === " " || value[position] === "\t") position += 1;
      if (position < value.length && value[position] !== ";") return null;
    } else {
      const end = semicolon === -1 ? value.length : semicolon;
      parameter = value.slice(position, end).trim();
      position = end;
    }
    if (!params.has(key)) params.set(key, parameter);
  }
  return { type, params };
}

/** What browsers percent-encode in a part's name and file name (the HTML standard's multipart encoding). */
function decodeFormName(name: string) {
  return name.replace(/%(22|0D|0A)/gi, (_, code: string) => String.fromCharCode(parseInt(code, 16)));
}

function parsePartHeaders(block: Buffer): { name: string; filename: string | null } {
  let text: string;
  try {
    text = utf8.decode(block);
  } catch {
    throw new UnreadableFormError("a part's headers are not UTF-8");
  }
  let disposition: ReturnType<typeof parseHeaderValue> | undefined;
  for (const line of text.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon <= 0) throw new UnreadableFormError("a part's header line has no name");
    if (line.slice(0, colon).trim().toLowerCase() === "content-disposition")
      disposition = parseHeaderValue(line.slice(colon + 1).trim());
  }
  const name = disposition?.params.get("name");
  if (!disposition || disposition.type !== "form-data" || name === undefined)
    throw new UnreadableFormError("a part has no readable Content-Disposition: form-data with a name");
  if (name.length > maxFieldNameLength) throw new UnreadableFormError("a field name is too long");
  const filename = disposition.params.get("filename");
  return { name: decodeFormName(name), filename: filename === undefined ? null : decodeFormName(filename) };
}

/** The request body as a buffer that is read further on demand. */
class BodyReader {
  private buffered = Buffer.alloc(0);
  private ended = false;

  constructor(private readonly reader: ReadableStreamDefaultReader<Uint8Array>) {}

  get buffer() {
    return this.buffered;
  }

  /** Reads one more chunk of the body into the buffer; false when the body has ended. */
  async more(): Promise<boolean> {
    if (this.ended) return false;
    const { done, value } = await this.reader.read();
    if (done) {
      this.ended = true;
      return false;
    }
    this.buffered = this.buffered.length === 0 ? Buffer.from(value) : Buffer.concat([this.buffered, value]);
    return true;
  }

  take(length: number): Buffer {
    const taken = this.buffered.subarray(0, length);
    this.buffered = this.buffered.subarray(length);
    return taken;
  }

  /** Reads until the buffer holds `needle` within its first `limit` bytes: its index, or -1 if it never does. */
  async find(needle: Buffer, limit: number): Promise<number> {
    for (;;) {
      const index = this.buffered.indexOf(needle);
      if (index !== -1 && index <= limit) return index;
      if (this.buffered.length > limit + needle.length || !(await this.more())) return -1;
    }
  }

  /** Reads at least `length` bytes into the buffer, if the body has them. */
  async fill(length: number) {
    while (this.buffered.length < length && (await this.more()));
    return this.buffered.length >= length;
  }

  /** Reads what is left of the body and drops it, so that the connection can carry the answer. */
  async discardRest() {
    try {
      while (await this.more()) this.take(this.buffered.length);
    } catch {
      // The body failed (the client went away): there is nothing left to read.
    }
  }
}

/**
 * The parts of a multipart/form-data request, in order. Throws UnreadableFormError when the body breaks the
 * format (or the Content-Type has no usable boundary); whatever happens, the rest of the body is read and
 * dropped before the generator finishes.
 */
export async function* readMultipart(request: Request): AsyncGenerator<FormPart, void, undefined> {
  const boundary = parseHeaderValue(request.headers.get("Content-Type") ?? "")?.params.get("boundary");
  if (!boundary || !/^[ -~]{1,70}$/.test(boundary)) throw new UnreadableFormError("no usable boundary");
  if (!request.body) throw new UnreadableFormError("no body");
  const reader = new BodyReader(request.body.getReader());
  const dashBoundary = Buffer.from(`--${boundary}`);
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  try {
    const first = await reader.find(dashBoundary, maxPreambleBytes);
    if (first === -1) throw new UnreadableFormError("no boundary");
    reader.take(first + dashBoundary.length);
    for (;;) {
      if (!(await reader.fill(2))) throw new UnreadableFormError("the body ends after a boundary");
      if (reader.buffer[0] === 0x2d && reader.buffer[1] === 0x2d) return; // "--": the closing boundary
      const lineEnd = await reader.find(crlf, 256);
      if (lineEnd === -1 || reader.take(lineEnd).toString("latin1").trim() !== "")
        throw new UnreadableFormError("a boundary line has more than the boundary");
      reader.take(crlf.length);
      const headersLength = await reader.find(headerEnd, maxHeaderBytes);
      if (headersLength === -1) throw new UnreadableFormError("a part's headers do not end");
      const headers = parsePartHeaders(reader.take(headersLength));
      reader.take(headerEnd.length);

      let partOpen = true;
      const nextChunk = async (): Promise<Buffer | null> => {
        for (;;) {
          if (!partOpen) return null;
          const index = reader.buffer.indexOf(delimiter);
          if (index !== -1) {
            const chunk = reader.take(index);
            reader.take(delimiter.length);
            partOpen = false;
            return chunk.length > 0 ? chunk : null;
          }
          // Everything but a possible start of the delimiter belongs to the part.
          const safe = reader.buffer.length - (delimiter.length - 1);
          if (safe > 0) return reader.take(safe);
          if (!(await reader.more())) throw new UnreadableFormError("the body ends inside a part");
        }
      };
      yield {
        ...headers,
        data: {
          async *[Symbol.asyncIterator]() {
            for (let chunk = await nextChunk(); chunk; chunk = await nextChunk()) yield chunk;
          },
        },
      };
      while (await nextChunk());
    }
  } finally {
    await reader.discardRest();
  }
}

/** A text part's value, decoded as UTF-8; `tooLarge` is thrown when it holds more than `limit` bytes. */
export async function readTextPart(data: AsyncIterable<Uint8Array>, limit: number, tooLarge: () => unknown) {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of data) {
    size += chunk.length;
    if (size > limit) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

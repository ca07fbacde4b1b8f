import { randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { RefusalError } from "~/utils/errors";
import { mediaType, readForm } from "~/utils/forms.server";
import { readMultipart, readTextPart, UnreadableFormError, type FormPart } from "~/utils/multipart.server";
import { toWebStream } from "~/utils/streams.server";
import { maxUpdateFileBytes, updateFileType } from "./schema";

/** A file received with an update, stored under a random key; its name, size and type go in the row. */
export type StoredFile = { key: string; name: string; size: number; type: string };

/** What came of the file part of an update form: nothing chosen, stored, or refused with a message key. */
export type UploadOutcome =
  { status: "none" } | { status: "stored"; file: StoredFile } | { status: "refused"; message: string };

/** Text fields are small (an update's body is at most 10,000 characters). */
const maxTextPartBytes = 256 * 1024;
const keyPattern = /^[A-Za-z0-9_-]{32}$/;

function uploadsDirectory() {
  return path.resolve(env().DATA_DIR, "uploads");
}

class FileTooLargeError extends Error {}

const tooLarge = () => new RefusalError(413);

/**
 * Reads an update form. The file part is streamed to `${DATA_DIR}/uploads/<random key>` (never a path made
 * from the browser's file name) and refused when it is too large or of a kind we do not accept; the other
 * fields are read into memory. A form without a file may also come URL-encoded. A multipart body that cannot
 * be read gives `formError` (a message key) with the fields read before the fault, and stores nothing.
 */
export async function receiveUpdateForm(
  request: Request,
): Promise<{ formData: FormData; upload: UploadOutcome; formError: string | null }> {
  if (mediaType(request.headers.get("Content-Type")) !== "multipart/form-data")
    return { formData: await readForm(request), upload: { status: "none" }, formError: null };

  const formData = new FormData();
  let upload: UploadOutcome = { status: "none" };
  try {
    for await (const part of readMultipart(request)) {
      // One file per update: a second file, or a file under another name, is read past and dropped.
      if (part.name === "file") {
        if (part.filename && upload.status === "none") upload = await storeFile(part, part.filename);
      } else if (part.filename === null) {
        formData.append(part.name, await readTextPart(part.data, maxTextPartBytes, tooLarge));
      }
    }
    return { formData, upload, formError: null };
  } catch (error) {
    await discardUpload(upload);
    if (error instanceof UnreadableFormError)
      return { formData, upload: { status: "none" }, formError: "updates.errors.unreadableForm" };
    throw error;
  }
}

/**
 * Writes a file part under a new key. Whatever stops it before its end (too large, the client gone, a full
 * disk), the partial file is removed here: no record will ever point to it.
 */
async function storeFile(part: FormPart, sentName: string): Promise<UploadOutcome> {
  const name = displayFileName(sentName);
  const type = updateFileType(name);
  if (!type) return { status: "refused", message: "updates.errors.fileType" };
  const key = randomBytes(24).toString("base64url");
  const filePath = path.join(uploadsDirectory(), key);
  await mkdir(uploadsDirectory(), { recursive: true });
  let size = 0;
  try {
    await pipeline(
      part.data,
      async function* countBytes(chunks: AsyncIterable<Uint8Array>) {
        for await (const chunk of chunks) {
          size += chunk.length;
          if (size > maxUpdateFileBytes) throw new FileTooLargeError();
          yield chunk;
        }
      },
      createWriteStream(filePath, { flags: "wx" }),
    );
  } catch (error) {
    await rm(filePath, { force: true });
    if (error instanceof FileTooLargeError)
      return { status: "refused", message: "updates.errors.fileTooLarge" };
    throw error;
  }
  return { status: "stored", file: { key, name, size, type } };
}

/**
 * The name a file is shown and downloaded under: the last part of the path the browser sent, without control
 * characters, bidirectional controls (which can make "cod.exe" read as "exe.doc") or line separators, with
 * runs of white space as one space, and at most 255 characters (its end kept, for the extension).
 */
export function displayFileName(sent: string) {
  const base = sent.split(/[/\\]/).pop() ?? "";
  const clean = base
    .normalize("NFC")
    .replace(/[\p{Cc}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\u2028\u2029]/gu, "")
    .replace(/\s+/g, " ")
    .trim();
  return [...clean].slice(-255).join("").trim();
}

/** Removes a stored file that no update will point to (the form had errors or was refused). */
export async function discardUpload(upload: UploadOutcome) {
  if (upload.status === "stored") await rm(path.join(uploadsDirectory(), upload.file.key), { force: true });
}

/** An hour: far longer than any upload takes between its last byte and the commit of its update. */
const orphanAgeMs = 60 * 60 * 1000;

/**
 * Removes the files of the uploads folder that no update points to and that nothing has written to for an
 * hour: what a request cut short by a crash left behind (requests remove their own partial files). Returns
 * how many it removed.
 */
export async function sweepOrphanUploads(now = Date.now()): Promise<number> {
  const directory = uploadsDirectory();
  const names = await readdir(directory).catch((): string[] => []);
  const old: string[] = [];
  for (const name of names) {
    if (!keyPattern.test(name)) continue;
    const found = await stat(path.join(directory, name)).catch(() => null);
    if (found?.isFile() && now - found.mtimeMs > orphanAgeMs) old.push(name);
  }
  let removed = 0;
  for (let start = 0; start < old.length; start += 500) {
    const keys = old.slice(start, start + 500);
    const referenced = await db().spaceUpdate.findMany({
      where: { fileKey: { in: keys } },
      select: { fileKey: true },
    });
    const kept = new Set(referenced.map((update) => update.fileKey));
    for (const key of keys.filter((candidate) => !kept.has(candidate))) {
      await rm(path.join(directory, key), { force: true });
      removed += 1;
    }
  }
  return removed;
}

/**
 * The stored file as a web stream, or null when it is gone; only keys we made are accepted, so no path can
 * leave the uploads folder.
 */
export async function openStoredFile(key: string) {
  if (!keyPattern.test(key)) return null;
  const filePath = path.join(uploadsDirectory(), key);
  const found = await stat(filePath).catch(() => null);
  if (!found?.isFile()) return null;
  return toWebStream(createReadStream(filePath));
}

/** A Content-Disposition that downloads the file under its own name, with nothing a header could misread. */
export function attachmentDisposition(fileName: string) {
  const ascii = fileName.replace(/[^\w.\- ]/g, "_").trim() || "download";
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

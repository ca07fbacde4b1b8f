import { randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { rm, stat } from "node:fs/promises";
import path from "node:path";
import {
  MaxPartSizeExceededError,
  unstable_composeUploadHandlers,
  unstable_createFileUploadHandler,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type UploadHandler,
} from "@remix-run/node";
import { env } from "~/utils/env.server";
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

async function drain(data: AsyncIterable<Uint8Array>) {
  for await (const chunk of data) void chunk;
}

/**
 * Reads an update form. The file part is streamed to `${DATA_DIR}/uploads/<random key>` (never a path made
 * from the browser's file name) and refused when it is too large or of a kind we do not accept; the other
 * fields are read into memory. A form without a file may also come URL-encoded.
 */
export async function receiveUpdateForm(
  request: Request,
): Promise<{ formData: FormData; upload: UploadOutcome }> {
  if (!request.headers.get("Content-Type")?.startsWith("multipart/form-data"))
    return { formData: await request.formData(), upload: { status: "none" } };

  let upload: UploadOutcome = { status: "none" };
  const key = randomBytes(24).toString("base64url");
  const storeOnDisk = unstable_createFileUploadHandler({
    directory: uploadsDirectory(),
    maxPartSize: maxUpdateFileBytes,
    avoidFileConflicts: false,
    file: () => key,
  });
  const storeFile: UploadHandler = async (part) => {
    if (part.name !== "file" || !part.filename) return undefined;
    const type = updateFileType(part.filename);
    if (upload.status !== "none") {
      // One file per update: a second file part is read past and dropped.
      await drain(part.data);
      return "";
    }
    if (!type) {
      upload = { status: "refused", message: "updates.errors.fileType" };
      await drain(part.data);
      return "";
    }
    try {
      const stored = await storeOnDisk(part);
      if (!stored || typeof stored === "string") return "";
      upload = { status: "stored", file: { key, name: part.filename.slice(-255), size: stored.size, type } };
      return "";
    } catch (error) {
      if (!(error instanceof MaxPartSizeExceededError)) throw error;
      upload = { status: "refused", message: "updates.errors.fileTooLarge" };
      await drain(part.data);
      return "";
    }
  };
  const readField = unstable_createMemoryUploadHandler({ maxPartSize: maxTextPartBytes });
  try {
    const formData = await unstable_parseMultipartFormData(
      request,
      unstable_composeUploadHandlers(storeFile, readField),
    );
    formData.delete("file");
    return { formData, upload };
  } catch (error) {
    await discardUpload(upload);
    if (error instanceof MaxPartSizeExceededError)
      throw new Response(null, { status: 413, statusText: "Payload Too Large" });
    throw error;
  }
}

/** Removes a stored file that no update will point to (the form had errors or was refused). */
export async function discardUpload(upload: UploadOutcome) {
  if (upload.status === "stored") await rm(path.join(uploadsDirectory(), upload.file.key), { force: true });
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

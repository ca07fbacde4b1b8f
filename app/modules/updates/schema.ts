import { z } from "zod";
import { choice } from "~/utils/validation";

export const updateKinds = ["priority", "announcement", "document", "decision"] as const;
export type UpdateKind = (typeof updateKinds)[number];

/** 10 MB: the largest document a convener may attach to an update. */
export const maxUpdateFileBytes = 10 * 1024 * 1024;

/**
 * The documents an update may carry, by file name extension, with the type they are served as. The type
 * comes from this list, never from the browser, and downloads are always attachments.
 */
export const updateFileTypes: Record<string, string> = {
  pdf: "application/pdf",
  doc: "application/msword",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xls: "application/vnd.ms-excel",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  odt: "application/vnd.oasis.opendocument.text",
  ods: "application/vnd.oasis.opendocument.spreadsheet",
  odp: "application/vnd.oasis.opendocument.presentation",
  txt: "text/plain",
  csv: "text/csv",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
};

/** The type a file is stored and served as, from its name; null when such files are not accepted. */
export function updateFileType(fileName: string): string | null {
  const extension = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase();
  return extension && Object.hasOwn(updateFileTypes, extension) ? (updateFileTypes[extension] ?? null) : null;
}

export const acceptedUpdateFiles = Object.keys(updateFileTypes)
  .map((extension) => `.${extension}`)
  .join(",");

/** The text of an update; the server checks the attached file as it streams in (see files.server.ts). */
export const updateFieldsSchema = z.object({
  kind: z.enum(updateKinds, choice),
  title: z
    .string({ required_error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .max(200, "validation.tooLong"),
  body: z.string().trim().max(10_000, "validation.tooLong").default(""),
  linkUrl: z
    .string()
    .trim()
    .max(500, "validation.tooLong")
    .url("validation.url")
    .refine((value) => value.toLowerCase().startsWith("https://"), "validation.url")
    .optional(),
});
export type UpdateFields = z.infer<typeof updateFieldsSchema>;

/** The chosen file, checked in the browser before it is sent; no file chosen is an empty File. */
const fileField = z
  .custom<File>((value) => typeof File !== "undefined" && value instanceof File, "validation.invalidChoice")
  .superRefine((file, context) => {
    if (file.size === 0 && file.name === "") return;
    if (file.size > maxUpdateFileBytes)
      context.addIssue({ code: "custom", message: "updates.errors.fileTooLarge" });
    else if (!updateFileType(file.name))
      context.addIssue({ code: "custom", message: "updates.errors.fileType" });
  })
  .optional();

/** The publishing form as the browser validates it. */
export const publishUpdateSchema = updateFieldsSchema.extend({ file: fileField });

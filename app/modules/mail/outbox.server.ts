import { randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";
import { env } from "~/utils/env.server";
import { createI18n, type Language } from "~/utils/i18n";
import { singleton } from "~/utils/singleton.server";

export type MailMessage = { to: string; subject: string; text: string; html?: string };
export type SentMail = Omit<MailMessage, "html"> & { html: string | null; from: string; sentAt: string };

function outboxDir() {
  return path.join(env().DATA_DIR, "outbox");
}

function smtpTransport(url: string) {
  return singleton(`smtp:${url}`, () => nodemailer.createTransport(url));
}

/**
 * Sends one message: through SMTP when SMTP_URL is set, otherwise as a JSON file in DATA_DIR/outbox
 * (development and tests read it there).
 */
export async function sendMail(message: MailMessage): Promise<void> {
  const { SMTP_URL, MAIL_FROM } = env();
  if (SMTP_URL) {
    await smtpTransport(SMTP_URL).sendMail({ from: MAIL_FROM, ...message });
    return;
  }
  const sentAt = new Date().toISOString();
  const mail: SentMail = { ...message, html: message.html ?? null, from: MAIL_FROM, sentAt };
  await mkdir(outboxDir(), { recursive: true });
  // Colons are not allowed in file names everywhere, so the time is written with dashes.
  const fileName = `${sentAt.replaceAll(":", "-")}-${randomBytes(6).toString("hex")}.json`;
  await writeFile(path.join(outboxDir(), fileName), JSON.stringify(mail, null, 2));
}

/**
 * A message's subject and text in the recipient's language, from the catalogue keys `${key}.subject`
 * and `${key}.text`.
 */
export function composeMail(
  language: Language,
  key: string,
  values: Record<string, string>,
): { subject: string; text: string } {
  const { t } = createI18n(language);
  return { subject: t(`${key}.subject`, values), text: t(`${key}.text`, values) };
}

/** Every message written to the outbox, oldest first. */
export async function readOutbox(directory = outboxDir()): Promise<SentMail[]> {
  const names = await readdir(directory).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [];
    throw error;
  });
  const messages = await Promise.all(
    names
      .filter((name) => name.endsWith(".json"))
      .map(async (name) => JSON.parse(await readFile(path.join(directory, name), "utf8")) as SentMail),
  );
  return messages.sort((a, b) => a.sentAt.localeCompare(b.sentAt));
}

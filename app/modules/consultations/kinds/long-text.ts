import { textKind } from "./text";

/** Paragraphs of text, up to 10,000 characters; the results list the answers one by one. */
export const longText = textKind("long_text", 10_000);

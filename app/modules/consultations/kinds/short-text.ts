import { textKind } from "./text";

/** One line of text, up to 500 characters; the results list the answers one by one. */
export const shortText = textKind("short_text", 500);

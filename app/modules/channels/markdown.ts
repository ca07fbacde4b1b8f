/**
 * The Markdown subset of channel messages (docs/decisions/0023-channel-message-formatting.md): paragraphs,
 * bullet and numbered lists, fenced code blocks, and inline **bold**, *italics* (or _italics_), `code` and
 * [links](https://…). Everything else is text. The parser builds a small tree that the page renders as React
 * elements — never an HTML string — so nothing a person types can become markup, and a link is kept only
 * when it is http(s) or mailto.
 */

export type Inline =
  | { type: "text"; text: string }
  | { type: "strong" | "em"; children: Inline[] }
  | { type: "code"; text: string }
  | { type: "link"; href: string; children: Inline[] };

export type Block =
  | { type: "paragraph"; children: Inline[][] }
  | { type: "list"; ordered: boolean; items: Inline[][] }
  | { type: "code"; text: string };

const bullet = /^\s*[-*+]\s+(.*)$/;
const numbered = /^\s*\d{1,9}[.)]\s+(.*)$/;
const fence = /^\s*```/;

/** Whether `href` is a link Concord shows: http, https or mailto, nothing else (no javascript:, no data:). */
export function safeHref(href: string): string | null {
  const trimmed = href.trim();
  if (/^https?:\/\/[^\s]+$/i.test(trimmed) || /^mailto:[^\s]+$/i.test(trimmed)) return trimmed;
  return null;
}

export function parseMessage(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  const blocks: Block[] = [];
  let index = 0;
  while (index < lines.length) {
    const line = lines[index]!;
    if (fence.test(line)) {
      const code: string[] = [];
      index += 1;
      while (index < lines.length && !fence.test(lines[index]!)) code.push(lines[index++]!);
      index += 1; // the closing fence (or the end)
      blocks.push({ type: "code", text: code.join("\n") });
      continue;
    }
    if (line.trim() === "") {
      index += 1;
      continue;
    }
    const listKind = bullet.test(line) ? bullet : numbered.test(line) ? numbered : null;
    if (listKind) {
      const items: Inline[][] = [];
      while (index < lines.length && listKind.test(lines[index]!))
        items.push(parseInline(listKind.exec(lines[index++]!)![1]!));
      blocks.push({ type: "list", ordered: listKind === numbered, items });
      continue;
    }
    const paragraph: Inline[][] = [];
    while (
      index < lines.length &&
      lines[index]!.trim() !== "" &&
      !fence.test(lines[index]!) &&
      !bullet.test(lines[index]!) &&
      !numbered.test(lines[index]!)
    )
      paragraph.push(parseInline(lines[index++]!));
    blocks.push({ type: "paragraph", children: paragraph });
  }
  return blocks;
}

/** Inline spans, left to right; an opening mark without its closing one stays text. */
export function parseInline(text: string, depth = 0): Inline[] {
  const out: Inline[] = [];
  let plain = "";
  const flush = () => {
    if (plain) out.push({ type: "text", text: plain });
    plain = "";
  };
  let at = 0;
  while (at < text.length) {
    const rest = text.slice(at);
    const code = /^`([^`]+)`/.exec(rest);
    if (code) {
      flush();
      out.push({ type: "code", text: code[1]! });
      at += code[0].length;
      continue;
    }
    if (depth < 4) {
      const strong = /^(\*\*|__)(?=\S)([\s\S]*?\S)\1/.exec(rest);
      if (strong) {
        flush();
        out.push({ type: "strong", children: parseInline(strong[2]!, depth + 1) });
        at += strong[0].length;
        continue;
      }
      const em = /^(\*|_)(?=[^\s*_])([\s\S]*?[^\s*_])\1(?![*_])/.exec(rest);
      if (em && (em[1] === "*" || !/\w/.test(text[at - 1] ?? ""))) {
        flush();
        out.push({ type: "em", children: parseInline(em[2]!, depth + 1) });
        at += em[0].length;
        continue;
      }
      const link = /^\[([^\]\n]+)\]\(([^()\s]+)\)/.exec(rest);
      const href = link ? safeHref(link[2]!) : null;
      if (link && href) {
        flush();
        out.push({ type: "link", href, children: parseInline(link[1]!, depth + 1) });
        at += link[0].length;
        continue;
      }
    }
    const bare = /^https?:\/\/[^\s<>()]+[^\s<>().,;:!?'"]/i.exec(rest);
    if (bare && !/\w/.test(text[at - 1] ?? "")) {
      flush();
      out.push({ type: "link", href: bare[0], children: [{ type: "text", text: bare[0] }] });
      at += bare[0].length;
      continue;
    }
    plain += text[at];
    at += 1;
  }
  flush();
  return out;
}

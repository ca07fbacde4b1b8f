import { z } from "zod";
import { questionBase, readText, tooLong, defineKind } from "./kind";

/** Short and long text differ only in their length and their box: this is what they share. */
export function textKind<K extends "short_text" | "long_text">(kind: K, maxLength: number) {
  return defineKind({
    kind,
    builder: {
      schema: z.object({ kind: z.literal(kind), ...questionBase }),
      options: () => [],
      formValues: () => ({}),
      Fields: () => null,
    },
    options: () => ({}),
    answer: {
      read: readText,
      schema: () => z.string().max(maxLength, tooLong(maxLength)),
    },
    text: (_options, answer) => answer,
    Input({ frame, value }) {
      const Box = kind === "short_text" ? "input" : "textarea";
      return (
        <div className="field question">
          <label htmlFor={frame.id} className="question__prompt">
            {frame.prompt}
          </label>
          {frame.help}
          <Box
            id={frame.id}
            name={frame.name}
            defaultValue={value ?? ""}
            disabled={frame.disabled}
            required={frame.required}
            aria-invalid={frame.invalid}
            aria-describedby={frame.describedBy}
            {...(kind === "long_text" ? { rows: 6 } : { type: "text" })}
          />
          {frame.errors}
        </div>
      );
    },
    results: {
      aggregate: () => ({}),
      View: () => null,
      listed: { as: "answers", texts: (_options, answer) => [{ paragraph: 0, text: answer }] },
    },
  });
}

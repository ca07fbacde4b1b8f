import type { FieldMetadata, SubmissionResult } from "@conform-to/react";
import type { z } from "zod";
import { ErrorList, SelectField, TextAreaField, ValidatedForm, useSchemaForm } from "~/components/ui/form";

type Field = FieldMetadata<string | undefined>;

/**
 * A decision and the reason for it, posted as one form: a choice (a level, an outcome, a status), the text that
 * explains it and one button, plus the hidden fields that say what is decided. The decisions of a space —
 * level requests, level changes, removals, concern answers, verifications — all take this shape, so they read
 * and behave alike: errors beside the field, the typed reason kept when the server refuses it. With `summary`
 * the form sits behind a disclosure that opens again when the server sent it back.
 */
export function DecisionForm<Schema extends z.ZodTypeAny>({
  schema,
  id,
  lastResult,
  defaultValue,
  hidden,
  choice,
  reason,
  submit,
  tone = "default",
  size = "default",
  summary,
  action,
  label,
}: {
  schema: Schema;
  id: string;
  lastResult: SubmissionResult<string[]> | null | undefined;
  defaultValue?: Record<string, string>;
  /** Posted as they are: the intent and the ids of what is decided. */
  hidden: Record<string, string>;
  choice?: { name: string; label: string; options: { value: string; label: string }[] };
  reason?: { name: string; label: string; help?: string; rows?: number };
  submit: { label: string; describedBy?: string };
  tone?: "default" | "danger";
  size?: "default" | "small";
  summary?: string;
  action?: string;
  /** The form's accessible name, where the page shows several of its kind. */
  label?: string;
}) {
  const [form, fields] = useSchemaForm(schema, { id, lastResult, defaultValue });
  const field = (name: string) => (fields as unknown as Record<string, Field>)[name] as Field;
  const buttonClass = ["button", size === "small" && "button--small", tone === "danger" && "button--danger"]
    .filter(Boolean)
    .join(" ");
  const body = (
    <ValidatedForm form={form} className="stack" action={action} aria-label={label}>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <ErrorList id={form.errorId} errors={form.errors} />
      {choice ? (
        <SelectField field={field(choice.name)} label={choice.label} options={choice.options} />
      ) : null}
      {reason ? (
        <TextAreaField
          field={field(reason.name)}
          label={reason.label}
          help={reason.help}
          rows={reason.rows}
        />
      ) : null}
      <p className="actions">
        <button type="submit" className={buttonClass} aria-describedby={submit.describedBy}>
          {submit.label}
        </button>
      </p>
    </ValidatedForm>
  );
  if (!summary) return body;
  return (
    <details className="disclosure" open={lastResult ? true : undefined}>
      <summary>{summary}</summary>
      {body}
    </details>
  );
}

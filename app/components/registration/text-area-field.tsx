import { getTextareaProps, type FieldMetadata } from "@conform-to/react";
import { ErrorList } from "~/components/ui/form";

/** A multi-line text field with its label, help and errors, like TextField in ~/components/ui/form. */
export function TextAreaField({
  field,
  label,
  help,
  rows = 3,
}: {
  field: FieldMetadata<string | undefined>;
  label: string;
  help?: string;
  rows?: number;
}) {
  const helpId = help ? `${field.id}-help` : undefined;
  const { key, ...textareaProps } = getTextareaProps(field, { ariaDescribedBy: helpId });
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      {help ? (
        <p id={helpId} className="field__help">
          {help}
        </p>
      ) : null}
      <textarea key={key} {...textareaProps} rows={rows} />
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}

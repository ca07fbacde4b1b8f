import { getInputProps, type FieldMetadata } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { translateMessage } from "~/utils/i18n";

type InputType = "text" | "email" | "password" | "url" | "tel" | "search";

/** Error messages for a field or a whole form, translated from their catalogue keys. */
export function ErrorList({ id, errors }: { id?: string; errors?: string[] }) {
  const { t } = useTranslation();
  if (!errors?.length) return null;
  return (
    <ul id={id} className="error-list">
      {errors.map((error) => (
        <li key={error}>{translateMessage(t, error)}</li>
      ))}
    </ul>
  );
}

export function TextField({
  field,
  label,
  type = "text",
  help,
  autoComplete,
}: {
  field: FieldMetadata<string | undefined>;
  label: string;
  type?: InputType;
  help?: string;
  autoComplete?: string;
}) {
  const helpId = help ? `${field.id}-help` : undefined;
  const { key, ...inputProps } = getInputProps(field, { type, ariaDescribedBy: helpId });
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      {help ? (
        <p id={helpId} className="field__help">
          {help}
        </p>
      ) : null}
      <input key={key} {...inputProps} autoComplete={autoComplete} />
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}

export function SelectField({
  field,
  label,
  options,
  help,
}: {
  field: FieldMetadata<string | undefined>;
  label: string;
  options: { value: string; label: string }[];
  help?: string;
}) {
  const helpId = help ? `${field.id}-help` : undefined;
  const describedBy = [helpId, field.errors?.length ? field.errorId : undefined].filter(Boolean).join(" ");
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      {help ? (
        <p id={helpId} className="field__help">
          {help}
        </p>
      ) : null}
      <select
        id={field.id}
        name={field.name}
        form={field.formId}
        defaultValue={field.initialValue ?? ""}
        aria-invalid={field.errors?.length ? true : undefined}
        aria-describedby={describedBy || undefined}
        required={field.required}
      >
        <option value="" disabled>
          —
        </option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}

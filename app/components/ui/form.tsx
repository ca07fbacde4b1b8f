import {
  FormProvider,
  getFormProps,
  useForm,
  type SubmissionResult,
  getInputProps,
  getTextareaProps,
  useField,
  type FieldMetadata,
  type FormMetadata,
} from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, useActionData, useNavigation, useRouteLoaderData, type FormProps } from "@remix-run/react";
import { useEffect, useRef } from "react";
import type { z } from "zod";
import { useTranslation } from "react-i18next";
import { translateMessage } from "~/utils/i18n";

type InputType = "text" | "email" | "password" | "url" | "tel" | "search" | "date";
type Field = FieldMetadata<string | undefined>;

/**
 * A Conform form posted with Remix. The provider lets each field component subscribe to its own state:
 * Conform only re-renders for state read by the component that owns the subscription, so errors read
 * inside a child would otherwise stay hidden after a client-side validation.
 */
export function ValidatedForm<Schema extends Record<string, unknown>>({
  form,
  children,
  ...props
}: { form: FormMetadata<Schema, string[]>; children: React.ReactNode } & Omit<FormProps, "id" | "onSubmit">) {
  useResetAfterSuccess(form);
  return (
    <FormProvider context={form.context}>
      <Form method="post" {...getFormProps(form)} {...props}>
        <FormTokenField formId={form.id} />
        {children}
      </Form>
    </FormProvider>
  );
}

/**
 * Empties a form once its post succeeded (the action redirected: no answer data is left), so that what was
 * just sent is not sent again by one more click, and a picker whose chosen option is gone (the organisation
 * just invited) shows no choice instead of silently the next one. The form goes back to its default values,
 * those of the page as it is now (an edit form shows what was saved). A post refused with errors keeps what
 * was typed; a post of another form of the page leaves this one alone.
 */
function useResetAfterSuccess<Schema extends Record<string, unknown>>(form: FormMetadata<Schema, string[]>) {
  const navigation = useNavigation();
  const actionData = useActionData();
  const submitted = navigation.formData?.get("formToken");
  const ours = typeof submitted === "string" && submitted.endsWith(`:${form.id}`);
  const sending = useRef(false);
  useEffect(() => {
    if (navigation.state !== "idle") {
      if (ours) sending.current = true;
      return;
    }
    if (!sending.current) return;
    sending.current = false;
    if (actionData === undefined) form.reset();
  }, [navigation.state, ours, actionData, form]);
}

/**
 * The token of one form in this page render: the render's random seed (root loader) and the form's id. The
 * server records it with the record a post creates (app/utils/form-token.server.ts), so the same post sent
 * twice — a double click, a browser resubmission — creates one record; after a post the page's loaders run
 * again and the next render's forms get a new seed.
 */
export function useFormToken(formId: string) {
  const root = useRouteLoaderData<{ formSeed?: string }>("root");
  return root?.formSeed ? `${root.formSeed}:${formId}` : null;
}

/** The hidden field that carries a form's token (ValidatedForm renders it; other forms that create, too). */
export function FormTokenField({ formId }: { formId: string }) {
  const token = useFormToken(formId);
  return token ? <input type="hidden" name="formToken" value={token} /> : null;
}

/**
 * A Conform form validated by `schema` in the browser as on the server: errors show when a field is left
 * and clear as soon as it is edited (a server error stays until then, so the layout does not jump under
 * the pointer on the way to the submit button).
 */
export function useSchemaForm<Schema extends z.ZodTypeAny>(
  schema: Schema,
  options: {
    id?: string;
    lastResult?: SubmissionResult<string[]> | null;
    /** Initial form values, as the form holds them (strings and lists of strings). */
    defaultValue?: Record<string, unknown>;
  } = {},
) {
  return useForm<z.input<Schema>, z.output<Schema>>({
    ...options,
    defaultValue: options.defaultValue as never,
    constraint: getZodConstraint(schema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
}

/** The field's live state, subscribed in the component that renders it. */
function useLiveField(field: Field): Field {
  const [live] = useField<string | undefined>(field.name, { formId: field.formId });
  return live;
}

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

function FieldFrame({
  field,
  label,
  help,
  children,
}: {
  field: Field;
  label: string;
  help?: string;
  children: React.ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      {help ? (
        <p id={`${field.id}-help`} className="field__help">
          {help}
        </p>
      ) : null}
      {children}
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}

export function TextField({
  field: passed,
  label,
  type = "text",
  help,
  autoComplete,
}: {
  field: Field;
  label: string;
  type?: InputType;
  help?: string;
  autoComplete?: string;
}) {
  const field = useLiveField(passed);
  const { key, ...inputProps } = getInputProps(field, {
    type,
    ariaDescribedBy: help ? `${field.id}-help` : undefined,
  });
  return (
    <FieldFrame field={field} label={label} help={help}>
      <input key={key} {...inputProps} autoComplete={autoComplete} />
    </FieldFrame>
  );
}

/** A multi-line text field with its label, help and errors. */
export function TextAreaField({
  field: passed,
  label,
  help,
  rows = 3,
}: {
  field: Field;
  label: string;
  help?: string;
  rows?: number;
}) {
  const field = useLiveField(passed);
  const limit = field.maxLength;
  const countId = `${field.id}-count`;
  const describedBy = [help ? `${field.id}-help` : undefined, limit ? countId : undefined].filter(Boolean);
  // No maxLength on the element: a browser would cut a pasted text silently; the count says what is over.
  const {
    key,
    maxLength: _maxLength,
    ...textareaProps
  } = getTextareaProps(field, {
    ariaDescribedBy: describedBy.length ? describedBy.join(" ") : undefined,
  });
  return (
    <FieldFrame field={field} label={label} help={help}>
      <textarea key={key} {...textareaProps} rows={rows} />
      {limit ? <CharacterCount id={countId} length={(field.value ?? "").length} limit={limit} /> : null}
    </FieldFrame>
  );
}

/**
 * How much of a text field's limit is used, so a long answer is never cut without a word: said politely to
 * screen readers only once it nears the limit, and flagged once past it (the form then refuses it).
 */
function CharacterCount({ id, length, limit }: { id: string; length: number; limit: number }) {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language);
  const near = length >= limit * 0.9;
  return (
    <p
      id={id}
      className={length > limit ? "field__count field__count--over" : "field__count"}
      aria-live={near ? "polite" : "off"}
    >
      {t("common.form.characters", {
        count: length,
        used: number.format(length),
        limit: number.format(limit),
      })}
    </p>
  );
}

export function SelectField({
  field: passed,
  label,
  options,
  help,
}: {
  field: Field;
  label: string;
  options: { value: string; label: string }[];
  help?: string;
}) {
  const field = useLiveField(passed);
  const helpId = help ? `${field.id}-help` : undefined;
  const describedBy = [helpId, field.errors?.length ? field.errorId : undefined].filter(Boolean).join(" ");
  return (
    <FieldFrame field={field} label={label} help={help}>
      <select
        key={field.key}
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
    </FieldFrame>
  );
}

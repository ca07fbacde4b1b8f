import { getCollectionProps, useField, type FieldMetadata } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { ErrorList } from "~/components/ui/form";
import { spaceThemes } from "~/modules/spaces/schema";

/** The themes of a space as a group of checkboxes, with its help and errors (subscribed like ui/form fields). */
export function ThemesField({ field: passed }: { field: FieldMetadata<string[] | undefined> }) {
  const { t } = useTranslation();
  const [field] = useField<string[] | undefined>(passed.name, { formId: passed.formId });
  const helpId = `${field.id}-help`;
  return (
    <fieldset
      className="fieldset theme-choices"
      aria-describedby={field.errors?.length ? `${helpId} ${field.errorId}` : helpId}
    >
      <legend>{t("spaces.fields.themes")}</legend>
      <p id={helpId} className="field__help">
        {t("spaces.help.themes")}
      </p>
      <div className="theme-choices__options">
        {getCollectionProps(field, { type: "checkbox", options: [...spaceThemes] }).map(
          ({ key, ...props }) => (
            <label key={key ?? props.value}>
              <input {...props} /> {t(`spaces.themes.${props.value}`)}
            </label>
          ),
        )}
      </div>
      <ErrorList id={field.errorId} errors={field.errors} />
    </fieldset>
  );
}

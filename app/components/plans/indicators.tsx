import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BarChart, DataTable } from "~/components/ui/chart";
import {
  ErrorList,
  SelectField,
  TextAreaField,
  TextField,
  ValidatedForm,
  useSchemaForm,
} from "~/components/ui/form";
import {
  indicatorMeasures,
  indicatorSchema,
  indicatorValueKinds,
  indicatorValueSchema,
} from "~/modules/action-plans/schema";
import type { action, loader } from "~/routes/spaces.$spaceId.plan_.actions.$actionId.server";

type Indicator = ReturnType<typeof useLoaderData<typeof loader>>["indicators"][number];

function useReply(formId: string) {
  const reply = useActionData<typeof action>();
  return reply && "formId" in reply && reply.formId === formId ? reply.result : undefined;
}

/** The action's indicators: each with its baseline, a chart of targets and actuals and the same figures as a table. */
export function Indicators() {
  const { t } = useTranslation();
  const { indicators, mayEdit, reportingFor } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="indicators-heading" className="stack">
      <h3 id="indicators-heading">{t("plans.indicators.title")}</h3>
      {indicators.length === 0 ? <p>{t("plans.indicators.none")}</p> : null}
      {indicators.map((indicator) => (
        <article key={indicator.id} className="card stack" aria-labelledby={`indicator-${indicator.id}`}>
          <h4 id={`indicator-${indicator.id}`} className="card__title" dir="auto">
            {indicator.title}
          </h4>
          <p className="review__meta">
            {t(`plans.indicators.measures.${indicator.measure}`)}
            {indicator.unit ? ` (${indicator.unit})` : null} ·{" "}
            {t(indicator.ascending ? "plans.indicators.ascending" : "plans.indicators.descending")}
          </p>
          <p>
            {t("plans.indicators.baseline")}{" "}
            {indicator.baselineValue !== null ? indicator.baselineValue : "—"}
            {indicator.baseline ? ` (${indicator.baseline})` : null}
            {indicator.baselineComment ? (
              <>
                {" · "}
                <span dir="auto">{indicator.baselineComment}</span>
              </>
            ) : null}
          </p>
          {indicator.meansOfVerification ? (
            <p>
              {t("plans.indicators.verification")} <span dir="auto">{indicator.meansOfVerification}</span>
            </p>
          ) : null}
          <IndicatorFigures indicator={indicator} />
          {mayEdit || reportingFor ? (
            <ValueForm
              indicatorId={indicator.id}
              kinds={indicatorValueKinds.filter((kind) =>
                kind === "target" ? mayEdit : reportingFor !== null,
              )}
            />
          ) : null}
        </article>
      ))}
      {mayEdit ? <IndicatorForm /> : null}
    </section>
  );
}

function IndicatorFigures({ indicator }: { indicator: Indicator }) {
  const { t } = useTranslation();
  if (indicator.values.length === 0) return <p>{t("plans.indicators.noValues")}</p>;
  const columns = [
    t("plans.indicators.columns.period"),
    t("plans.indicators.columns.value"),
    t("plans.indicators.columns.by"),
    t("plans.indicators.columns.comment"),
  ];
  const rows = indicator.values.map((value) => ({
    label: `${value.period} · ${t(`plans.indicators.kinds.${value.kind}`)}`,
    value: value.value ?? 0,
    shown: value.value === null ? "—" : String(value.value),
    cells: [value.value === null ? "—" : String(value.value), value.organisation, value.comment],
  }));
  const caption = t("plans.indicators.caption", { title: indicator.title });
  if (indicator.measure === "qualitative")
    return (
      <DataTable caption={caption} columns={columns} rows={rows.map((row) => [row.label, ...row.cells])} />
    );
  return <BarChart label={caption} caption={caption} columns={columns} rows={rows} />;
}

function ValueForm({ indicatorId, kinds }: { indicatorId: string; kinds: readonly string[] }) {
  const { t } = useTranslation();
  const formId = `value-${indicatorId}`;
  const [form, fields] = useSchemaForm(indicatorValueSchema, {
    id: formId,
    lastResult: useReply(formId),
    defaultValue: { kind: kinds[0] },
  });
  return (
    <details open={form.status === "error" ? true : undefined}>
      <summary>{t("plans.indicators.recordValue")}</summary>
      <ValidatedForm form={form} className="stack" aria-label={t("plans.indicators.recordValue")}>
        <input type="hidden" name="intent" value="indicator-value" />
        <input type="hidden" name="indicatorId" value={indicatorId} />
        <ErrorList id={form.errorId} errors={form.errors} />
        <SelectField
          field={fields.kind}
          label={t("plans.indicators.fields.kind")}
          options={kinds.map((kind) => ({ value: kind, label: t(`plans.indicators.kinds.${kind}`) }))}
        />
        <TextField
          field={fields.period}
          label={t("plans.indicators.fields.period")}
          help={t("plans.indicators.fields.periodHelp")}
        />
        <TextField field={fields.value as never} label={t("plans.indicators.fields.value")} />
        <TextAreaField field={fields.comment} label={t("plans.indicators.fields.comment")} />
        <TextField field={fields.evidenceUrl} type="url" label={t("plans.fields.evidenceUrl")} />
        <p className="actions">
          <button type="submit" className="button button--small">
            {t("plans.indicators.submitValue")}
          </button>
        </p>
      </ValidatedForm>
    </details>
  );
}

function IndicatorForm() {
  const { t } = useTranslation();
  const [form, fields] = useSchemaForm(indicatorSchema, {
    id: "indicator",
    lastResult: useReply("indicator"),
    defaultValue: { ascending: "yes" },
  });
  return (
    <details open={form.status === "error" ? true : undefined}>
      <summary>{t("plans.indicators.add")}</summary>
      <ValidatedForm form={form} className="stack" aria-label={t("plans.indicators.add")}>
        <input type="hidden" name="intent" value="indicator" />
        <ErrorList id={form.errorId} errors={form.errors} />
        <TextField field={fields.title} label={t("plans.indicators.fields.title")} />
        <SelectField
          field={fields.measure}
          label={t("plans.indicators.fields.measure")}
          options={indicatorMeasures.map((measure) => ({
            value: measure,
            label: t(`plans.indicators.measures.${measure}`),
          }))}
        />
        <TextField
          field={fields.unit}
          label={t("plans.indicators.fields.unit")}
          help={t("plans.indicators.fields.unitHelp")}
        />
        <SelectField
          field={fields.ascending}
          label={t("plans.indicators.fields.ascending")}
          options={[
            { value: "yes", label: t("plans.indicators.ascending") },
            { value: "no", label: t("plans.indicators.descending") },
          ]}
        />
        <TextField
          field={fields.baselineDate}
          type="date"
          label={t("plans.indicators.fields.baselineDate")}
        />
        <TextField field={fields.baselineValue as never} label={t("plans.indicators.fields.baselineValue")} />
        <TextAreaField field={fields.baselineComment} label={t("plans.indicators.fields.baselineComment")} />
        <TextAreaField
          field={fields.meansOfVerification}
          label={t("plans.indicators.fields.meansOfVerification")}
        />
        <p className="field__help">{t("plans.indicators.aggregateOnly")}</p>
        <p className="actions">
          <button type="submit" className="button button--small">
            {t("plans.indicators.submit")}
          </button>
        </p>
      </ValidatedForm>
    </details>
  );
}

import { levels, type Level } from "~/modules/engagement/levels";
import { createI18n, type Language } from "~/utils/i18n";
import type { PromiseInput } from "./schema";

/** How many days feedback takes by default: the closer the engagement, the sooner the answer. */
const defaultFeedbackDays: Record<Level, number> = {
  INFORM: 30,
  CONSULT: 21,
  INVOLVE: 14,
  COLLABORATE: 10,
  EMPOWER: 7,
};

/**
 * The promise a new space starts with for each level, written in the convener's language from the
 * "spaces.defaultPromises" catalogue entries; it is stored as text, so the convener edits it freely.
 */
export function defaultPromises(language: Language): Record<Level, PromiseInput> {
  const { t } = createI18n(language);
  return Object.fromEntries(
    levels.map((level) => [
      level,
      {
        expectation: t(`spaces.defaultPromises.${level}.expectation`),
        decisionMaker: t(`spaces.defaultPromises.${level}.decisionMaker`),
        feedbackDays: defaultFeedbackDays[level],
      },
    ]),
  ) as Record<Level, PromiseInput>;
}

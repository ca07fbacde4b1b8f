import { z } from "zod";
import { ChoiceCountsView, ChoiceList, choiceCounts, choicesBuilder, readChoices } from "./choices";
import { answerError, issue, postedList, defineKind } from "./kind";

/**
 * Any options of a list, chosen with checkboxes (stored as the list chosen, without duplicates); the
 * results count each option.
 */
export const multipleChoice = defineKind({
  kind: "multiple_choice",
  builder: choicesBuilder("multiple_choice"),
  options: readChoices,
  answer: {
    read(raw) {
      const values = postedList(raw);
      if (values.some((value) => typeof value !== "string")) return null;
      const chosen = (values as string[]).filter((value) => value !== "");
      return chosen.length ? chosen : undefined;
    },
    schema: ({ choices }) =>
      z.array(z.string()).superRefine((chosen, context) => {
        if (chosen.some((choice) => !choices.includes(choice))) issue(context, answerError("unknownOption"));
        if (new Set(chosen).size !== chosen.length) issue(context, answerError("duplicateChoice"));
      }),
  },
  // Options may hold commas: a semicolon separates them.
  text: (_options, answer) => answer.join("; "),
  Input({ frame, options, value = [] }) {
    return (
      <ChoiceList
        frame={frame}
        choices={options.choices}
        type="checkbox"
        checked={(option) => value.includes(option)}
      />
    );
  },
  results: {
    tally: (_options, chosen) => chosen.map((bucket) => ({ bucket })),
    aggregate: choiceCounts,
    View: ChoiceCountsView,
  },
});

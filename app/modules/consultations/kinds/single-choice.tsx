import { z } from "zod";
import { ChoiceCountsView, ChoiceList, choiceCounts, choicesBuilder, readChoices } from "./choices";
import { answerError, readText, defineKind } from "./kind";

/** One option of a list, chosen with radio buttons; the results count each option. */
export const singleChoice = defineKind({
  kind: "single_choice",
  builder: choicesBuilder("single_choice"),
  options: readChoices,
  answer: {
    read: readText,
    schema: ({ choices }) =>
      z.string().refine((answer) => choices.includes(answer), answerError("unknownOption")),
  },
  text: (_options, answer) => answer,
  Input({ frame, options, value }) {
    return (
      <ChoiceList
        frame={frame}
        choices={options.choices}
        type="radio"
        checked={(option) => value === option}
      />
    );
  },
  results: {
    tally: (_options, answer) => [{ bucket: answer }],
    aggregate: choiceCounts,
    View: ChoiceCountsView,
  },
});

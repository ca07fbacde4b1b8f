import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/modules/auth/session.server";
import { responseRate } from "~/modules/consultations/consequences.server";
import { kindOf } from "~/modules/consultations/kinds";
import {
  isListedQuestion,
  requireResults,
  resultsFilterSchema,
  resultsPage,
  resultsQuestions,
} from "~/modules/consultations/results.server";
import { listPageData, type PageLinks } from "~/utils/keyset.server";

/** The free-text answers' page links land on their heading. */
const toAnswers = (links: PageLinks): PageLinks => ({
  ...links,
  previous: links.previous && `${links.previous}#results-answers-heading`,
  next: links.next && `${links.next}#results-answers-heading`,
});

/**
 * The conveners' results: live counts (the layout revalidates them when the consultation changes), each
 * question's aggregates, and one question's free-text answers, filtered by a GET form, a page at a time.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const consultation = await requireResults(actor, params.consultationId ?? "");
  const url = new URL(request.url);
  const filter = resultsFilterSchema.parse(Object.fromEntries(url.searchParams));
  const questions = await resultsQuestions(consultation.id);
  const listed = questions.filter(isListedQuestion);
  const question = listed.find((candidate) => candidate.id === filter.question) ?? listed[0];
  const [{ counts, results, themes, answers }, rate] = await Promise.all([
    resultsPage(consultation, questions, question, filter, url),
    responseRate(consultation),
  ]);
  const links = answers ? toAnswers(answers.links) : { previous: null, next: null, invalidCursor: false };
  return listPageData(
    {
      consultation: { id: consultation.id, title: consultation.title },
      counts,
      rate,
      results,
      themes,
      listed: listed.map(({ id, prompt }) => ({
        id,
        prompt,
        number: questions.findIndex((q) => q.id === id) + 1,
      })),
      filter: { question: question?.id ?? "", theme: filter.theme ?? "", type: filter.type ?? "" },
      answers:
        answers && question
          ? { ...answers, links, listedAs: kindOf(question.kind).results.listed?.as ?? "answers" }
          : null,
    },
    links,
  );
}

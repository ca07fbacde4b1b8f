import { countSubmittedVersion } from "~/modules/consultations/tallies.server";
import { db } from "~/utils/db.server";
import { addMember, createPerson } from "./factories/people";
import { addDelegate } from "./factories/spaces";

type Ids = { id: string };
const day = 24 * 60 * 60 * 1000;
const daysAgo = (days: number) => new Date(Date.now() - days * day);
const demoPassword = "concord-demo-2026";

type DemoQuestion = { kind: string; prompt: string; help?: string; required?: boolean; options?: unknown };
type DemoInput = {
  organisationId: string;
  submittedById: string;
  isAggregated?: boolean;
  aggregatedNote?: string;
  /** Answers by question position (0-based), in the stored shapes (see app/modules/consultations/kinds/). */
  answers: Record<number, unknown>;
  themes: string[];
  submittedDaysAgo: number;
  /** The key of the response it shares, when it got one. */
  response?: string;
};
type DemoResponse = { outcome: string; explanation: string; changeMade?: string; daysAgo: number };

/**
 * One consultation with its questions, its submitted inputs (each with its first version kept) and the
 * conveners' responses, as the consultation pages would have written them.
 */
async function stage(input: {
  consultation: {
    spaceId: string;
    title: string;
    purpose: string;
    openToChange: string;
    notOpenToChange: string;
    decision: string;
    decisionMaker: string;
    background: string;
    languages: string;
    status: "open" | "closed" | "published";
    openedDaysAgo: number;
    /** Negative while it is open: it closes that many days from now. */
    closedDaysAgo: number;
    feedbackDueDaysAgo: number;
    publishedDaysAgo?: number;
    createdById: string;
  };
  questions: DemoQuestion[];
  responses: Record<string, DemoResponse>;
  authorId: string;
  inputs: DemoInput[];
}) {
  const { openedDaysAgo, closedDaysAgo, feedbackDueDaysAgo, publishedDaysAgo, ...fields } =
    input.consultation;
  const consultation = await db().consultation.create({
    data: {
      ...fields,
      audience: "participants",
      opensAt: daysAgo(openedDaysAgo),
      openedAt: daysAgo(openedDaysAgo),
      closesAt: daysAgo(closedDaysAgo),
      closedAt: fields.status === "open" ? null : daysAgo(closedDaysAgo),
      feedbackDueAt: daysAgo(feedbackDueDaysAgo),
      publishedAt: publishedDaysAgo === undefined ? null : daysAgo(publishedDaysAgo),
      createdAt: daysAgo(openedDaysAgo + 7),
      questions: {
        create: input.questions.map((question, index) => ({
          position: index + 1,
          kind: question.kind,
          prompt: question.prompt,
          help: question.help ?? "",
          required: question.required ?? false,
          options: JSON.stringify(question.options ?? []),
        })),
      },
    },
    include: { questions: { orderBy: { position: "asc" }, select: { id: true } } },
  });
  const questionIds = consultation.questions.map((question) => question.id);
  const responseIds: Record<string, string> = {};
  for (const [key, response] of Object.entries(input.responses)) {
    const created = await db().consultationResponse.create({
      data: {
        consultationId: consultation.id,
        outcome: response.outcome,
        explanation: response.explanation,
        changeMade: response.changeMade ?? "",
        authorId: input.authorId,
        createdAt: daysAgo(response.daysAgo),
      },
    });
    responseIds[key] = created.id;
  }
  for (const entry of input.inputs) {
    const answers = JSON.stringify(
      Object.fromEntries(
        Object.entries(entry.answers).map(([index, answer]) => [questionIds[Number(index)], answer]),
      ),
    );
    const submittedAt = daysAgo(entry.submittedDaysAgo);
    const submission = await db().submission.create({
      data: {
        consultationId: consultation.id,
        organisationId: entry.organisationId,
        isAggregated: entry.isAggregated ?? false,
        aggregatedNote: entry.aggregatedNote ?? "",
        answers,
        status: "submitted",
        version: 1,
        submittedAt,
        submittedById: entry.submittedById,
        themes: [...entry.themes].sort().join(","),
        responseId: entry.response ? responseIds[entry.response] : null,
        createdAt: daysAgo(entry.submittedDaysAgo + 3),
        versions: {
          create: {
            version: 1,
            answers,
            aggregatedNote: entry.aggregatedNote ?? "",
            submittedById: entry.submittedById,
            submittedAt,
          },
        },
      },
    });
    await db().$transaction((tx) => countSubmittedVersion(tx, submission.id, 0));
  }
  return consultation;
}

/** A representative who answers for a partner organisation, and its lead delegate in the space. */
async function representative(spaceId: string, organisationId: string, name: string, email: string) {
  const person = await createPerson({ name, email, password: demoPassword });
  await addMember(person.id, organisationId, { role: "admin" });
  await addDelegate(spaceId, organisationId, person.id, true);
  return person;
}

const strategyParagraphs = [
  "Ottawa is a city where newcomers find a home, work that matches their skills, and a voice in the decisions that affect them, within five years of arriving.",
  "Settlement and orientation services reach every newcomer family in its first month, in its own language, wherever in the city it settles.",
  "Employers, colleges and regulators recognise foreign credentials and experience within six months, and mentor newcomers into their professions.",
  "Language training fits the lives of the people who need it: evening and weekend classes, childcare on site, and interpretation in health and social services.",
  "The partnership reports on this strategy every year at the Immigration Forum, and publishes what it changed in response to community input.",
];

/**
 * The demo's three consultations (DEMO-DATA.md): the Ottawa LIP's consultation on its next three-year strategy,
 * closed with every input answered and the feedback published; the national working group's consultation
 * on a diaspora engagement policy, closed with its promised feedback date passed and inputs still unanswered —
 * the failure the seeds warn about ("lack of follow-up … a source of disappointment", 001: 3296-3303); and the
 * Ottawa LIP's open consultation on childcare during language classes, which the CSO representative's
 * organisation has not answered yet, so a visitor meets the main journey on their home page.
 */
export async function loadDemoConsultations(
  orgs: Record<string, Ids>,
  spaces: { nationalId: string; lipId: string; partners: Record<string, string> },
  people: { focalPoint: Ids; officer: Ids; csoRep: Ids },
) {
  const { partners } = spaces;
  const catholicCentre = partners["Catholic Centre for Immigrants"]!;
  const womenServices = partners["Immigrant Women Services Ottawa"]!;
  const somaliCentre = partners["Somali Centre for Family Services"]!;
  const hireImmigrants = partners["Hire Immigrants Ottawa"]!;
  const [ccRep, iwsoRep, somaliRep, hireRep, researcher] = await Promise.all([
    representative(spaces.lipId, catholicCentre, "Daniel Okoye", "daniel.okoye@cciottawa.example"),
    representative(spaces.lipId, womenServices, "Hana Yousef", "hana.yousef@iwso.example"),
    representative(spaces.lipId, somaliCentre, "Fadumo Warsame", "fadumo.warsame@somalicentre.example"),
    representative(spaces.lipId, hireImmigrants, "Claire Gagnon", "claire.gagnon@hireimmigrants.example"),
    representative(
      spaces.lipId,
      orgs.university!.id,
      "Luis Herrera",
      "luis.herrera@uottawa-migration.example",
    ),
  ]);

  // 1. The Ottawa LIP's community consultation on the next three-year strategy (000: 1241-1295; 1247).
  await stage({
    consultation: {
      spaceId: spaces.lipId,
      title: "Ottawa Immigration Strategy 2027–2029: community consultation",
      purpose:
        "The partnership is renewing the Ottawa Immigration Strategy for the next three years. Before the partnership council adopts it, we ask partners — and, through them, the communities they serve — which directions and actions should come first, and what the draft gets wrong.",
      openToChange:
        "The priorities and actions in each of the five sectors; who leads each action; how and how often the partnership reports.",
      notOpenToChange:
        "Federal immigration levels and programmes; the provincial funding envelope for settlement services.",
      decision: "Adoption of the Ottawa Immigration Strategy 2027–2029",
      decisionMaker: "The partnership council of the Ottawa LIP",
      background: "https://olip-plio.ca/\nhttps://www.ottawa.ca/en/family-and-social-services",
      languages: "en,fr",
      status: "published",
      openedDaysAgo: 80,
      closedDaysAgo: 45,
      feedbackDueDaysAgo: 15,
      publishedDaysAgo: 20,
      createdById: people.officer.id,
    },
    questions: [
      {
        kind: "single_choice",
        prompt: "Which of the five sectors should the strategy put first?",
        required: true,
        options: [
          "Settlement and orientation",
          "Economic integration",
          "Health and wellbeing",
          "Language training and interpretation",
          "Socio-civic integration",
        ],
      },
      {
        kind: "ranking",
        prompt: "Rank the proposed priorities, most urgent first",
        options: [
          "Affordable housing for newcomer families",
          "Faster recognition of foreign credentials",
          "Evening language classes with childcare",
          "Interpretation in health services",
        ],
      },
      {
        kind: "rating",
        prompt: "How well did the 2024–2026 strategy meet the needs of the people you serve?",
        options: { min: 1, max: 5, minLabel: "Not at all", maxLabel: "Fully" },
      },
      {
        kind: "multiple_choice",
        prompt: "Which actions is your organisation ready to co-lead?",
        options: [
          "Welcoming Ottawa Week",
          "The annual Immigration Forum",
          "Mentoring with employers",
          "A newcomer housing help desk",
        ],
      },
      {
        kind: "paragraph_comments",
        prompt: "Comment on the draft vision and directions",
        help: "Comment on any paragraph; leave the others blank.",
        options: strategyParagraphs,
      },
      {
        kind: "long_text",
        prompt: "What should the partnership stop doing, or do differently?",
      },
    ],
    authorId: people.officer.id,
    responses: {
      childcare: {
        outcome: "accepted",
        explanation:
          "Both inputs showed that women leave language training because classes end when school ends. The strategy now commits to evening classes with childcare.",
        changeMade:
          "Action 4.2: two evening language classes with on-site childcare open in January at the Somerset West centre; attendance reported in March.",
        daysAgo: 22,
      },
      housing: {
        outcome: "partly_accepted",
        explanation:
          "Housing is now a priority of the strategy, but the partnership cannot fund rent supplements, which are provincial. We added what partners can do together.",
        changeMade:
          "Action 1.5: a newcomer housing help desk at the Catholic Centre for Immigrants, with Ottawa Community Housing, to help families without a credit history.",
        daysAgo: 22,
      },
      credentials: {
        outcome: "accepted",
        explanation:
          "Employers and researchers pointed to the same bottleneck: the wait for credential recognition, above all for nurses.",
        changeMade:
          "Action 2.3: a mentoring programme with Hire Immigrants Ottawa and the colleges, and a six-month target for credential assessments reported each year.",
        daysAgo: 21,
      },
      reunification: {
        outcome: "out_of_scope",
        explanation:
          "Family reunification is decided by the federal government, not the partnership. We passed the input to the federal department's regional office and will publish its answer here.",
        daysAgo: 21,
      },
    },
    inputs: [
      {
        organisationId: orgs.cso!.id,
        submittedById: people.csoRep.id,
        submittedDaysAgo: 50,
        themes: ["housing", "settlement"],
        response: "housing",
        answers: {
          0: "Settlement and orientation",
          1: [
            "Affordable housing for newcomer families",
            "Evening language classes with childcare",
            "Faster recognition of foreign credentials",
            "Interpretation in health services",
          ],
          2: 3,
          3: ["Welcoming Ottawa Week", "A newcomer housing help desk"],
          4: {
            "2": "Name who is responsible for reaching families in the first month: today no one is.",
            "5": "Yes — and publish it before the Forum, so partners can prepare.",
          },
          5: "Stop counting workshops delivered and start counting families housed. Landlords ask newcomers for twelve months' rent in advance; families without a credit history cannot rent at all.",
        },
      },
      {
        organisationId: orgs.cso!.id,
        submittedById: people.csoRep.id,
        isAggregated: true,
        aggregatedNote:
          "We spoke with 40 women attending language courses at our three sites in March, in five discussion groups with interpreters. No names or personal details were recorded; the answers summarise what the groups said.",
        submittedDaysAgo: 48,
        themes: ["family", "language"],
        response: "childcare",
        answers: {
          0: "Language training and interpretation",
          1: [
            "Evening language classes with childcare",
            "Affordable housing for newcomer families",
            "Interpretation in health services",
            "Faster recognition of foreign credentials",
          ],
          2: 2,
          4: {
            "4": "Most women in the groups stopped attending because classes end at 17:00, when they collect their children.",
          },
          5: "Hold classes in the evening and on Saturdays, with childcare in the same building. Several women said they would come back at once.",
        },
      },
      {
        organisationId: womenServices,
        submittedById: iwsoRep.id,
        submittedDaysAgo: 47,
        themes: ["language", "health"],
        response: "childcare",
        answers: {
          0: "Language training and interpretation",
          1: [
            "Evening language classes with childcare",
            "Interpretation in health services",
            "Affordable housing for newcomer families",
            "Faster recognition of foreign credentials",
          ],
          2: 2,
          3: ["The annual Immigration Forum"],
          4: {
            "4": "Add interpretation at walk-in clinics on weekends: families wait for a relative to translate.",
          },
        },
      },
      {
        organisationId: catholicCentre,
        submittedById: ccRep.id,
        submittedDaysAgo: 52,
        themes: ["housing"],
        response: "housing",
        answers: {
          0: "Settlement and orientation",
          1: [
            "Affordable housing for newcomer families",
            "Faster recognition of foreign credentials",
            "Interpretation in health services",
            "Evening language classes with childcare",
          ],
          2: 3,
          3: ["A newcomer housing help desk", "Mentoring with employers"],
          5: "Coordinate the housing searches partners already do: four agencies call the same landlords every week.",
        },
      },
      {
        organisationId: hireImmigrants,
        submittedById: hireRep.id,
        submittedDaysAgo: 46,
        themes: ["economic_integration"],
        response: "credentials",
        answers: {
          0: "Economic integration",
          1: [
            "Faster recognition of foreign credentials",
            "Affordable housing for newcomer families",
            "Evening language classes with childcare",
            "Interpretation in health services",
          ],
          2: 4,
          3: ["Mentoring with employers"],
          4: { "3": "Six months is realistic only if regulators are at the table; name them." },
        },
      },
      {
        organisationId: orgs.university!.id,
        submittedById: researcher.id,
        submittedDaysAgo: 46,
        themes: ["economic_integration", "education"],
        response: "credentials",
        answers: {
          0: "Economic integration",
          2: 3,
          4: {
            "1": "“Within five years” needs indicators: we offer to measure them with the partnership.",
            "3": "Our survey of 600 newcomers found foreign-trained nurses waiting more than two years.",
          },
          5: "Publish the data behind each action, so partners and researchers can follow progress.",
        },
      },
      {
        organisationId: somaliCentre,
        submittedById: somaliRep.id,
        submittedDaysAgo: 49,
        themes: ["family"],
        response: "reunification",
        answers: {
          0: "Socio-civic integration",
          2: 2,
          5: "Families wait years to be reunited; the strategy should press for faster family reunification.",
        },
      },
    ],
  });

  // 2. The national working group's consultation on a diaspora engagement policy, with no follow-up yet.
  const [forimRep, unionRep, employersRep] = await Promise.all([
    representative(spaces.nationalId, orgs.forim!.id, "Aïssatou Diallo", "aissatou.diallo@forim.example"),
    representative(spaces.nationalId, orgs.union!.id, "Rajesh Kumar", "rajesh.kumar@mtuc.example"),
    representative(
      spaces.nationalId,
      orgs.employers!.id,
      "Sofia Lindqvist",
      "sofia.lindqvist@club100.example",
    ),
  ]);
  await stage({
    consultation: {
      spaceId: spaces.nationalId,
      title: "A national diaspora engagement policy",
      purpose:
        "The government is preparing a policy on how it works with diaspora organisations on development at home and integration here. Diaspora organisations told earlier donor-diaspora consultations that the lack of follow-up remains a source of disappointment, and asked for a single contact point in government. We ask what the policy must commit to.",
      openToChange:
        "The contact point for diaspora organisations; what the government commits to after each consultation; matched funding for hometown projects.",
      notOpenToChange: "Remittance taxation, which the budget law sets.",
      decision: "The national diaspora engagement policy, for cabinet",
      decisionMaker: "The Minister of Foreign Affairs, with the working group",
      background: "https://www.iom.int/diaspora-engagement",
      languages: "en,fr,ar",
      status: "closed",
      openedDaysAgo: 110,
      closedDaysAgo: 70,
      feedbackDueDaysAgo: 40,
      createdById: people.focalPoint.id,
    },
    questions: [
      {
        kind: "single_choice",
        prompt: "Should the government create a single contact point for diaspora organisations?",
        required: true,
        options: [
          "Yes, in the Ministry of Foreign Affairs",
          "Yes, shared by the ministries of the working group",
          "No, keep contacts with each ministry",
        ],
      },
      {
        kind: "multiple_choice",
        prompt: "How do your members contribute to development at home today?",
        options: [
          "Remittances to families",
          "Collective investment in hometown projects",
          "Skills and knowledge transfer",
          "Philanthropy and emergency relief",
          "Advocacy",
        ],
      },
      {
        kind: "rating",
        prompt: "How well does the government follow up on what diaspora organisations tell it?",
        options: { min: 1, max: 5, minLabel: "Never", maxLabel: "Always" },
      },
      { kind: "long_text", prompt: "What should the government commit to after each consultation?" },
      { kind: "short_text", prompt: "One concrete pledge you would like to see in the policy" },
    ],
    authorId: people.focalPoint.id,
    responses: {
      contactPoint: {
        outcome: "accepted",
        explanation:
          "The draft policy names a diaspora desk in the Ministry of Foreign Affairs as the single contact point, staffed jointly with the Ministry of Labour.",
        changeMade: "Section 2 of the draft policy: the diaspora desk and its service standards.",
        daysAgo: 35,
      },
    },
    inputs: [
      {
        organisationId: orgs.forim!.id,
        submittedById: forimRep.id,
        submittedDaysAgo: 75,
        themes: ["economic_integration"],
        response: "contactPoint",
        answers: {
          0: "Yes, in the Ministry of Foreign Affairs",
          1: ["Collective investment in hometown projects", "Skills and knowledge transfer", "Advocacy"],
          2: 2,
          3: "Publish, within the promised time, what was taken up and what was not, and why. Our member associations stopped coming to consultations that were never followed up.",
          4: "Matched funding for hometown projects, one euro for each euro raised",
        },
      },
      {
        organisationId: orgs.cso!.id,
        submittedById: people.csoRep.id,
        submittedDaysAgo: 72,
        themes: ["settlement"],
        answers: {
          0: "Yes, shared by the ministries of the working group",
          1: ["Remittances to families", "Philanthropy and emergency relief"],
          2: 1,
          3: "Continuous consultation, not one meeting: a standing table that meets twice a year and reports back.",
          4: "A single contact point that answers within 30 days",
        },
      },
      {
        organisationId: orgs.union!.id,
        submittedById: unionRep.id,
        submittedDaysAgo: 71,
        themes: ["economic_integration"],
        answers: {
          0: "Yes, shared by the ministries of the working group",
          1: ["Remittances to families", "Advocacy"],
          2: 2,
          3: "Involve migrant workers' own organisations, not only associations registered in the capital.",
        },
      },
      {
        organisationId: orgs.employers!.id,
        submittedById: employersRep.id,
        submittedDaysAgo: 71,
        themes: [],
        answers: {
          0: "Yes, in the Ministry of Foreign Affairs",
          1: ["Skills and knowledge transfer"],
          2: 3,
          4: "Recognise skills gained abroad when diaspora members return",
        },
      },
    ],
  });

  await stage({
    consultation: {
      spaceId: spaces.lipId,
      title: "Childcare during language classes: designing the pilot",
      purpose:
        "Many newcomer women cannot attend language classes because no one can look after their children. The partnership will fund a pilot of on-site childcare during classes next year, and asks partners how it should work before the funding decision.",
      openToChange: "Where and when the pilot runs; who it serves first; how families hear about it.",
      notOpenToChange: "The pilot's budget, set by the city's newcomer services envelope.",
      decision: "The design of the childcare pilot, adopted with the partnership's action plan",
      decisionMaker: "The partnership council of the Ottawa LIP",
      background: "https://olip-plio.ca/",
      languages: "en,fr",
      status: "open",
      openedDaysAgo: 5,
      closedDaysAgo: -12,
      feedbackDueDaysAgo: -42,
      createdById: people.officer.id,
    },
    questions: [
      {
        kind: "single_choice",
        prompt: "When do the families you work with most need childcare during classes?",
        required: true,
        options: ["Weekday mornings", "Weekday evenings", "Saturdays"],
      },
      {
        kind: "ranking",
        prompt: "Rank these places for the pilot, the best first.",
        options: ["Community health centres", "Public libraries", "Settlement agencies' own offices"],
      },
      {
        kind: "long_text",
        prompt: "What would stop a family from using the childcare, and how could the pilot avoid it?",
        help: "Speak for the families you serve in general terms; do not name anyone.",
      },
    ],
    responses: {},
    authorId: people.officer.id,
    inputs: [
      {
        organisationId: catholicCentre,
        submittedById: ccRep.id,
        submittedDaysAgo: 2,
        themes: [],
        answers: {
          0: "Weekday evenings",
          1: ["Settlement agencies' own offices", "Community health centres", "Public libraries"],
          2: "Parents worry about leaving children with people who do not speak their language; hire carers from the communities served.",
        },
      },
    ],
  });
}

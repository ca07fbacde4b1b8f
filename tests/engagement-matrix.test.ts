import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { matrixPath, renderEngagementMatrix } from "../scripts/engagement-matrix";

describe("docs/engagement-matrix.md", () => {
  it("is the page generated from spaceRules, not a stale copy", async () => {
    const published = readFileSync(matrixPath, "utf8");
    expect(
      published === (await renderEngagementMatrix()),
      "docs/engagement-matrix.md is stale: run `npm run docs:matrix` and commit the result",
    ).toBe(true);
  });
});

// The words of each page are merged into one dictionary: a key two pages both define would
// silently take the later page's words on the other's page.
import { describe, expect, it } from "vitest";
import { archiveEn } from "../src/words/archive";
import { callEn } from "../src/words/call";
import { callbacksEn } from "../src/words/callbacks";
import { complaintsEn } from "../src/words/complaints";
import { conflictsEn } from "../src/words/conflicts";
import { fleetEn } from "../src/words/fleet";
import { jobEn } from "../src/words/job";
import { partsEn } from "../src/words/parts";

describe("the pages' words", () => {
  it("name each key once", () => {
    const seen = new Map<string, string>();
    const clashes: string[] = [];
    for (const [page, words] of Object.entries({ callEn, jobEn, fleetEn, partsEn, conflictsEn, archiveEn, complaintsEn, callbacksEn })) {
      for (const key of Object.keys(words)) {
        if (seen.has(key)) clashes.push(`${key}: ${seen.get(key)} and ${page}`);
        seen.set(key, page);
      }
    }
    expect(clashes).toEqual([]);
  });
});

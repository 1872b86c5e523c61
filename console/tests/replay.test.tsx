// The signature replayed: the pad's strokes scaled into the box at their own pace, the pauses
// between strokes shortened, anything that is not strokes drawn as nothing.
import { cleanup, render, screen, waitFor } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { UiContext } from "../src/context";
import { translator } from "../src/i18n";
import { Job } from "../src/screens/Job";
import { timeline } from "../src/screens/Replay";
import { hq } from "./fake-hq";
import { jobPage } from "./records";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

// As signature_pad's toData() keeps them: absolute times in ms, pad pixels.
const strokes = [
  { penColor: "black", points: [{ x: 100, y: 300, time: 1_700_000_000_000, pressure: 0.5 }, { x: 700, y: 100, time: 1_700_000_000_400, pressure: 0.5 }] },
  { penColor: "black", points: [{ x: 400, y: 500, time: 1_700_000_005_400, pressure: 0.5 }, { x: 500, y: 200, time: 1_700_000_005_600, pressure: 0.5 }] },
];

describe("the signature replay", () => {
  it("keeps each stroke's pace, shortens the pause between strokes and fits the box", () => {
    const segments = timeline(strokes);
    expect(segments.map((s) => s.at)).toEqual([0, 400, 700, 900]);
    for (const s of segments)
      for (const [x, y] of [s.from, s.to]) {
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(360);
        expect(y).toBeGreaterThanOrEqual(0);
        expect(y).toBeLessThanOrEqual(120);
      }
    expect(timeline({ not: "strokes" })).toEqual([]);
    expect(timeline([{ points: [{ x: "a", y: 1, time: 0 }] }])).toEqual([]);
  });

  it("is offered on the job page only when HQ holds the strokes", async () => {
    const calls = hq((c) =>
      c.path.endsWith("/strokes") ? [200, strokes] : c.path.startsWith("/api/v1/complaints") ? [200, []] : [200, jobPage({ signature_strokes: true })],
    );
    render(
      <UiContext.Provider value={translator("en")}>
        <Job id="0190e0a0-0000-7000-8000-000000000001" role="viewer" />
      </UiContext.Provider>,
    );
    expect((await screen.findByTestId("replay-go")).textContent).toBe("Replay the signing");
    expect(calls.some((c) => c.path === "/api/v1/jobs/0190e0a0-0000-7000-8000-000000000001/signature/strokes")).toBe(true);
    cleanup();
    const later = hq((c) => (c.path.startsWith("/api/v1/complaints") ? [200, []] : [200, jobPage({ signature_strokes: false })]));
    render(
      <UiContext.Provider value={translator("en")}>
        <Job id="0190e0a0-0000-7000-8000-000000000001" role="viewer" />
      </UiContext.Provider>,
    );
    await screen.findByTestId("signature");
    await waitFor(() => expect(later.length).toBeGreaterThan(0));
    expect(screen.queryByTestId("replay")).toBeNull();
    expect(later.some((c) => c.path.endsWith("/strokes"))).toBe(false);
  });
});

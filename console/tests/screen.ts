// Where the board's rows are on screen, for the console's tests: happy-dom lays nothing out, so
// an IntersectionObserver here says what the test tells it.
import { vi } from "vitest";

type Seen = (entries: { isIntersecting: boolean; target: Element }[]) => void;

/** Rows `near` says are near the screen are seen at once; `show()` brings the others into view. */
export function rowsOnScreen(near: (row: Element) => boolean = () => true) {
  const watched: [Element, Seen][] = [];
  // Once shown, a row the board starts watching only later is seen too.
  let shown = false;
  vi.stubGlobal(
    "IntersectionObserver",
    class {
      constructor(private seen: Seen) {}
      observe(row: Element) {
        watched.push([row, this.seen]);
        this.seen([{ isIntersecting: shown || near(row), target: row }]);
      }
      disconnect() {}
    },
  );
  return {
    show: () => {
      shown = true;
      for (const [row, seen] of watched) seen([{ isIntersecting: true, target: row }]);
    },
  };
}

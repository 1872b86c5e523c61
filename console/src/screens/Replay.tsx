// The customer's signature replayed as it was drawn: the pen strokes the laptop's signature pad
// recorded (its own JSON: strokes of points with x, y and a time in ms), scaled into the box and
// drawn at the pace they were made, the pauses between strokes shortened.
import { useEffect, useRef, useState } from "preact/hooks";
import { api } from "../api";
import { useWords } from "../context";

type Point = { x: number; y: number; time: number };
type Stroke = { points: Point[] };
/** One line of the drawing, `at` ms after the replay starts. */
export type Segment = { at: number; from: [number, number]; to: [number, number] };

const WIDTH = 360;
const HEIGHT = 120;
const MARGIN = 8;
/** The longest pause between two strokes in the replay. */
const MAX_PAUSE_MS = 300;

function strokesOf(data: unknown): Stroke[] {
  if (!Array.isArray(data)) return [];
  return data
    .map((s) => ({ points: Array.isArray(s?.points) ? s.points : [] }))
    .map((s) => ({
      points: s.points.filter((p: Point) => [p?.x, p?.y, p?.time].every((n) => typeof n === "number" && Number.isFinite(n))),
    }))
    .filter((s) => s.points.length > 0);
}

/** The drawing as timed segments in a `width` × `height` box, keeping its proportions. */
export function timeline(data: unknown, width = WIDTH, height = HEIGHT): Segment[] {
  const strokes = strokesOf(data);
  const all = strokes.flatMap((s) => s.points);
  if (all.length === 0) return [];
  const [minX, maxX] = [Math.min(...all.map((p) => p.x)), Math.max(...all.map((p) => p.x))];
  const [minY, maxY] = [Math.min(...all.map((p) => p.y)), Math.max(...all.map((p) => p.y))];
  const scale = Math.min((width - 2 * MARGIN) / Math.max(maxX - minX, 1), (height - 2 * MARGIN) / Math.max(maxY - minY, 1));
  const dx = (width - (maxX - minX) * scale) / 2;
  const dy = (height - (maxY - minY) * scale) / 2;
  const at = (p: Point): [number, number] => [dx + (p.x - minX) * scale, dy + (p.y - minY) * scale];
  const segments: Segment[] = [];
  let clock = 0;
  let last: number | null = null;
  for (const s of strokes) {
    const first = s.points[0].time;
    if (last !== null) clock += Math.min(Math.max(first - last, 0), MAX_PAUSE_MS);
    const start = clock;
    s.points.forEach((p, i) => {
      const prev = s.points[Math.max(i - 1, 0)];
      clock = start + Math.max(p.time - first, 0);
      segments.push({ at: clock, from: at(prev), to: at(p) });
    });
    last = s.points[s.points.length - 1].time;
  }
  return segments;
}

export function Replay({ job }: { job: string }) {
  const w = useWords();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [segments, setSegments] = useState<Segment[] | null>(null);
  const [playing, setPlaying] = useState(false);
  useEffect(() => void api.strokes(job).then((d) => setSegments(timeline(d)), () => setSegments([])), [job]);
  const play = () => {
    const ctx = canvas.current?.getContext("2d");
    if (!ctx || !segments) return;
    ctx.clearRect(0, 0, WIDTH, HEIGHT);
    Object.assign(ctx, { lineWidth: 2.5, lineCap: "round", lineJoin: "round", strokeStyle: "#1b2a3a" });
    setPlaying(true);
    const started = performance.now();
    let drawn = 0;
    const frame = (now: number) => {
      for (; drawn < segments.length && segments[drawn].at <= now - started; drawn++) {
        const { from, to } = segments[drawn];
        ctx.beginPath();
        ctx.moveTo(...from);
        ctx.lineTo(...to);
        ctx.stroke();
      }
      if (drawn < segments.length) requestAnimationFrame(frame);
      else setPlaying(false);
    };
    requestAnimationFrame(frame);
  };
  if (!segments || segments.length === 0) return null;
  return (
    <div class="replay" data-testid="replay">
      <canvas ref={canvas} width={WIDTH} height={HEIGHT} aria-label={w.t("replayed")} />
      <button type="button" onClick={play} disabled={playing} data-testid="replay-go">
        {w.t("replay")}
      </button>
    </div>
  );
}

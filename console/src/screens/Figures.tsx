// The month's figures (月度统计) for the team or one engineer: each share as HQ counts it
// (exactly GET /api/v1/kpis), its percent or "not measured", the sources' target, and its
// course over the last 12 months; then the month's statistics (维修统计表).
import { useEffect, useState } from "preact/hooks";
import { api } from "../api";
import type { Engineer } from "../bindings/Engineer";
import type { Kpis } from "../bindings/Kpis";
import type { Ratio } from "../bindings/Ratio";
import { SHARES } from "../bindings/labels";
import { useWords } from "../context";
import { localDate } from "./Board";
import { EngineerSelect } from "./fields";
import { Statistics } from "./Statistics";

type Share = (typeof SHARES)[number];
type Target = { at_least: number } | { below: number } | null;

/** "2026-12" of a date. */
const monthOf = (d: Date) => localDate(d).slice(0, 7);

/** The 12 months up to `month`, oldest first. */
export function lastYear(month: string): string[] {
  const [y, m] = month.split("-").map(Number);
  return Array.from({ length: 12 }, (_, i) => monthOf(new Date(y, m - 12 + i, 1)));
}

const percent = (r: Ratio | null) => (r && r.denominator > 0 ? (r.numerator * 100) / r.denominator : null);

function met(target: Target, p: number): boolean {
  if (!target) return true;
  return "at_least" in target ? p >= target.at_least : p < target.below;
}

export function Figures() {
  const w = useWords();
  const [month, setMonth] = useState(monthOf(new Date()));
  const [engineer, setEngineer] = useState("");
  const [engineers, setEngineers] = useState<Engineer[]>([]);
  const [year, setYear] = useState<(Kpis | null)[] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => void api.engineers().then(setEngineers, () => setFailed(true)), []);
  useEffect(() => {
    let live = true;
    setYear(null);
    Promise.all(lastYear(month).map((m) => api.kpis(m, engineer || null).catch(() => null))).then(
      (all) => live && (setYear(all), setFailed(all[11] === null)),
    );
    return () => void (live = false);
  }, [month, engineer]);

  const now = year?.[11] ?? null;
  const label = (s: Share) => (w.lang === "en" ? s.label[0] : s.label[1]);
  const targetText = (t: Target) =>
    !t ? "—" : "at_least" in t ? w.t("atLeast", { p: t.at_least }) : w.t("below", { p: t.below });
  const share = (k: Kpis, key: string): Ratio | null => (k as unknown as Record<string, Ratio | null>)[key] ?? null;
  return (
    <div class="figures" data-testid="figures">
      <div class="toolbar">
        <h1>{w.t("figuresTitle")}</h1>
        <label class="inline-label">
          {w.t("month")}
          <input type="month" value={month} onInput={(e) => e.currentTarget.value && setMonth(e.currentTarget.value)} data-testid="figures-month" />
        </label>
        <label class="inline-label">
          {w.t("engineer")}
          <EngineerSelect engineers={engineers} value={engineer} onPick={setEngineer} none={w.t("wholeTeam")} testid="figures-engineer" />
        </label>
      </div>
      {failed && <p class="error">{w.t("unreachable")}</p>}
      {!year ? (
        <p class="hint">{w.t("loading")}</p>
      ) : (
        now && (
          <table class="grid card" data-testid="figures-table">
            <thead>
              <tr>
                <th>{w.t("figure")}</th>
                <th>{w.t("counted")}</th>
                <th>{w.t("share")}</th>
                <th>{w.t("target")}</th>
                <th>{w.t("lastYear")}</th>
              </tr>
            </thead>
            <tbody>
              {SHARES.map((s) => {
                const r = share(now, s.key);
                const p = percent(r);
                const target = s.target as Target;
                return (
                  <tr key={s.key} data-testid={`kpi-${s.key}`}>
                    <th class="name">{label(s)}</th>
                    <td class="ratio">{r ? `${r.numerator} / ${r.denominator}` : "—"}</td>
                    <td class={p === null ? "hint" : met(target, p) ? "" : "error"}>
                      {p === null ? w.t("notMeasured") : `${p.toFixed(1)} %`}
                    </td>
                    <td>{targetText(target)}</td>
                    <td>
                      <Spark points={year.map((k) => (k ? percent(share(k, s.key)) : null))} target={target} />
                    </td>
                  </tr>
                );
              })}
              <tr data-testid="kpi-overall_rating">
                <th class="name">{w.t("meanRating")}</th>
                <td class="ratio" title={`${now.overall_rating_sum} / ${now.overall_rating_count}`}>
                  {w.t("ratings_n", { n: now.overall_rating_count })}
                </td>
                <td class={now.overall_rating_count ? "" : "hint"}>
                  {now.overall_rating_count
                    ? (now.overall_rating_sum / now.overall_rating_count).toFixed(2)
                    : w.t("notMeasured")}
                </td>
                <td>—</td>
                <td>
                  <Spark
                    points={year.map((k) => (k && k.overall_rating_count ? (k.overall_rating_sum / k.overall_rating_count) * 20 : null))}
                    target={null}
                  />
                </td>
              </tr>
            </tbody>
          </table>
        )
      )}
      <Statistics month={month} engineer={engineer} />
    </div>
  );
}

/** A share's 12 months as a small line, 0–100 %; a month not measured is a gap. */
function Spark({ points, target }: { points: (number | null)[]; target: Target }) {
  const [wide, high] = [180, 36];
  const x = (i: number) => (i * wide) / (points.length - 1);
  const y = (p: number) => high - (p * high) / 100;
  const runs: string[] = [];
  let run = "";
  points.forEach((p, i) => {
    if (p === null) return void (run && runs.push(run), (run = ""));
    run += `${run ? "L" : "M"}${x(i).toFixed(1)},${y(p).toFixed(1)} `;
  });
  if (run) runs.push(run);
  const line = target ? ("at_least" in target ? target.at_least : target.below) : null;
  return (
    <svg class="spark" width={wide} height={high} viewBox={`0 0 ${wide} ${high}`} role="img">
      {line !== null && <line x1="0" x2={wide} y1={y(line)} y2={y(line)} class="target" />}
      {runs.map((d) => (
        <path key={d} d={d} />
      ))}
      {points.map((p, i) => p !== null && <circle key={i} cx={x(i)} cy={y(p)} r={i === points.length - 1 ? 3 : 1.8} />)}
    </svg>
  );
}

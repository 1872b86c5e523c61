// The month's statistics (维修统计表) under the figures: the team's or one engineer's counts as
// bars (visits by type, satisfied and not fully satisfied by dimension, complaints by category,
// planned visits against done), each engineer's row, the parts used and the repeat repairs with
// their reasons; the same statistics to download as Excel, CSV or PDF (GET /api/v1/statistics).
import { useEffect, useState } from "preact/hooks";
import { api } from "../api";
import type { Figures } from "../bindings/Figures";
import type { Money } from "../bindings/Money";
import type { Ratio } from "../bindings/Ratio";
import type { Statistics as Stats } from "../bindings/Statistics";
import { COMPLAINT_CATEGORY_LABELS, DIMENSION_LABELS } from "../bindings/labels";
import { useWords } from "../context";

/** Where the month's statistics are as a file. */
export const statisticsUrl = (month: string, engineer: string, format: "xlsx" | "csv" | "pdf", lang: string) =>
  `/api/v1/statistics?month=${month}${engineer ? `&engineer_id=${engineer}` : ""}&format=${format}&language=${lang}`;

type Bar = { label: string; parts: { value: number; tone: "" | "warn" }[] };

/** Horizontal bars, each one or two parts, scaled to the largest total. */
function Bars({ bars, testid }: { bars: Bar[]; testid: string }) {
  const most = Math.max(1, ...bars.map((b) => b.parts.reduce((s, p) => s + p.value, 0)));
  return (
    <div class="bars" data-testid={testid}>
      {bars.map((b) => (
        <div class="bar" key={b.label}>
          <span class="bar-label">{b.label}</span>
          <span class="bar-track">
            {b.parts.map((p, i) =>
              p.value > 0 ? <span key={i} class={`bar-part ${p.tone}`} style={{ width: `${(p.value * 100) / most}%` }} /> : null,
            )}
          </span>
          <span class="bar-value">{b.parts.map((p) => p.value).join(" / ")}</span>
        </div>
      ))}
    </div>
  );
}

export function Statistics({ month, engineer }: { month: string; engineer: string }) {
  const w = useWords();
  const [stats, setStats] = useState<Stats | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    setStats(null);
    api.statistics(month, engineer || null).then(
      (s) => live && (setStats(s), setFailed(false)),
      () => live && setFailed(true),
    );
    return () => void (live = false);
  }, [month, engineer]);
  const i = w.lang === "en" ? 0 : 1;
  const share = (r: Ratio) => (r.denominator > 0 ? `${((r.numerator * 100) / r.denominator).toFixed(1)} % (${r.numerator}/${r.denominator})` : w.t("notMeasured"));
  const money = (sums: Money[]) => (sums.length ? sums.map((m) => w.money(m)).join("; ") : "0");
  const f: Figures | null = stats ? (engineer ? (stats.engineers[0]?.figures ?? stats.team) : stats.team) : null;
  return (
    <section class="card statistics" data-testid="statistics">
      <div class="toolbar">
        <h2>{w.t("statisticsTitle")}</h2>
        <span class="grow" />
        {(["xlsx", "csv", "pdf"] as const).map((format) => (
          <a key={format} class="button" href={statisticsUrl(month, engineer, format, w.lang)} data-testid={`statistics-${format}`}>
            {w.t(format === "xlsx" ? "downloadXlsx" : format === "csv" ? "downloadCsv" : "downloadPdf")}
          </a>
        ))}
      </div>
      <p class="hint">{w.t("statisticsHint")}</p>
      {failed && <p class="error">{w.t("unreachable")}</p>}
      {!f || !stats ? (
        !failed && <p class="hint">{w.t("loading")}</p>
      ) : (
        <>
          <div class="stat-grid">
            <div>
              <h3>{w.t("visitsByType")}</h3>
              <Bars
                testid="visits-by-type"
                bars={(["repair", "installation", "inspection", "maintenance", "callback"] as const).map((t) => ({
                  label: w.jobType(t),
                  parts: [{ value: f.visits[t], tone: "" }],
                }))}
              />
              <p data-testid="stat-outcomes">
                {w.t("statCompleted")} {f.completed} · {w.t("statUnresolved")} {f.unresolved} · {w.t("statCancelled")} {f.cancelled}
              </p>
            </div>
            <div>
              <h3>{w.t("satisfactionByDimension")}</h3>
              <Bars
                testid="satisfaction-by-dimension"
                bars={f.satisfaction.map((d) => ({
                  label: DIMENSION_LABELS[d.dimension][i],
                  parts: [
                    { value: d.satisfied, tone: "" },
                    { value: d.not_fully, tone: "warn" },
                  ],
                }))}
              />
              <p class="hint">{w.t("statDeclined", { n: f.declined })}</p>
            </div>
            <div>
              <h3>{w.t("complaintsByCategory")}</h3>
              <Bars
                testid="complaints-by-category"
                bars={f.complaints.map((c) => ({ label: COMPLAINT_CATEGORY_LABELS[c.category][i], parts: [{ value: c.count, tone: "warn" }] }))}
              />
              <p class="hint">{w.t("statCompensated", { n: f.compensations, m: money(f.compensated) })}</p>
            </div>
            <div>
              <h3>{w.t("plannedAgainstDone")}</h3>
              <Bars
                testid="planned-against-done"
                bars={[
                  { label: w.t("standing_done"), parts: [{ value: f.planned.done, tone: "" }] },
                  { label: w.t("standing_late"), parts: [{ value: f.planned.late, tone: "warn" }] },
                  { label: w.t("standing_missed"), parts: [{ value: f.planned.missed, tone: "warn" }] },
                  { label: w.t("standing_pending"), parts: [{ value: f.planned.pending, tone: "" }] },
                ]}
              />
            </div>
          </div>
          <ul class="plain" data-testid="stat-lines">
            <li>
              {w.t("statRepairPass")}
              {w.t("colon")}
              {share(f.repair_pass)} · {w.t("statRepeat")} {f.repeat_repairs}
            </li>
            <li>
              {w.t("statInstallPass")}
              {w.t("colon")}
              {share(f.installation_pass)}
            </li>
            <li>{w.t("statCallbacks", { s: f.callbacks.satisfied, u: f.callbacks.unsatisfied, v: f.callbacks.visits })}</li>
            <li>{w.t("statParts", { p: f.part_pieces, l: f.part_lines })}</li>
            <li>{w.t("statCharged", { m: money(f.charged) })}</li>
          </ul>
          {!engineer && stats.engineers.length > 0 && (
            <>
              <h3>{w.t("byEngineer")}</h3>
              <table class="grid" data-testid="statistics-engineers">
                <thead>
                  <tr>
                    <th>{w.t("engineer")}</th>
                    <th class="num">{w.t("statVisits")}</th>
                    <th class="num">{w.t("statCompleted")}</th>
                    <th class="num">{w.t("statUnresolved")}</th>
                    <th class="num">{w.t("statRepeat")}</th>
                    <th class="num">{w.t("statComplaints")}</th>
                    <th class="num">{w.t("statMissed")}</th>
                  </tr>
                </thead>
                <tbody>
                  {stats.engineers.map((e) => {
                    const v = e.figures.visits;
                    return (
                      <tr key={e.engineer_id}>
                        <td>{e.engineer}</td>
                        <td class="num">{v.repair + v.installation + v.inspection + v.maintenance + v.callback}</td>
                        <td class="num">{e.figures.completed}</td>
                        <td class="num">{e.figures.unresolved}</td>
                        <td class="num">{e.figures.repeat_repairs}</td>
                        <td class="num">{e.figures.complaints.reduce((s, c) => s + c.count, 0)}</td>
                        <td class="num">{e.figures.planned.missed}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </>
          )}
          {stats.parts.length > 0 && (
            <>
              <h3>{w.t("partsUsed")}</h3>
              <ul class="plain" data-testid="statistics-parts">
                {stats.parts.slice(0, 10).map((p) => (
                  <li key={p.code}>
                    {p.code} {p.name} × {p.pieces}
                  </li>
                ))}
              </ul>
            </>
          )}
          <h3>{w.t("repeatRepairs")}</h3>
          {stats.repeats.length === 0 ? (
            <p class="hint">{w.t("noRepeats")}</p>
          ) : (
            <ul class="plain" data-testid="statistics-repeats">
              {stats.repeats.map((r) => (
                <li key={r.job_id}>
                  <a href={`#/jobs/${r.job_id}`}>{r.job_number}</a> {r.engineer && `· ${r.engineer} `}· {w.t("repeatedBy", { j: r.repeated_by_number, r: r.reason })}
                  {r.first_cause && <span class="hint"> · {w.t("firstCause", { c: r.first_cause })}</span>}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

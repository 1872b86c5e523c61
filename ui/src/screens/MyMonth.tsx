// My month: the engineer's own statistics of a month, counted on this laptop from their jobs
// by the formulas HQ counts with. A share with nothing to count says "not measured", never 0 %.
import { useEffect, useState } from "preact/hooks";
import { api, errorText } from "../api";
import type { MyMonthView } from "../bindings/MyMonthView";
import type { ShareView } from "../bindings/ShareView";
import { useUi } from "../context";
import { amount, type Lang, type T } from "../i18n";

/** `YYYY-MM` moved by `by` months. */
export function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split("-").map(Number);
  const index = y * 12 + (m - 1) + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

function monthName(lang: Lang, month: string): string {
  const [y, m] = month.split("-").map(Number);
  return lang === "en" ? new Date(y, m - 1, 1).toLocaleString("en", { month: "long", year: "numeric" }) : `${y} 年 ${m} 月`;
}

function shareText(t: T, s: ShareView): string {
  if (!s.measured) return t("notMeasured");
  const percent = ((s.numerator * 100) / s.denominator).toFixed(1);
  return t("shareOf", { n: s.numerator, d: s.denominator, p: percent });
}

export function MyMonth() {
  const { lang, t } = useUi();
  const [month, setMonth] = useState<string | null>(null);
  const [view, setView] = useState<MyMonthView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    // A quicker tap asks for another month before this answer comes: the late answer is dropped.
    let current = true;
    api.myMonth(month).then(
      (v) => {
        if (!current) return;
        setView(v);
        setProblem(null);
      },
      (e) => current && setProblem(errorText(e)),
    );
    return () => {
      current = false;
    };
  }, [month]);

  // The month asked for shows at once; each tap steps from it, however fast the taps come.
  const shown = month ?? view?.month;
  const money = (sums: MyMonthView["charged"]) => (sums.length === 0 ? "0" : sums.map((a) => amount(lang, a)).join("; "));
  const sep = t("listSep");
  return (
    <section class="mymonth" data-testid="my-month">
      <div class="reporthead">
        <h1>{t("myMonth")}</h1>
        {/* Fixed-width steps either side of the month: the buttons never move under a finger. */}
        <div class="monthstep">
          <button onClick={() => shown && setMonth(shiftMonth(shown, -1))} data-testid="month-previous" aria-label={t("previousMonth")}>
            ‹
          </button>
          <strong data-testid="month-shown">{shown ? monthName(lang, shown) : ""}</strong>
          <button onClick={() => shown && setMonth(shiftMonth(shown, 1))} data-testid="month-next" aria-label={t("nextMonth")}>
            ›
          </button>
        </div>
      </div>
      {problem && (
        <p class="error" role="alert">
          {problem}
        </p>
      )}
      {view && (
        <div class="grid" aria-busy={view.month !== shown}>
          <div class="card">
            <h2>{t("monthVisits", { n: view.visits.reduce((n, v) => n + v.count, 0) })}</h2>
            <table class="history">
              <tbody>
                {view.visits.map((v) => (
                  <tr key={v.job_type}>
                    <td>{v.label[lang]}</td>
                    <td class="num">{v.count}</td>
                  </tr>
                ))}
                <tr>
                  <td>{t("monthCompleted")}</td>
                  <td class="num" data-testid="month-completed">{view.completed}</td>
                </tr>
                <tr>
                  <td>{t("monthUnresolved")}</td>
                  <td class="num">{view.unresolved}</td>
                </tr>
              </tbody>
            </table>
          </div>
          <div class="card">
            <h2>{t("monthRatings")}</h2>
            <table class="history">
              <thead>
                <tr>
                  <td />
                  <td class="num">{t("monthSatisfied")}</td>
                  <td class="num">{t("monthNotFully")}</td>
                </tr>
              </thead>
              <tbody>
                {view.satisfaction.map((d) => (
                  <tr key={d.dimension}>
                    <td>{d.label[lang]}</td>
                    <td class="num">{d.satisfied}</td>
                    <td class="num">{d.not_fully}</td>
                  </tr>
                ))}
                <tr>
                  <td>{t("monthDeclined")}</td>
                  <td class="num">{view.declined}</td>
                  <td />
                </tr>
              </tbody>
            </table>
            <p>
              {view.mean_overall === null
                ? t("monthMeanNone")
                : t("monthMean", { m: view.mean_overall.toFixed(1), n: view.overall_rated })}
            </p>
          </div>
          <div class="card">
            <h2>{t("monthQuality")}</h2>
            <table class="history">
              <tbody>
                {[view.repair_pass, view.installation_pass, ...view.shares].map((s) => (
                  <tr key={s.key} data-testid={`share-${s.key}`}>
                    <td class="cap">{s.label[lang]}</td>
                    <td class={s.measured ? "num" : "num hint"}>{shareText(t, s)}</td>
                  </tr>
                ))}
                <tr>
                  <td>{t("monthRepeats")}</td>
                  <td class="num">{view.repeat_repairs}</td>
                </tr>
              </tbody>
            </table>
          </div>
          <div class="card">
            <h2>{t("monthPartsAndCharges")}</h2>
            <table class="history">
              <tbody>
                <tr>
                  <td>{t("monthParts")}</td>
                  <td class="num">{t("monthPieces", { p: view.part_pieces, l: view.part_lines })}</td>
                </tr>
                <tr>
                  <td>{t("monthCharged")}</td>
                  <td class="num" data-testid="month-charged">{money(view.charged)}</td>
                </tr>
              </tbody>
            </table>
            <h2>{t("monthComplaints", { n: view.complaints.reduce((n, c) => n + c.count, 0) })}</h2>
            <p>
              {view.complaints
                .filter((c) => c.count > 0)
                .map((c) => `${c.label[lang]} ${c.count}`)
                .join(sep) || t("monthNoComplaints")}
            </p>
            <p>{t("monthCompensations", { n: view.compensations, a: money(view.compensated) })}</p>
          </div>
          <p class="hint wide">{t("monthAtHq")}</p>
        </div>
      )}
    </section>
  );
}

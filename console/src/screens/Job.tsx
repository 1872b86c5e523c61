// The job page: what was asked and who holds it, every move on the laptop's clock and HQ's, the
// report as the receipt words it (HQ makes both with the same receipt crate), the signature,
// the receipt as PDF, the signed revisions and the audit log; the dispatcher's actions beside.
import { useEffect, useState } from "preact/hooks";
import { api, receiptUrl } from "../api";
import type { JobPage } from "../bindings/JobPage";
import type { Role } from "../bindings/Role";
import { useWords } from "../context";
import { FollowUp } from "./FollowUp";
import { JobComplaints } from "./JobComplaints";
import { JobActions } from "./JobActions";
import { Replay } from "./Replay";

const when = (iso: string | null, lang: string) =>
  iso ? new Date(iso).toLocaleString(lang, { dateStyle: "short", timeStyle: "short" }) : "—";

export function Job({ id, role }: { id: string; role: Role }) {
  const w = useWords();
  const [page, setPage] = useState<JobPage | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [read, setRead] = useState(0);
  useEffect(() => {
    let live = true;
    api.jobPage(id, w.lang).then(
      (p) => live && (setPage(p), setProblem(null)),
      () => live && setProblem(w.t("jobFailed")),
    );
    return () => void (live = false);
  }, [id, w.lang, read]);

  if (!page) return <p class="hint">{problem ?? w.t("jobLoading")}</p>;
  const pairs = (rows: [string, string][], testid: string) => (
    <dl class="pairs" data-testid={testid}>
      {rows.map(([label, value]) => (
        <div key={label + value}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
  const s = page.sheet;
  return (
    <div class="job-page" data-testid="job-page">
      <div class="toolbar">
        <a href="#/board">{w.t("backToBoard")}</a>
        <h1>
          {page.number} ·{" "}
          <a href={`#/customers/${page.customer_id}`} data-testid="job-customer">
            {page.customer}
          </a>
        </h1>
        <span class="pill">{w.jobType(page.job_type)}</span>
        <span class={`status s-${page.status}`} data-testid="job-status">
          {w.status(page.status)}
        </span>
        {page.severity === "major" && <span class="badge late">{w.t("major")}</span>}
        <span class="grow" />
        {s.short_hash && !page.signature_image ? (
          <span class="hint">{w.t("imageMissing")}</span>
        ) : (
          <a class="button" href={receiptUrl(page.id)} download={`${page.number}.pdf`} data-testid="receipt">
            {w.t("receipt")}
          </a>
        )}
      </div>
      <div class="job-columns">
        <div class="job-main">
          <section class="card">
            <dl class="pairs">
              <div>
                <dt>{w.t("site")}</dt>
                <dd>{page.site}</dd>
              </div>
              <div>
                <dt>{w.t("engineer")}</dt>
                <dd data-testid="job-engineer">{page.engineer ?? w.t("noEngineer")}</dd>
              </div>
              <div>
                <dt>{w.t("fault")}</dt>
                <dd>{page.reported_fault}</dd>
              </div>
              <div>
                <dt>{w.t("reportedAt")}</dt>
                <dd>{when(page.reported_at, w.lang)}</dd>
              </div>
              <div>
                <dt>{w.t("scheduled")}</dt>
                <dd>{page.scheduled_on}</dd>
              </div>
              {page.window_from && (
                <div>
                  <dt>{w.t("window")}</dt>
                  <dd>
                    {when(page.window_from, w.lang)} – {when(page.window_until, w.lang)}
                  </dd>
                </div>
              )}
              {page.promised_on && (
                <div>
                  <dt>{w.t("promised", { d: "" }).trim()}</dt>
                  <dd>{page.promised_on}</dd>
                </div>
              )}
              {page.left_unsigned && (
                <div>
                  <dt>{w.t("leftUnsigned")}</dt>
                  <dd>{w.unsigned(page.left_unsigned)}</dd>
                </div>
              )}
              {page.previous_visit && (
                <div>
                  <dt>{w.t("continues", { n: "" }).trim()}</dt>
                  <dd>{page.previous_visit}</dd>
                </div>
              )}
            </dl>
          </section>
          <section class="card" data-testid="sheet">
            <h2>{w.t("report")}</h2>
            {s.draft && <p class="warn">{w.t("draft")}</p>}
            {pairs(s.visit, "sheet-visit")}
            {pairs(s.report, "sheet-report")}
            <h2>{w.t("parts")}</h2>
            {s.parts.length === 0 ? (
              <p class="hint">{w.t("noParts")}</p>
            ) : (
              <table class="grid" data-testid="sheet-parts">
                <thead>
                  <tr>
                    <th>{w.t("partCode")}</th>
                    <th>{w.t("partName")}</th>
                    <th>{w.t("quantity")}</th>
                    <th>{w.t("unitCharge")}</th>
                    <th>{w.t("decision")}</th>
                    <th>{w.t("lineTotal")}</th>
                  </tr>
                </thead>
                <tbody>
                  {s.parts.map((p) => (
                    <tr key={p.code + p.decision}>
                      <td>{p.code}</td>
                      <td>{p.name}</td>
                      <td>{p.quantity}</td>
                      <td>{p.unit_charge}</td>
                      <td>{p.decision}</td>
                      <td>{p.total}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {pairs(s.totals, "sheet-totals")}
            {s.ratings.length > 0 && (
              <>
                <h2>{w.t("ratings")}</h2>
                {pairs(s.ratings, "sheet-ratings")}
              </>
            )}
            {s.opinion && (
              <>
                <h2>{w.t("opinion")}</h2>
                <p>{s.opinion}</p>
              </>
            )}
            {s.signer && (
              <div class="signature" data-testid="signature">
                <h2>{w.t("signature")}</h2>
                {page.signature_image ? (
                  <img src={`/api/v1/jobs/${page.id}/signature`} alt={w.t("signature")} width={360} height={120} />
                ) : (
                  <p class="warn">{w.t("imageMissing")}</p>
                )}
                {page.signature_strokes && <Replay job={page.id} />}
                <p>{w.t("signedBy", { n: s.signer, t: s.signed_at ?? "" })}</p>
                {s.short_hash && <p class="hint">{w.t("code", { c: s.short_hash })}</p>}
              </div>
            )}
          </section>
          <section class="card">
            <h2>{w.t("moves")}</h2>
            <table class="grid" data-testid="moves">
              <thead>
                <tr>
                  <th>{w.t("deviceTime")}</th>
                  <th>{w.t("hqTime")}</th>
                  <th>{w.t("who")}</th>
                  <th>{w.t("move")}</th>
                </tr>
              </thead>
              <tbody>
                {page.events.map((e, i) => (
                  <tr key={i} class={e.clock_suspect ? "suspect" : ""}>
                    <td>
                      {when(e.at, w.lang)}
                      {e.clock_suspect && <span class="badge"> {w.t("clockSuspect")}</span>}
                    </td>
                    <td>{when(e.received_at, w.lang)}</td>
                    <td>{e.engineer ?? w.t("hq")}</td>
                    <td>
                      {e.from === e.to ? w.status(e.to) : `${w.status(e.from)} → ${w.status(e.to)}`}
                      {e.note && <div class="hint">{e.note}</div>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <JobComplaints job={page.id} customer={page.customer_id} role={role} />
        </div>
        <aside class="job-side">
          {role !== "viewer" && <JobActions key={page.id} page={page} onDone={() => setRead((n) => n + 1)} />}
          {role !== "viewer" && <FollowUp key={`f-${page.id}`} page={page} />}
          <section class="card">
            <h2>{w.t("revisions")}</h2>
            {page.revisions.length === 0 ? (
              <p class="hint">—</p>
            ) : (
              <ul class="plain" data-testid="revisions">
                {page.revisions.map((r) => (
                  <li key={r.revision}>
                    <strong>{w.t("revision", { n: r.revision })}</strong> · {r.signer} · {when(r.signed_at, w.lang)} ·{" "}
                    {r.short_hash} · <span class="hint">{w.t(r.current ? "currentRevision" : "corrected")}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section class="card">
            <h2>{w.t("audit")}</h2>
            {page.audit.length === 0 ? (
              <p class="hint">{w.t("noAudit")}</p>
            ) : (
              <ul class="plain audit" data-testid="audit">
                {page.audit.map((a, i) => (
                  <li key={i} class={a.outcome_said ? "warn" : ""}>
                    <span class="hint">{when(a.at, w.lang)}</span> {a.who} · {a.said}
                    {a.outcome_said && ` · ${a.outcome_said}`}
                    {a.reason && (w.lang === "en" ? ` (${a.reason})` : `（${a.reason}）`)}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </aside>
      </div>
    </div>
  );
}

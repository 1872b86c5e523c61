// The parts-requests inbox (补件申请): what engineers asked HQ for, oldest first, each with the
// rules' 15-day clock (days left, or overdue), what the customer pays, and HQ's answer: a
// promised date within the 15 days, delivered, or declined with a reason.
import { useEffect, useState } from "preact/hooks";
import { HqError, api } from "../api";
import type { PartsRequestLine } from "../bindings/PartsRequestLine";
import type { Role } from "../bindings/Role";
import { PRICE_REASONS } from "../bindings/labels";
import { useWords } from "../context";
import { localDate } from "./Board";
import { Alert, problemsOf } from "./fields";

const DAY_MS = 24 * 3600 * 1000;

/** Whole days from `from` to `to`, both `YYYY-MM-DD`. */
export const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);

/** `day` plus `n` days, as `YYYY-MM-DD`. */
const plusDays = (day: string, n: number) => new Date(Date.parse(day) + n * DAY_MS).toISOString().slice(0, 10);

export function PartsRequests({ role }: { role: Role }) {
  const w = useWords();
  const [which, setWhich] = useState<"open" | "all">("open");
  const [lines, setLines] = useState<PartsRequestLine[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const read = () => api.partsRequests(which).then((l) => (setLines(l), setFailed(false)), () => setFailed(true));
  useEffect(() => void read(), [which]);

  const act = (what: Promise<unknown>) =>
    what.then(
      () => (setProblem(null), read()),
      (err) => {
        setProblem(problemsOf(err instanceof HqError ? err : null, w, "partsFailed")[""] ?? null);
        read();
      },
    );
  return (
    <div data-testid="parts-requests">
      <div class="segmented">
        {(["open", "all"] as const).map((k) => (
          <button type="button" key={k} class={which === k ? "on" : ""} onClick={() => setWhich(k)} data-testid={`requests-${k}`}>
            {w.t(k === "open" ? "openOnly" : "allRequests")}
          </button>
        ))}
      </div>
      {failed && <p class="error">{w.t("unreachable")}</p>}
      <Alert text={problem} />
      {!lines ? (
        <p class="hint">{w.t("loading")}</p>
      ) : lines.length === 0 ? (
        <p class="hint card">{w.t(which === "open" ? "noRequests" : "noRequestsAll")}</p>
      ) : (
        <table class="grid card" data-testid="requests">
          <thead>
            <tr>
              <th>{w.t("requestedAt")}</th>
              <th>{w.t("part")}</th>
              <th>{w.t("job")}</th>
              <th>{w.t("price")}</th>
              <th>{w.t("dueBy")}</th>
              <th>{w.t("hqAnswer")}</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((r) => (
              <Request key={r.id} line={r} changes={role !== "viewer"} onAct={act} />
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function Request({ line: r, changes, onAct }: { line: PartsRequestLine; changes: boolean; onAct: (p: Promise<unknown>) => void }) {
  const w = useWords();
  const today = localDate();
  const open = r.state === "requested" || r.state === "promised";
  const left = daysBetween(today, r.due_by);
  return (
    <tr class={r.overdue && open ? "overdue" : ""} data-testid="request">
      <td>{w.at(r.requested_at)}</td>
      <td>
        <strong>{r.part_name}</strong> × {r.quantity}
        <div class="hint">{r.part_code}</div>
        {r.note && <div class="note">{r.note}</div>}
      </td>
      <td>
        <a href={`#/jobs/${r.job_id}`}>{r.job_number}</a>
        <div class="hint">{r.engineer ?? w.t("noEngineer")}</div>
      </td>
      <td>
        {r.price ? (
          <>
            {r.price.total.minor === 0 ? w.t("free") : w.money(r.price.total)}
            <div class="hint">{PRICE_REASONS[r.price.situation][r.price.charge][w.lang === "en" ? 0 : 1]}</div>
          </>
        ) : (
          "—"
        )}
      </td>
      <td>
        {r.due_by}
        {open && (
          <div>
            <span class={`badge ${r.overdue ? "late" : left <= 3 ? "soon" : ""}`} data-testid="clock">
              {r.overdue ? w.t("overdueDays", { n: -left }) : left === 0 ? w.t("dueToday") : w.t("daysLeft", { n: left })}
            </span>
          </div>
        )}
      </td>
      <td>
        <State line={r} />
        {open && changes && <Answer line={r} onAct={onAct} />}
      </td>
    </tr>
  );
}

function State({ line: r }: { line: PartsRequestLine }) {
  const w = useWords();
  switch (r.state) {
    case "requested":
      return <span class="status">{w.t("state_requested")}</span>;
    case "promised":
      return <span class="status s-en_route">{w.t("state_promised", { d: r.deliver_by })}</span>;
    case "delivered":
      return <span class="status">{w.t("state_delivered", { t: w.at(r.at) })}</span>;
    case "declined":
      return <span class="status s-unresolved">{w.t("state_declined", { r: r.reason })}</span>;
  }
}

function Answer({ line: r, onAct }: { line: PartsRequestLine; onAct: (p: Promise<unknown>) => void }) {
  const w = useWords();
  const today = localDate();
  const soonest = r.due_by < today ? r.due_by : [plusDays(today, 3), r.due_by].sort()[0];
  const [day, setDay] = useState(r.state === "promised" ? r.deliver_by : soonest);
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState("");
  return (
    <div class="answer">
      <form class="inline" onSubmit={(e) => (e.preventDefault(), onAct(api.promise(r.id, day)))}>
        <label class="inline-label">
          {w.t("promiseBy")}
          <input type="date" value={day} max={r.due_by} onInput={(e) => setDay(e.currentTarget.value)} data-testid="promise-day" />
        </label>
        <button type="submit" disabled={!day} data-testid="promise">
          {w.t("promise")}
        </button>
      </form>
      <div class="inline">
        <button type="button" class="primary" onClick={() => onAct(api.deliver(r.id))} data-testid="deliver">
          {w.t("delivered")}
        </button>
        <button type="button" onClick={() => setDeclining(!declining)} data-testid="decline">
          {w.t("decline")}
        </button>
      </div>
      {declining && (
        <form class="inline" onSubmit={(e) => (e.preventDefault(), onAct(api.decline(r.id, reason.trim())))}>
          <label class="inline-label">
            {w.t("declineReason")}
            <input value={reason} maxLength={500} onInput={(e) => setReason(e.currentTarget.value)} data-testid="decline-reason" />
          </label>
          <button type="submit" class="danger" disabled={!reason.trim()} data-testid="decline-yes">
            {w.t("declineYes")}
          </button>
        </form>
      )}
    </div>
  );
}

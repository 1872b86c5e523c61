// Taking a call (报修受理): who called and when, the customer found as you type (or added), the
// site and equipment picked from their archive, what they said, and what became of it — a job
// that waits on the board for an engineer, or the answer given there and then. Beside it, the
// day's register of calls.
import { useEffect, useState } from "preact/hooks";
import { HqError, api } from "../api";
import type { Archive } from "../bindings/Archive";
import type { Call as Registered } from "../bindings/Call";
import type { Channel } from "../bindings/Channel";
import type { JobType } from "../bindings/JobType";
import type { Severity } from "../bindings/Severity";
import { useWords } from "../context";
import { localDate } from "./Board";
import { CallerSearch, type Picked } from "./CallerSearch";
import { Alert, Field, type Problems, problemsOf } from "./fields";

/** The fields HQ may refuse that this form shows (HQ's names); others are said for the form. */
const SHOWN = ["received_at", "caller", "caller phone", "what the customer said", "answer", "site_id", "equipment_id", "reported_fault", "scheduled_on", "window", "window_until"];
const JOB_TYPES: JobType[] = ["repair", "installation", "inspection", "maintenance", "callback"];
const OPEN = new Set(["assigned", "en_route", "on_site", "completed", "unresolved", "signed"]);

/** "2026-12-03T09:15" for a datetime-local input, in the dispatcher's own time. */
const localMinute = (d: Date) => `${localDate(d)}T${d.toTimeString().slice(0, 5)}`;

export function Call({ onBoard }: { onBoard: () => void }) {
  const w = useWords();
  const blank = () => ({
    channel: "phone" as Channel,
    receivedAt: localMinute(new Date()),
    caller: "",
    phone: "",
    subject: "",
    outcome: "job" as "job" | "answer",
    jobType: "repair" as JobType,
    severity: "common" as Severity,
    fault: "",
    scheduledOn: localDate(),
    windowFrom: "",
    windowUntil: "",
    answer: "",
  });
  const [f, setF] = useState(blank);
  const [picked, setPicked] = useState<Picked | null>(null);
  const [archive, setArchive] = useState<Archive | null>(null);
  const [site, setSite] = useState("");
  const [equipment, setEquipment] = useState("");
  const [problems, setProblems] = useState<Problems>({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Registered | null>(null);
  const [registered, setRegistered] = useState(0);
  const set =
    <K extends keyof ReturnType<typeof blank>>(k: K) =>
    (v: ReturnType<typeof blank>[K]) =>
      setF((old) => ({ ...old, [k]: v }));

  useEffect(() => {
    if (!picked) return setArchive(null);
    let live = true;
    api.archive(picked.customer, localDate()).then(
      (a) => {
        if (!live) return;
        setArchive(a);
        setSite(picked.site ?? (a.sites.length === 1 ? a.sites[0].id : ""));
        setEquipment(picked.equipment ?? "");
      },
      (err) => live && setProblems(problemsOf(err instanceof HqError ? err : null, w, "callFailed", SHOWN)),
    );
    return () => void (live = false);
  }, [picked]);

  const at = (day: string, time: string) => new Date(`${day}T${time}`).toISOString();
  const submit = (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const received = new Date(f.receivedAt);
    if (Number.isNaN(received.getTime())) return setProblems({ received_at: w.t("whenCalled") });
    if (received.getTime() > Date.now() + 60_000) return setProblems({ received_at: w.t("futureCall") });
    if (f.outcome === "job" && !picked) return setProblems({ "": w.t("pickCustomer") });
    if (f.outcome === "job" && !site) return setProblems({ site_id: w.t("pickSite") });
    const window = f.windowFrom && f.windowUntil;
    setBusy(true);
    setProblems({});
    api
      .takeCall({
        received_at: received.toISOString(),
        channel: f.channel,
        caller: f.caller,
        phone: f.phone,
        customer_id: picked?.customer ?? null,
        subject: f.subject,
        answer: f.outcome === "answer" ? f.answer : null,
        job:
          f.outcome === "job"
            ? {
                job_type: f.jobType,
                site_id: site,
                equipment_id: equipment || null,
                engineer_id: null,
                reported_fault: f.fault.trim() ? f.fault : f.subject,
                reported_at: null,
                scheduled_on: f.scheduledOn,
                window_from: window ? at(f.scheduledOn, f.windowFrom) : null,
                window_until: window ? at(f.scheduledOn, f.windowUntil) : null,
                severity: f.severity,
                previous_visit: null,
              }
            : null,
      })
      .then(
        (call) => {
          setBusy(false);
          setDone(call);
          setRegistered((n) => n + 1);
          setF(blank());
          setPicked(null);
        },
        (err) => {
          setBusy(false);
          setProblems(problemsOf(err instanceof HqError ? err : null, w, "callFailed", SHOWN));
        },
      );
  };

  const text = (k: "caller" | "phone" | "subject" | "fault" | "answer", label: Parameters<typeof w.t>[0], hq: string) => (
    <Field label={w.t(label)} problem={problems[hq]}>
      {k === "subject" || k === "answer" || k === "fault" ? (
        <textarea
          rows={2}
          value={f[k]}
          onInput={(e) => set(k)(e.currentTarget.value)}
          placeholder={k === "fault" ? w.t("faultHint") : undefined}
          data-testid={`call-${k}`}
        />
      ) : (
        <input value={f[k]} onInput={(e) => set(k)(e.currentTarget.value)} data-testid={`call-${k}`} />
      )}
    </Field>
  );
  const here = archive?.equipment.filter((e) => e.site_id === site) ?? [];
  const open = archive?.jobs.filter((j) => OPEN.has(j.status)) ?? [];
  return (
    <div class="call-page">
      <form class="card call" onSubmit={submit} data-testid="take-call">
        <h1>{w.t("callTitle")}</h1>
        {done && (
          <p class="done" role="status" data-testid="call-done">
            {done.job_number ? w.t("registeredJob", { n: done.job_number }) : w.t("registeredAnswer")}{" "}
            {done.job_number && (
              <button type="button" class="ghost" onClick={onBoard}>
                {w.t("toBoard")}
              </button>
            )}
          </p>
        )}
        <div class="pair">
          <div class="segmented">
            {(["phone", "letter"] as Channel[]).map((c) => (
              <button type="button" key={c} class={f.channel === c ? "on" : ""} onClick={() => set("channel")(c)}>
                {w.t(c)}
              </button>
            ))}
          </div>
          <Field label={w.t(f.channel === "phone" ? "receivedAt" : "receivedLetter")} problem={problems.received_at}>
            <input type="datetime-local" value={f.receivedAt} onInput={(e) => set("receivedAt")(e.currentTarget.value)} />
          </Field>
        </div>
        <div class="pair">
          {text("caller", "caller", "caller")}
          {text("phone", "callerPhone", "caller phone")}
        </div>
        {archive ? (
          <div class="picked" data-testid="picked">
            <p>
              <strong>{archive.customer.name}</strong>{" "}
              <button type="button" class="ghost" onClick={() => setPicked(null)}>
                {w.t("otherCustomer")}
              </button>
            </p>
            <div class="pair">
              <Field label={w.t("site")} problem={problems.site_id}>
                <select value={site} onChange={(e) => (setSite(e.currentTarget.value), setEquipment(""))} data-testid="call-site">
                  <option value="">—</option>
                  {archive.sites.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name} · {s.address}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label={w.t("equipment")} problem={problems.equipment_id}>
                <select value={equipment} onChange={(e) => setEquipment(e.currentTarget.value)} data-testid="call-equipment">
                  <option value="">{w.t("noEquipment")}</option>
                  {here.map((e) => (
                    <option key={e.id} value={e.id}>
                      {e.serial} · {e.brand} {e.model} · {w.t(e.in_warranty ? "inWarranty" : "outOfWarranty")}
                    </option>
                  ))}
                </select>
              </Field>
            </div>
            <p class="hint">{open.length === 0 ? w.t("noOpenJobs") : `${w.t("openJobs")}:`}</p>
            {open.length > 0 && (
              <ul class="open-jobs" data-testid="open-jobs">
                {open.map((j) => (
                  <li key={j.id}>
                    <strong>{j.number}</strong> {w.jobType(j.job_type)} · {w.status(j.status)} · {j.scheduled_on}
                    {j.engineer && ` · ${j.engineer}`} · {j.reported_fault}
                  </li>
                ))}
              </ul>
            )}
          </div>
        ) : (
          <CallerSearch caller={f.caller} phone={f.phone} onPick={setPicked} />
        )}
        {text("subject", "subject", "what the customer said")}
        <fieldset class="segmented" aria-label={w.t("outcome")}>
          {(["job", "answer"] as const).map((o) => (
            <button type="button" key={o} class={f.outcome === o ? "on" : ""} onClick={() => set("outcome")(o)} data-testid={`outcome-${o}`}>
              {w.t(o === "job" ? "makeJob" : "answerNow")}
            </button>
          ))}
        </fieldset>
        {f.outcome === "answer" ? (
          text("answer", "answer", "answer")
        ) : (
          <div class="job-fields">
            <div class="pair">
              <Field label={w.t("jobType")}>
                <select value={f.jobType} onChange={(e) => set("jobType")(e.currentTarget.value as JobType)} data-testid="call-type">
                  {JOB_TYPES.map((t) => (
                    <option key={t} value={t}>
                      {w.jobType(t)}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label={w.t("severity")}>
                <select value={f.severity} onChange={(e) => set("severity")(e.currentTarget.value as Severity)}>
                  <option value="common">{w.t("common")}</option>
                  <option value="major">{w.t("major")}</option>
                </select>
              </Field>
            </div>
            {text("fault", "fault", "reported_fault")}
            <div class="pair">
              <Field label={w.t("scheduledOn")} problem={problems.scheduled_on}>
                <input type="date" value={f.scheduledOn} onInput={(e) => set("scheduledOn")(e.currentTarget.value)} />
              </Field>
              <Field label={w.t("windowFrom")} problem={problems.window ?? problems.window_until}>
                <span class="times">
                  <input type="time" value={f.windowFrom} onInput={(e) => set("windowFrom")(e.currentTarget.value)} />
                  {w.t("windowUntil")}
                  <input type="time" value={f.windowUntil} onInput={(e) => set("windowUntil")(e.currentTarget.value)} />
                </span>
              </Field>
            </div>
          </div>
        )}
        <Alert text={problems[""]} />
        <button class="primary" type="submit" disabled={busy} data-testid="register-call">
          {w.t("register")}
        </button>
      </form>
      <Register key={registered} />
    </div>
  );
}

/** Today's calls, newest first. */
function Register() {
  const w = useWords();
  const [calls, setCalls] = useState<Registered[] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const midnight = new Date();
    midnight.setHours(0, 0, 0, 0);
    api.calls(midnight.toISOString()).then(setCalls, () => setFailed(true));
  }, []);
  const time = (iso: string) => new Date(iso).toLocaleTimeString(w.lang, { hour: "2-digit", minute: "2-digit" });
  return (
    <section class="card register" data-testid="register">
      <h2>{w.t("todaysCalls")}</h2>
      {calls === null ? (
        <p class={failed ? "error" : "hint"}>{w.t(failed ? "unreachable" : "loading")}</p>
      ) : calls.length === 0 ? (
        <p class="hint">{w.t("noCalls")}</p>
      ) : (
        <ul>
          {calls.map((c) => (
            <li key={c.id}>
              <span class="hint">
                {time(c.received_at)} · {w.t(c.channel)}
              </span>{" "}
              <strong>{c.caller}</strong>
              {c.customer && ` · ${c.customer}`}
              <div>{c.subject}</div>
              <div class="hint">
                {c.job_number ? (
                  <a href={`#/jobs/${c.job_id}`}>{w.t("jobNumber", { n: c.job_number })}</a>
                ) : (
                  `${w.t("answerNow")}${w.t("colon")}${c.answer}`
                )}{" "}
                ·{" "}
                {w.t("takenBy", { n: c.taken_by })}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

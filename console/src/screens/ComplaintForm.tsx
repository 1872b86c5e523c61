// Registering a complaint: the customer found as the clerk types (or the one a job page sent),
// one of their jobs when the customer names one, how it came, what it is about, when, and in
// the customer's words.
import { useEffect, useState } from "preact/hooks";
import { HqError, api } from "../api";
import type { ComplaintCategory } from "../bindings/ComplaintCategory";
import type { ComplaintChannel } from "../bindings/ComplaintChannel";
import type { PastJob } from "../bindings/PastJob";
import { COMPLAINT_CATEGORIES, COMPLAINT_CATEGORY_LABELS, COMPLAINT_CHANNELS, COMPLAINT_CHANNEL_LABELS } from "../bindings/labels";
import { useWords } from "../context";
import { localDate } from "./Board";
import { FindCustomer } from "./callers";
import { Field, FormEnd, type Problems, problemsOf } from "./fields";

/** The fields HQ may name in a refusal, as this form shows them. */
const SHOWN = ["received_at", "what the customer complains of", "job_id", "customer_id"];

/** `YYYY-MM-DDTHH:MM` in the browser's zone, as a datetime-local input holds it. */
const localMinute = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16);

export function ComplaintForm(props: { given: { customer: string; job: string } | null; onSaved: () => void; onCancel: () => void }) {
  const w = useWords();
  const i = w.lang === "en" ? 0 : 1;
  const [customer, setCustomer] = useState<{ id: string; name: string } | null>(null);
  const [jobs, setJobs] = useState<PastJob[]>([]);
  const [job, setJob] = useState(props.given?.job ?? "");
  const [channel, setChannel] = useState<ComplaintChannel>("phone");
  const [category, setCategory] = useState<ComplaintCategory>("attitude");
  const [received, setReceived] = useState(localMinute(new Date()));
  const [text, setText] = useState("");
  const [problems, setProblems] = useState<Problems>({});

  const pick = (id: string) =>
    api.archive(id, localDate()).then(
      (a) => (setCustomer({ id, name: a.customer.name }), setJobs(a.jobs)),
      () => setProblems({ "": w.t("unreachable") }),
    );
  useEffect(() => void (props.given && pick(props.given.customer)), []);

  const save = (e: Event) => {
    e.preventDefault();
    if (!customer) return setProblems({ "": w.t("pickCustomerFirst") });
    api
      .registerComplaint({
        received_at: new Date(received).toISOString(),
        channel,
        customer_id: customer.id,
        job_id: job || null,
        engineer_id: null,
        category,
        text: text.trim(),
      })
      .then(props.onSaved, (err) => setProblems(problemsOf(err instanceof HqError ? err : null, w, "complaintFailed", SHOWN)));
  };
  return (
    <form class="card form" onSubmit={save} data-testid="complaint-form">
      <h2>{w.t("registerComplaint")}</h2>
      {customer ? (
        <p>
          {w.t("complaintCustomer")}
          {w.t("colon")}
          <strong data-testid="complaint-customer">{customer.name}</strong>{" "}
          <button type="button" class="ghost" onClick={() => (setCustomer(null), setJobs([]), setJob(""))}>
            {w.t("changeCustomer")}
          </button>
        </p>
      ) : (
        <FindCustomer problem={problems.customer_id} testid="complaint-find" onPick={(m) => pick(m.customer_id)} />
      )}
      {customer && (
        <>
          <Field label={w.t("complaintJob")} problem={problems.job_id}>
            <select value={job} onChange={(e) => setJob(e.currentTarget.value)} data-testid="complaint-job">
              <option value="">{w.t("noJobNamed")}</option>
              {jobs.map((j) => (
                <option key={j.id} value={j.id}>
                  {j.number} · {j.scheduled_on} · {w.jobType(j.job_type)} · {j.engineer ?? w.t("noEngineer")}
                </option>
              ))}
            </select>
          </Field>
          <div class="inline">
            <Field label={w.t("complaintChannel")}>
              <select value={channel} onChange={(e) => setChannel(e.currentTarget.value as ComplaintChannel)} data-testid="complaint-channel">
                {COMPLAINT_CHANNELS.map((c) => (
                  <option key={c} value={c}>
                    {COMPLAINT_CHANNEL_LABELS[c][i]}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={w.t("complaintCategory")}>
              <select value={category} onChange={(e) => setCategory(e.currentTarget.value as ComplaintCategory)} data-testid="complaint-category">
                {COMPLAINT_CATEGORIES.map((c) => (
                  <option key={c} value={c}>
                    {COMPLAINT_CATEGORY_LABELS[c][i]}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={w.t("complaintReceived")} problem={problems.received_at}>
              <input type="datetime-local" value={received} onInput={(e) => setReceived(e.currentTarget.value)} data-testid="complaint-received" />
            </Field>
          </div>
          <Field label={w.t("complaintText")} problem={problems["what the customer complains of"]}>
            <textarea value={text} maxLength={4000} onInput={(e) => setText(e.currentTarget.value)} data-testid="complaint-text" />
          </Field>
        </>
      )}
      <FormEnd save={w.t("registerComplaint")} testid="save-complaint" onCancel={props.onCancel} problem={problems[""]} />
    </form>
  );
}

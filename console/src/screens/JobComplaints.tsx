// The complaints about one job, on its page, and the way to register one.
import { useEffect, useState } from "preact/hooks";
import { HqError, api } from "../api";
import type { ComplaintEntry } from "../bindings/ComplaintEntry";
import type { Role } from "../bindings/Role";
import { useWords } from "../context";
import { Complaint } from "./Complaints";
import { Alert, problemsOf } from "./fields";

export function JobComplaints({ job, customer, role }: { job: string; customer: string; role: Role }) {
  const w = useWords();
  const [entries, setEntries] = useState<ComplaintEntry[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const read = () => api.complaints("all", job).then(setEntries, () => setProblem(w.t("unreachable")));
  useEffect(() => void read(), [job]);
  const act = (what: Promise<unknown>) =>
    what.then(
      () => (setProblem(null), read()),
      (err) => (setProblem(problemsOf(err instanceof HqError ? err : null, w, "complaintFailed")[""] ?? null), read()),
    );
  return (
    <section class="job-complaints" data-testid="job-complaints">
      {entries.length > 0 && <h2>{w.t("complaintsOfJob")}</h2>}
      <Alert text={problem} />
      {entries.map((c) => (
        <Complaint key={c.id} entry={c} role={role} onAct={act} />
      ))}
      {role !== "viewer" && (
        <a class="button" href={`#/complaints/new/${customer}/${job}`} data-testid="complain-about-job">
          {w.t("complainAboutJob")}
        </a>
      )}
    </section>
  );
}

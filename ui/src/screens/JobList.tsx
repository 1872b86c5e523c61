// My jobs: today, overdue, upcoming, all; status and SLA badges; a search over everything;
// ↑/↓ to choose, Enter to open, "/" to search.
import { useEffect, useRef, useState } from "preact/hooks";
import { api, errorText, type JobRow } from "../api";
import { useUi } from "../context";
import { type Lang, type T, duration, jobTypeLabel, localTime, statusLabel } from "../i18n";

const LISTS = ["today", "overdue", "upcoming", "all"] as const;

export function SlaBadge({ row, lang, t }: { row: Pick<JobRow, "sla">; lang: Lang; t: T }) {
  if (row.sla.kind === "none") return null;
  const late = row.sla.kind.endsWith("overdue");
  const soon = !late && row.sla.minutes <= 120;
  const key = `sla_${row.sla.kind}` as Parameters<T>[0];
  return <span class={`badge ${late ? "late" : soon ? "soon" : ""}`}>{t(key, { m: duration(lang, row.sla.minutes) })}</span>;
}

/** `refresh` changes after every completed sync, so newly downloaded jobs appear. */
export function JobList({ onOpen, refresh }: { onOpen: (id: string) => void; refresh?: string | null }) {
  const { lang, t, fail } = useUi();
  const [when, setWhen] = useState<(typeof LISTS)[number]>("today");
  const [query, setQuery] = useState("");
  const [rows, setRows] = useState<JobRow[] | null>(null);
  const [chosen, setChosen] = useState(0);
  // The key handler reads what is on screen now, not what it saw when it was registered
  // (effects run after paint: an Enter right after the list changed must open the row shown).
  const chosenRef = useRef(0);
  chosenRef.current = chosen;
  const rowsRef = useRef<JobRow[] | null>(null);
  rowsRef.current = rows;
  const search = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);

  useEffect(() => {
    let current = true;
    const handle = setTimeout(
      () =>
        api.listJobs(when, query.trim() || null).then(
          (r) => {
            if (!current) return;
            // A refresh after a sync keeps the job the engineer had chosen.
            setRows((before) => {
              const id = before?.[chosenRef.current]?.id;
              const at = r.findIndex((row) => row.id === id);
              setChosen(at >= 0 ? at : 0);
              return r;
            });
            if (!document.body.dataset.ready) {
              document.body.dataset.ready = String(Math.round(performance.now()));
            }
          },
          (e) => fail(errorText(e)),
        ),
      query ? 120 : 0,
    );
    return () => {
      current = false;
      clearTimeout(handle);
    };
  }, [when, query, refresh]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement;
      const shown = rowsRef.current;
      if (e.key === "/" && !typing) {
        e.preventDefault();
        search.current?.focus();
      } else if (e.key === "ArrowDown" && shown?.length) {
        e.preventDefault();
        setChosen((c) => Math.min(c + 1, shown.length - 1));
      } else if (e.key === "ArrowUp" && shown?.length) {
        e.preventDefault();
        setChosen((c) => Math.max(c - 1, 0));
      } else if (e.key === "Enter" && shown?.[chosenRef.current] && (!typing || e.target === search.current)) {
        onOpen(shown[chosenRef.current].id);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onOpen]);

  useEffect(() => {
    list.current?.querySelector(".chosen")?.scrollIntoView({ block: "nearest" });
  }, [chosen]);

  return (
    <section class="joblist">
      <div class="toolbar">
        <div class="segmented" role="tablist">
          {LISTS.map((l) => (
            <button key={l} role="tab" class={when === l && !query ? "on" : ""} onClick={() => (setWhen(l), setQuery(""))} data-testid={`list-${l}`}>
              {t(l)}
            </button>
          ))}
        </div>
        <input
          ref={search}
          class="search"
          type="search"
          placeholder={t("search")}
          value={query}
          onInput={(e) => setQuery(e.currentTarget.value)}
          data-testid="search"
        />
      </div>
      {rows && rows.length === 0 ? (
        <div class="empty" data-testid="empty">
          <p>{query ? t("noMatches") : t("noJobs")}</p>
          {!query && <p class="hint">{t("noJobsHint")}</p>}
        </div>
      ) : (
        <ul class="rows" ref={list} data-testid="job-list">
          {(rows ?? []).map((r, i) => (
            <li key={r.id}>
              <button class={`row ${i === chosen ? "chosen" : ""}`} onClick={() => onOpen(r.id)} data-number={r.number}>
                <span class="when">
                  {r.window_from ? `${localTime(r.window_from)}–${localTime(r.window_until).slice(-5)}` : r.scheduled_on}
                </span>
                <span class="main">
                  <strong>{r.customer}</strong>
                  <span class="sub">
                    {r.number} · {jobTypeLabel(lang, r.job_type)} · {r.site}
                    {r.equipment ? ` · ${r.equipment}` : ""}
                  </span>
                  <span class="fault">{r.reported_fault}</span>
                </span>
                <span class="badges">
                  <span class={`status s-${r.status}`}>{statusLabel(lang, r.status)}</span>
                  {r.severity === "major" && <span class="badge late">{t("major")}</span>}
                  <SlaBadge row={r} lang={lang} t={t} />
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <p class="shortcuts">{t("shortcuts")}</p>
    </section>
  );
}

// The dispatch board (派工): one row per engineer with the jobs they hold today or this week,
// and the queue of jobs nobody holds. It follows the laptops' syncs: read again 3 s after each answer.
// A job is given to an engineer by dragging its card onto their row, or with the keyboard:
// Tab to the card, Enter, pick the engineer, Enter. The panel warns when the engineer's day is
// already full or the arrival window has passed.
import { useEffect, useRef, useState } from "preact/hooks";
import { BoardFilters, type Filter, NO_FILTER, passes } from "./BoardFilters";
import { HqError, api } from "../api";
import type { Board as BoardData } from "../bindings/Board";
import type { Card } from "../bindings/Card";
import type { EngineerDay } from "../bindings/EngineerDay";
import type { Role } from "../bindings/Role";
import { useWords } from "../context";
import { hqMay } from "../rules";

/** Jobs on one day beyond which an engineer's day is over-full. */
export const FULL_DAY = 6;

/** Follows the laptops' syncs: the board is read again this long after the last read. */
export const REFRESH_MS = 3000;

/** Statuses HQ may give to another engineer (the rulebook's HQ moves back to assigned). */

/** The browser's own date, YYYY-MM-DD: the dispatcher's "today". */
export function localDate(d: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function Countdown({ card, now }: { card: Card; now: string }) {
  const w = useWords();
  if (card.reply_due_at) {
    const left = Math.round((Date.parse(card.reply_due_at) - Date.parse(now)) / 60000);
    return left >= 0 ? (
      <span class="badge soon">{w.t("replyDue", { m: w.minutes(left) })}</span>
    ) : (
      <span class="badge late">{w.t("replyOverdue", { m: w.minutes(-left) })}</span>
    );
  }
  if (card.sla.badge === "none") return null;
  const late = card.sla.badge.endsWith("overdue");
  return <span class={`badge ${late ? "late" : "soon"}`}>{w.t(card.sla.badge, { m: w.minutes(card.sla.minutes) })}</span>;
}

function JobCard({ card, now, onPick }: { card: Card; now: string; onPick: ((c: Card) => void) | null }) {
  const w = useWords();
  const body = (
    <>
      <span class="number">{card.number}</span>
      <span class="pill">{w.jobType(card.job_type)}</span>
      <span class={`status s-${card.status}`}>{w.status(card.status)}</span>
      <strong class="customer">{card.customer}</strong>
      <span class="hint">{card.site}</span>
      <span class="flags">
        <Countdown card={card} now={now} />
        {card.carried_over && <span class="badge late">{w.t("carried", { d: card.scheduled_on })}</span>}
        {card.promised_on && <span class="badge soon">{w.t("promised", { d: card.promised_on })}</span>}
        {card.left_unsigned && (
          <span class="badge late" title={w.unsigned(card.left_unsigned)}>
            {w.t("leftUnsigned")}
          </span>
        )}
        {card.clock_suspect && <span class="badge">{w.t("clockSuspect")}</span>}
      </span>
    </>
  );
  // A card that cannot be moved (or a reader who may not) opens the job's page.
  if (!onPick || !hqMay(card.status, "assigned"))
    return (
      <a class="jobcard" href={`#/jobs/${card.id}`} data-job={card.number}>
        {body}
      </a>
    );
  return (
    <button
      type="button"
      class="jobcard"
      draggable
      onDragStart={(e) => e.dataTransfer?.setData("text/plain", card.id)}
      onClick={() => onPick(card)}
      data-job={card.number}
    >
      {body}
    </button>
  );
}

function AssignPanel({
  card,
  board,
  engineer,
  heldBy,
  onDone,
  onRefused,
  onCancel,
}: {
  card: Card;
  board: BoardData;
  /** The engineer to start on: the row it was dropped on, or its holder. */
  engineer: string | null;
  /** Who holds it as the board showed it (null: the queue). */
  heldBy: string | null;
  onDone: () => void;
  /** HQ refused: the board is read again behind the panel. */
  onRefused: () => void;
  onCancel: () => void;
}) {
  const w = useWords();
  const [to, setTo] = useState(engineer ?? board.engineers[0]?.id ?? "");
  const [problem, setProblem] = useState<HqError | null>(null);
  // The keyboard goes on where the panel opened: on the engineer to choose.
  const choose = useRef<HTMLSelectElement>(null);
  useEffect(() => choose.current?.focus(), []);
  const row = board.engineers.find((e) => e.id === to);
  const thatDay = row ? row.jobs.filter((j) => j.scheduled_on === card.scheduled_on && j.id !== card.id).length : 0;
  const missed = card.window_until !== null && Date.parse(card.window_until) < Date.parse(board.now);
  const submit = (e: Event) => {
    e.preventDefault();
    api.assign(card.id, to, heldBy ?? "queue").then(onDone, (err) => {
      setProblem(err instanceof HqError ? err : new HqError(0, "http", String(err), null));
      onRefused();
    });
  };
  return (
    <form class="card assign" onSubmit={submit} data-testid="assign">
      <p>
        <strong>{card.number}</strong> · {card.customer} · {card.site}
      </p>
      <label>
        {w.t("assignTo")}
        <select
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
          onKeyDown={(e) => e.key === "Enter" && submit(e)}
          ref={choose}
          data-testid="assign-to"
        >
          {board.engineers.map((e) => (
            <option key={e.id} value={e.id}>
              {e.name}
            </option>
          ))}
        </select>
      </label>
      {row && thatDay >= FULL_DAY && (
        <p class="warn" data-testid="over-full">
          {w.t("overFull", { name: row.name, n: thatDay })}
        </p>
      )}
      {missed && <p class="warn">{w.t("missWindow")}</p>}
      {problem && (
        <p class="error" role="alert" title={problem.message}>
          {w.refusal(problem.code, "assignRefused")}
        </p>
      )}
      <button class="primary" type="submit" data-testid="confirm-assign">
        {w.t("assign")}
      </button>
      <button type="button" class="ghost" onClick={onCancel}>
        {w.t("cancel")}
      </button>
      <a href={`#/jobs/${card.id}`} class="open-job" data-testid="open-job">
        {w.t("openJob")}
      </a>
    </form>
  );
}

/** The room a row keeps for cards not drawn yet: about four cards a line on a wide screen. */
const CARDS_PER_LINE = 4;
const CARD_LINE_PX = 104;

/** Whether the element has come within a screen or so of the viewport (and stays so once it
 * has): a week of 500 engineers holds 10,000 cards, and the first draw builds only those near. */
function useNear(element: { current: HTMLElement | null }): boolean {
  const [near, setNear] = useState(typeof IntersectionObserver === "undefined");
  useEffect(() => {
    if (near || !element.current) return;
    const watch = new IntersectionObserver((seen) => seen.some((e) => e.isIntersecting) && setNear(true), {
      rootMargin: "1200px 0px",
    });
    watch.observe(element.current);
    return () => watch.disconnect();
  }, [near]);
  return near;
}

function Row({
  day,
  now,
  onPick,
  onDropJob,
}: {
  day: EngineerDay;
  now: string;
  onPick: ((c: Card) => void) | null;
  onDropJob: ((job: string) => void) | null;
}) {
  const w = useWords();
  const [over, setOver] = useState(false);
  const row = useRef<HTMLElement>(null);
  const near = useNear(row);
  return (
    <section
      ref={row}
      class={`row ${over ? "over" : ""}`}
      data-engineer={day.name}
      data-cards={day.jobs.length}
      onDragOver={(e) => onDropJob && (e.preventDefault(), setOver(true))}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        const job = e.dataTransfer?.getData("text/plain");
        if (job && onDropJob) onDropJob(job);
      }}
    >
      <h2>
        {day.name} <small>{w.t("jobs", { n: day.jobs.length })}</small>
      </h2>
      <div class="cards">
        {day.jobs.length === 0 ? (
          <p class="hint">{w.t("nothing")}</p>
        ) : near ? (
          day.jobs.map((c) => <JobCard key={c.id} card={c} now={now} onPick={onPick} />)
        ) : (
          // Its cards are drawn once the row comes near the screen; until then, their room.
          <div class="cards-later" style={{ height: `${Math.ceil(day.jobs.length / CARDS_PER_LINE) * CARD_LINE_PX}px` }} />
        )}
      </div>
    </section>
  );
}

export function Board({ role, onSignedOut }: { role: Role; onSignedOut: () => void }) {
  const w = useWords();
  const [days, setDays] = useState(1);
  const [board, setBoard] = useState<BoardData | null>(null);
  const [picked, setPicked] = useState<{ card: Card; engineer: string | null; heldBy: string | null } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const [filter, setFilter] = useState<Filter>(NO_FILTER);
  // Effects run once the browser has drawn the new board.
  useEffect(() => {
    if (board && performance.getEntriesByName("board-data").length) performance.measure("board-render", "board-data");
  }, [board]);
  const canAssign = role !== "viewer";

  // Read, then read again REFRESH_MS after the answer (a slow HQ is not asked twice at once); an ended
  // session goes back to signing in.
  useEffect(() => {
    let live = true;
    let again: ReturnType<typeof setTimeout> | undefined;
    api
      .board(localDate(), days)
      .then(
        (b) => {
          if (!live) return;
          // `make bench` measures from here to the board drawn (board-render).
          performance.mark("board-data");
          setBoard(b);
          setProblem(null);
        },
        (err) => {
          if (err instanceof HqError && err.status === 401) return onSignedOut();
          if (live) setProblem(w.t("boardFailed"));
        },
      )
      .finally(() => live && (again = setTimeout(() => setTick((n) => n + 1), REFRESH_MS)));
    return () => ((live = false), clearTimeout(again));
  }, [days, tick]);

  if (!board) return <p class="hint">{problem ?? w.t("loading")}</p>;
  const today = localDate();
  const shown = (cards: Card[]) => cards.filter((c) => passes(c, filter, board.now, today));
  const queue = shown(board.unassigned);
  const find = (id: string) => [...board.unassigned, ...board.engineers.flatMap((e) => e.jobs)].find((c) => c.id === id);
  const holder = (id: string) => board.engineers.find((e) => e.jobs.some((j) => j.id === id))?.id ?? null;
  const pick = canAssign
    ? (card: Card) => setPicked({ card, engineer: holder(card.id), heldBy: holder(card.id) })
    : null;
  const drop = (engineer: string) =>
    canAssign
      ? (job: string) => {
          const card = find(job);
          // A card dropped back on its own row stays where it is.
          if (card && hqMay(card.status, "assigned") && holder(card.id) !== engineer)
            setPicked({ card, engineer, heldBy: holder(card.id) });
        }
      : null;
  return (
    <div class="board" data-testid="board">
      <div class="toolbar">
        <h1>{w.t("board")}</h1>
        <div class="segmented">
          <button type="button" class={days === 1 ? "on" : ""} onClick={() => setDays(1)}>
            {w.t("today")}
          </button>
          <button type="button" class={days === 7 ? "on" : ""} onClick={() => setDays(7)}>
            {w.t("week")}
          </button>
        </div>
        <span class="hint" data-testid="updated">
          {w.t("updated", { t: new Date(board.now).toLocaleTimeString(w.lang, { hour: "2-digit", minute: "2-digit", second: "2-digit" }) })}
        </span>
        {!canAssign && <span class="badge">{w.t("readOnly")}</span>}
        {problem && <span class="error">{problem}</span>}
      </div>
      <BoardFilters filter={filter} onChange={setFilter} />
      {picked && (
        <AssignPanel
          key={`${picked.card.id}:${picked.engineer}`}
          card={picked.card}
          board={board}
          engineer={picked.engineer}
          heldBy={picked.heldBy}
          onCancel={() => setPicked(null)}
          onDone={() => (setPicked(null), setTick((n) => n + 1))}
          onRefused={() => setTick((n) => n + 1)}
        />
      )}
      <div class="lanes">
        <section class="queue" data-testid="queue">
          <h2>
            {w.t("unassigned")} <small>{queue.length}</small>
          </h2>
          {queue.length === 0 ? (
            <p class="hint">{w.t(board.unassigned.length === 0 ? "queueEmpty" : "noneMatch")}</p>
          ) : (
            queue.map((c) => <JobCard key={c.id} card={c} now={board.now} onPick={pick} />)
          )}
        </section>
        <div class="rows">
          {board.engineers.map((e) => (
            <Row key={e.id} day={{ ...e, jobs: shown(e.jobs) }} now={board.now} onPick={pick} onDropJob={drop(e.id)} />
          ))}
        </div>
      </div>
    </div>
  );
}

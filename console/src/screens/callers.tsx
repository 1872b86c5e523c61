// Finding a customer as the dispatcher types (name, a contact's phone, or a serial), shared by
// taking a call, the customer archive, and the forms that start from a customer.
import { useEffect, useState } from "preact/hooks";
import { api } from "../api";
import type { CallerMatch } from "../bindings/CallerMatch";
import { useWords } from "../context";
import { Field } from "./fields";

/** HQ's matches for `q`, asked 250 ms after the last key; only the latest answer is kept.
 * `null` before anything is typed; `failed` when HQ did not answer. */
export function useCallers(q: string): { found: CallerMatch[] | null; failed: boolean } {
  const [found, setFound] = useState<CallerMatch[] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!q.trim()) return void (setFound(null), setFailed(false));
    let live = true;
    const wait = setTimeout(() => {
      api.callers(q).then(
        (m) => live && (setFound(m), setFailed(false)),
        () => live && (setFound(null), setFailed(true)),
      );
    }, 250);
    return () => ((live = false), clearTimeout(wait));
  }, [q]);
  return { found, failed };
}

/** The customer's name, and what else matched (`电话：李经理 0531-8888 6666`). */
export function MatchText({ match }: { match: CallerMatch }) {
  const w = useWords();
  return (
    <>
      <strong>{match.customer}</strong>
      {match.matched !== "name" && (
        <span class="hint">
          {" "}
          · {w.t(`matched_${match.matched}`)}
          {w.t("colon")}
          {match.text}
        </span>
      )}
    </>
  );
}

/** What a search says besides its matches: HQ not answering, or nothing found. */
export function SearchState({ found, failed }: { found: CallerMatch[] | null; failed: boolean }) {
  const w = useWords();
  if (failed) return <p class="error">{w.t("unreachable")}</p>;
  if (found && found.length === 0) return <p class="hint">{w.t("noMatch")}</p>;
  return null;
}

/** A form's search for its customer: the field, what the search says, and the matches to pick. */
export function FindCustomer(props: { problem?: string; testid: string; onPick: (m: CallerMatch) => void }) {
  const w = useWords();
  const [q, setQ] = useState("");
  const { found, failed } = useCallers(q);
  return (
    <div class="search">
      <Field label={w.t("findCustomer")} problem={props.problem}>
        <input value={q} onInput={(e) => setQ(e.currentTarget.value)} placeholder={w.t("findHint")} autoComplete="off" data-testid={props.testid} />
      </Field>
      <SearchState found={found} failed={failed} />
      {found && found.length > 0 && (
        <ul class="matches">
          {found.map((m) => (
            <li key={`${m.customer_id}:${m.equipment_id}`}>
              <button type="button" class="match" onClick={() => props.onPick(m)}>
                <MatchText match={m} />
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

// Parts: pick from the catalogue or the van stock by code or name, quantity, quality fault or
// misuse; each line's warranty decision and price explained; totals; the quote the customer
// accepts. Every part found shows what the van holds of it, flagged when it has lain still.
import { useEffect, useRef, useState } from "preact/hooks";
import { api, errorText, type JobView, type PartsRequestView, type PartView } from "../api";
import { useUi } from "../context";
import { checkQuantity } from "../form";
import { type Lang, type T, amount } from "../i18n";

export function VanBadge({ part, t }: { part: PartView; t: T }) {
  if (part.in_van === null) return <span class="badge">{t("notInVan")}</span>;
  if (part.in_van < 0) return <span class="badge late">{t("vanShort", { n: -part.in_van })}</span>;
  const still = part.van_staleness === "still_for_three_months" ? "stillQuarter" : part.van_staleness === "still_for_a_month" ? "stillMonth" : null;
  return (
    <span class={`badge ${still === "stillQuarter" ? "late" : still ? "soon" : "ok"}`} title={still ? t(still) : undefined}>
      {t("inVan", { n: part.in_van })}
      {still && ` · ${t(still)}`}
    </span>
  );
}

/** Parts asked of HQ for this job and HQ's answers (补件申请). */
function Requests({ requests, t, lang }: { requests: PartsRequestView[]; t: T; lang: Lang }) {
  const said = (r: PartsRequestView) =>
    r.state === "promised"
      ? t("req_promised", { d: r.deliver_by })
      : r.state === "delivered"
        ? t("req_delivered", { d: (r.delivered_at ?? "").slice(0, 10) })
        : r.state === "declined"
          ? t("req_declined", { r: r.declined_reason ?? "" })
          : t("req_requested", { d: r.deliver_by });
  const tone = (r: PartsRequestView) =>
    r.overdue || r.state === "declined" ? "late" : r.state === "delivered" ? "ok" : "soon";
  return (
    <div class="card requests" data-testid="parts-requests">
      <h3>{t("partsRequests")}</h3>
      <table class="lines">
        <tbody>
          {requests.map((r) => (
            <tr key={r.id} data-state={r.state}>
              <td>
                <code>{r.code}</code>
              </td>
              <td>{r.name}</td>
              <td class="num">× {r.quantity}</td>
              <td data-testid="request-charge">
                {r.charge && (
                  <span class="hint">
                    {amount(lang, r.charge)} · {lang === "en" ? r.charge_en : r.charge_zh}
                  </span>
                )}
              </td>
              <td>
                <span class={`badge ${tone(r)}`}>{said(r)}</span>
                {r.overdue && <span class="badge late">{t("req_overdue")}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function Parts({ job, onJob }: { job: JobView; onJob: (j: JobView) => void }) {
  const { lang, t, fail } = useUi();
  const [text, setText] = useState("");
  // Each answer with the words it answers: only the answer to what the field now says is shown,
  // and only the answer to the last question asked is kept: a late one never replaces it.
  const [answer, setAnswer] = useState<{ query: string; parts: PartView[] } | null>(null);
  const [picked, setPicked] = useState<PartView | null>(null);
  const [qty, setQty] = useState("1");
  const [misuse, setMisuse] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [acceptName, setAcceptName] = useState("");
  const id = job.row.id;
  const signed = job.report.signature !== null;
  const q = job.quote;
  const noneReplaced = job.report.fields.some(([k, v]) => k === "parts_replaced" && v === "none");

  const found = answer && !picked && answer.query === text.trim() ? answer.parts : [];
  const asked = useRef("");
  const ask = (query: string) => {
    asked.current = query;
    api.findParts(query).then((parts) => asked.current === query && setAnswer({ query, parts }), (e) => fail(errorText(e)));
  };

  useEffect(() => {
    if (!text.trim() || picked?.code === text) return;
    const h = setTimeout(() => ask(text.trim()), 100);
    return () => clearTimeout(h);
  }, [text]);

  // Adds the part to the job, or (request) asks HQ for it when the van does not hold it.
  const submit = (request: boolean) => {
    const code = picked?.code ?? text.trim();
    const wrong = code ? checkQuantity(lang, qty) : lang === "en" ? "Choose a part first." : "请先选择配件。";
    setProblem(wrong);
    if (wrong) return;
    const origin = misuse ? "misuse" : "quality";
    const done = request ? api.requestParts(id, code, Number(qty), origin, "") : api.addPart(id, code, Number(qty), origin);
    done.then(
      (j) => (onJob(j), setText(""), setPicked(null), setQty("1"), setMisuse(false)),
      (err) => setProblem(errorText(err)),
    );
  };
  const add = (e: Event) => (e.preventDefault(), submit(false));
  const pick = (p: PartView) => (setPicked(p), setText(p.code), setAnswer(null));
  // The van's parts (the field emptied), or (pressed again) closes the list.
  const showVan = () =>
    found.length > 0 && !text.trim() ? setAnswer(null) : (setText(""), setPicked(null), ask(""));
  return (
    <div class="parts" data-testid="parts">
      {!signed && (
        <form class="card addpart" onSubmit={add}>
          <label class="grow">
            {t("findPart")}
            <input
              value={text}
              onInput={(e) => (setText(e.currentTarget.value), setPicked(null))}
              onKeyDown={(e) => {
                if (e.key === "ArrowDown" && found[0]) (e.preventDefault(), pick(found[0]));
                // Escape closes the list first; only a second Escape leaves the job.
                if (e.key === "Escape" && found.length > 0) (e.stopPropagation(), setAnswer(null));
              }}
              data-testid="part-search"
              autoComplete="off"
            />
            {found.length > 0 && (
              <ul class="suggest">
                {found.map((p) => (
                  <li key={p.code}>
                    <button type="button" onClick={() => pick(p)} data-code={p.code}>
                      <code>{p.code}</code> {p.name} {p.spec && <span class="hint">{p.spec}</span>}{" "}
                      {p.class === "consumable" && <span class="badge">{t("consumable")}</span>}{" "}
                      <span class="hint">{amount(lang, p.unit_price)}</span> <VanBadge part={p} t={t} />
                      {p.bin && (
                        <span class="hint" data-testid="bin">
                          {t("bin")}
                          {t("colon")}
                          {p.bin}
                        </span>
                      )}
                      {p.substitutes.length > 0 && (
                        <span class="hint">
                          {t("substitutes")}
                          {t("colon")}
                          {p.substitutes.join(lang === "en" ? ", " : "、")}
                        </span>
                      )}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </label>
          <button type="button" onClick={showVan} data-testid="van-stock">
            {t("vanStock")}
          </button>
          <label class="qty">
            {t("quantity")}
            <input value={qty} inputMode="numeric" onInput={(e) => setQty(e.currentTarget.value)} data-testid="part-qty" />
          </label>
          <label class="check-inline">
            <input type="checkbox" checked={misuse} onChange={(e) => setMisuse(e.currentTarget.checked)} data-testid="part-misuse" />
            {t("misuse")}
          </label>
          <button class="primary" type="submit" data-testid="part-add">
            {t("add")}
          </button>
          <button type="button" onClick={() => submit(true)} data-testid="part-request">
            {t("requestPart")}
          </button>
          {picked && picked.stand_ins.length > 0 && (
            <div class="full standins" data-testid="stand-ins">
              {t("standIns")}
              {picked.stand_ins.map((s) => (
                <button type="button" key={s.code} onClick={() => pick(s)} data-code={s.code}>
                  <code>{s.code}</code> {s.name} {s.spec && <span class="hint">{s.spec}</span>} <VanBadge part={s} t={t} />
                </button>
              ))}
            </div>
          )}
          {problem && <p class="error full">{problem}</p>}
        </form>
      )}
      {q.lines.length === 0 ? (
        <div class="card empty">
          <p>{t("noParts")}</p>
          {!signed && (
            <label class="check-inline">
              <input
                type="checkbox"
                checked={noneReplaced}
                onChange={(e) => api.setReportField(id, "parts_replaced", e.currentTarget.checked ? "none" : "").then(onJob, (err) => fail(errorText(err)))}
                data-testid="no-parts"
              />
              {t("noPartsUsed")}
            </label>
          )}
        </div>
      ) : (
        <table class="lines card" data-testid="part-lines">
          <tbody>
            {q.lines.map((l) => (
              <tr key={l.id}>
                <td>
                  <code>{l.code}</code>
                </td>
                <td>{l.name}</td>
                <td class="num">× {l.quantity}</td>
                <td class="num">{amount(lang, l.unit_charge)}</td>
                <td class={l.free ? "good" : "warn"}>{lang === "en" ? l.explain_en : l.explain_zh}</td>
                <td class="num strong">{amount(lang, l.total)}</td>
                <td>
                  {!signed && (
                    <button class="ghost small" onClick={() => api.removePart(id, l.id).then(onJob, (e) => fail(errorText(e)))}>
                      {t("remove")}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {job.parts_requests.length > 0 && <Requests requests={job.parts_requests} t={t} lang={lang} />}
      <div class="card totals" data-testid="totals">
        <span>
          {t("partsTotal")} {amount(lang, q.parts_total)}
        </span>
        <span>
          {t("labour")} {amount(lang, q.labour)}
        </span>
        <span>
          {t("serviceFee")} {amount(lang, q.service_fee)}
        </span>
        <strong>
          {t("total")} {amount(lang, q.total)}
        </strong>
      </div>
      {q.needs_acceptance && (
        <div class={`card quote ${q.accepted_by ? "accepted" : ""}`} data-testid="quote">
          {q.accepted_by ? (
            <p class="good">✓ {t("acceptedBy", { n: q.accepted_by })}</p>
          ) : (
            <>
              <p>{t("quoteToAccept", { t: amount(lang, q.total) })}</p>
              <label>
                {t("customerName")}
                <input value={acceptName} onInput={(e) => setAcceptName(e.currentTarget.value)} data-testid="accept-name" />
              </label>
              <button
                class="primary"
                disabled={signed}
                onClick={() =>
                  acceptName.trim()
                    ? api.acceptQuote(id, acceptName.trim(), "confirmation").then(onJob, (e) => fail(errorText(e)))
                    : fail(t("nameFirst"))
                }
                data-testid="accept-quote"
              >
                {t("acceptQuote")}
              </button>
            </>
          )}
        </div>
      )}
    </div>
  );
}

// Always visible: online/offline, syncing, pending changes, last sync, refused changes (with
// their reasons on demand), files set aside as damaged or missing (with what to do) and
// "sync now".
import { useState } from "preact/hooks";
import { api, errorText, type RefusedView, type SettingsView, type SyncView } from "../api";
import { useUi } from "../context";
import { clockGap, localTime } from "../i18n";

interface Props {
  sync: SyncView | null;
  settings: SettingsView;
  onSettings: () => void;
  /** Opens My month; none before the laptop has an engineer. */
  onMonth?: () => void;
  onJobs: () => void;
  onSync: () => void;
}

export function SyncBar({ sync, settings, onSettings, onMonth, onJobs, onSync }: Props) {
  const { t, fail, lang } = useUi();
  const [refused, setRefused] = useState<RefusedView[] | null>(null);
  const [showSetAside, setShowSetAside] = useState(false);
  const setAside = sync?.set_aside ?? [];
  // Past two minutes off HQ's clock the engineer is told, as the CLI tells them.
  const offset = sync?.clock_offset_secs ?? 0;
  const clockOff = Math.abs(offset) > 120;
  const gap = { size: clockGap(lang, offset) };
  // Short in the bar (it must not push the controls around), the whole sentence on hover.
  const clockWarning = clockOff ? t(offset > 0 ? "clockAheadShort" : "clockBehindShort", gap) : "";
  const clockWhy = clockOff ? t(offset > 0 ? "clockAhead" : "clockBehind", gap) : "";
  const state = sync?.state ?? "not_enrolled";
  const label =
    state === "online"
      ? t("online")
      : state === "offline"
        ? t("offline")
        : state === "syncing"
          ? t("syncing")
          : state === "error"
            ? t("syncError")
            : t("notEnrolled");
  // While syncing, how far it has got instead of the last sync time (same place, no jumping).
  const p = state === "syncing" ? sync?.progress : null;
  const progress = p
    ? [
        p.to_send > 0 && t("progressSent", { sent: p.sent, total: p.to_send }),
        p.files_sent > 0 && t("progressFiles", { n: p.files_sent }),
        p.received > 0 && t("progressReceived", { n: p.received }),
      ]
        .filter(Boolean)
        .join(" · ")
    : "";
  const toggleRefused = () =>
    refused ? setRefused(null) : api.listRefused().then(setRefused, (e) => fail(errorText(e)));
  return (
    <header class="topbar">
      <button class="brand ghost" onClick={onJobs}>
        <span class="logo" aria-hidden="true" /> {t("jobs")}
      </button>
      <span class="company">{settings.engineer ? `${settings.engineer} · ${settings.company}` : settings.company}</span>
      <div class="sync" data-state={state} data-testid="sync-state" title={sync?.last_error?.[lang] ?? ""}>
        <span class="dot" />
        <strong>{label}</strong>
        <span data-testid="pending">{t("pending", { n: sync?.pending ?? 0 })}</span>
        {progress ? (
          <span data-testid="progress">{progress}</span>
        ) : (
          <span>{sync?.last_success ? t("lastSync", { t: localTime(sync.last_success) }) : t("never")}</span>
        )}
        {state === "offline" && sync?.next_attempt_in != null && <span>{t("retryIn", { s: sync.next_attempt_in })}</span>}
        {(sync?.refused ?? 0) > 0 && (
          <button class="link warn" onClick={toggleRefused}>
            {t("refused", { n: sync?.refused ?? 0 })}
          </button>
        )}
        {clockWarning && (
          <span class="warn" data-testid="clock-warning" title={clockWhy}>
            {clockWarning}
          </span>
        )}
        {sync?.hq_newer && (
          <span class="warn" data-testid="hq-newer" title={t("hqNewerWhy")}>
            {t("hqNewer")}
          </span>
        )}
        {setAside.length > 0 && (
          <button class="link warn" onClick={() => setShowSetAside(!showSetAside)} data-testid="set-aside-toggle">
            {t("setAside", { n: setAside.length })}
          </button>
        )}
        {state !== "not_enrolled" && (
          <button class="primary small" onClick={onSync} title="Ctrl+S" data-testid="sync-now">
            {t("syncNow")}
          </button>
        )}
      </div>
      {onMonth && (
        <button class="ghost" onClick={onMonth} data-testid="open-month">
          {t("myMonth")}
        </button>
      )}
      <button class="ghost" onClick={onSettings} data-testid="open-settings">
        {t("settings")}
      </button>
      {showSetAside && setAside.length > 0 && (
        <section class="refused" data-testid="set-aside">
          <h3>{t("setAsideTitle")}</h3>
          <ul>
            {setAside.map((f, i) => (
              <li key={i}>{t(`setAside_${f.usage}_${f.problem}`, { job: f.job_number ?? "—" })}</li>
            ))}
          </ul>
        </section>
      )}
      {refused && (
        <section class="refused" data-testid="refused">
          <h3>{t("refusedTitle")}</h3>
          {refused.length === 0 ? (
            <p>{t("noRefused")}</p>
          ) : (
            <ul>
              {refused.map((r) => (
                <li key={r.number}>
                  <code>{r.kind}</code> {localTime(r.at)} — {r.reason[lang]}{" "}
                  <button class="ghost" onClick={() => api.dismissRefused(r.number).then(setRefused, (e) => fail(errorText(e)))} data-testid={`dismiss-${r.number}`}>
                    {t("dismissRefused")}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </header>
  );
}

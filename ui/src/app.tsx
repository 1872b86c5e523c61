// The shell of the screens: the sync bar always at the top, then first run, the job list, a
// job, my month, or the settings. Keyboard: Esc goes back, Ctrl+S syncs now.
import { listen } from "@tauri-apps/api/event";
import { useCallback, useEffect, useMemo, useRef, useState } from "preact/hooks";
import { api, errorText, type SettingsView, type SyncView } from "./api";
import { UiContext } from "./context";
import { type Lang, systemLang, translator } from "./i18n";
import { FirstRun } from "./screens/FirstRun";
import { JobList } from "./screens/JobList";
import { JobScreen } from "./screens/JobScreen";
import { MyMonth } from "./screens/MyMonth";
import { Settings } from "./screens/Settings";
import { SyncBar } from "./screens/SyncBar";

export type Route = { name: "jobs" } | { name: "job"; id: string } | { name: "month" } | { name: "settings" };

export function App() {
  const [settings, setSettings] = useState<SettingsView | null>(null);
  const [sync, setSync] = useState<SyncView | null>(null);
  const [route, setRoute] = useState<Route>({ name: "jobs" });
  const routeRef = useRef(route);
  routeRef.current = route;
  const [error, setError] = useState<string | null>(null);
  const lang: Lang = (settings?.language as Lang | null) ?? systemLang();
  const ui = useMemo(() => ({ lang, t: translator(lang), fail: setError }), [lang]);

  useEffect(() => {
    api.getSettings().then(setSettings, (e) => setError(errorText(e)));
    // Listen first, then ask: a status published in between is not lost.
    const unlisten = listen<SyncView>("sync-status", (e) => setSync(e.payload));
    api.getSyncStatus().then(setSync, () => {});
    return () => void unlisten.then((f) => f());
  }, []);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  // A completed sync may bring the company's name and the engineer: read the settings again.
  useEffect(() => {
    if (sync?.last_success) api.getSettings().then(setSettings, () => {});
  }, [sync?.last_success]);

  const back = useCallback(() => setRoute({ name: "jobs" }), []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape" && routeRef.current.name !== "jobs" && !(e.target instanceof HTMLCanvasElement)) back();
      if (e.key === "s" && e.ctrlKey) {
        e.preventDefault();
        api.syncNow().then(setSync, (err) => setError(errorText(err)));
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [back]);

  if (!settings) return <div class="app" />;
  const enrolled = settings.enrolled || settings.engineer !== null;
  return (
    <UiContext.Provider value={ui}>
      <div class="app">
        <SyncBar
          sync={sync}
          settings={settings}
          onSettings={() => setRoute({ name: "settings" })}
          onMonth={enrolled ? () => setRoute({ name: "month" }) : undefined}
          onJobs={back}
          onSync={() => api.syncNow().then(setSync, (e) => setError(errorText(e)))}
        />
        {error && (
          <div class="banner error" role="alert">
            <span>{error}</span>
            <button class="ghost" onClick={() => setError(null)} aria-label="close">
              ×
            </button>
          </div>
        )}
        <main>
          {!enrolled && route.name !== "settings" ? (
            <FirstRun onEnrolled={setSettings} />
          ) : route.name === "settings" ? (
            <Settings settings={settings} onChange={setSettings} />
          ) : route.name === "month" ? (
            <MyMonth />
          ) : route.name === "job" ? (
            <JobScreen id={route.id} onBack={back} />
          ) : (
            <JobList onOpen={(id) => setRoute({ name: "job", id })} refresh={sync?.last_success} />
          )}
        </main>
      </div>
    </UiContext.Provider>
  );
}

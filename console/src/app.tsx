// The console: sign in, replace a one-time password, then the pages (the dispatch board, taking a
// call, a job, the archive, the engineers, the figures), each at its own address (#/board,
// #/call, #/jobs/<id>, …) so the browser's back button and a bookmark
// work. The header says who is signed in and in which role, switches the language, and signs out.
import { useEffect, useState } from "preact/hooks";
import { api, speak, whenSignedOut } from "./api";
import type { Session } from "./bindings/Session";
import { UiContext } from "./context";
import { type Lang, browserLang, translator } from "./i18n";
import { Board } from "./screens/Board";
import { Call } from "./screens/Call";
import { Callbacks } from "./screens/Callbacks";
import { Complaints, type Registering } from "./screens/Complaints";
import { Conflicts } from "./screens/Conflicts";
import { Customers } from "./screens/Customers";
import { Engineers } from "./screens/Engineers";
import { Figures } from "./screens/Figures";
import { PARTS_TABS, Parts, type PartsTab } from "./screens/Parts";
import { Job } from "./screens/Job";
import { Password } from "./screens/Password";
import { Plans } from "./screens/Plans";
import { Reminders } from "./screens/Reminders";
import { SignIn } from "./screens/SignIn";

type Page = "board" | "call" | "customers" | "parts" | "engineers" | "reminders" | "plans" | "callbacks" | "complaints" | "conflicts" | "figures" | "job";
// `id` of the complaints page: `new`, or `<customer>/<job>` to register one about a job; of the
// plans page, `<customer>/<equipment>` to make a plan for a machine.
type Route = { page: Page; id?: string };
const routeOf = (hash: string): Route => {
  const job = hash.match(/^#\/jobs\/([0-9a-f-]{36})$/);
  if (job) return { page: "job", id: job[1] };
  const customer = hash.match(/^#\/customers(?:\/([0-9a-f-]{36}))?$/);
  if (customer) return { page: "customers", id: customer[1] };
  const complaints = hash.match(/^#\/complaints(?:\/new(?:\/([0-9a-f-]{36})\/([0-9a-f-]{36}))?)?$/);
  if (complaints) return { page: "complaints", id: complaints[1] ? `${complaints[1]}/${complaints[2]}` : hash.endsWith("/new") ? "new" : undefined };
  const plans = hash.match(/^#\/plans(?:\/new\/([0-9a-f-]{36})\/([0-9a-f-]{36}))?$/);
  if (plans) return { page: "plans", id: plans[1] ? `${plans[1]}/${plans[2]}` : undefined };
  const parts = hash.match(/^#\/parts(?:\/(\w+))?$/);
  if (parts && (!parts[1] || PARTS_TABS.includes(parts[1] as PartsTab))) return { page: "parts", id: parts[1] ?? "requests" };
  const named: Record<string, Page> = {
    "#/call": "call",
    "#/engineers": "engineers",
    "#/conflicts": "conflicts",
    "#/callbacks": "callbacks",
    "#/reminders": "reminders",
    "#/figures": "figures",
  };
  return { page: named[hash] ?? "board" };
};

const registeringOf = (id: string | undefined): Registering => {
  if (!id) return null;
  const [customer, job] = id.split("/");
  return job ? { customer, job } : "new";
};

export function App() {
  const [lang, setLang] = useState<Lang>(browserLang());
  // undefined: still asking HQ; null: nobody signed in.
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [route, setRoute] = useState<Route>(routeOf(location.hash));
  const page = route.page;
  const words = translator(lang);
  const { t } = words;
  speak(lang);

  useEffect(() => whenSignedOut(() => setSession(null)), []);
  useEffect(() => {
    const follow = () => setRoute(routeOf(location.hash));
    addEventListener("hashchange", follow);
    return () => removeEventListener("hashchange", follow);
  }, []);
  const go = (p: Page) => (location.hash = `#/${p}`);

  useEffect(() => {
    // Not signed in (401), or HQ not answering: the sign-in form says which when it is used.
    api.session().then(setSession, () => setSession(null));
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t("title");
  }, [lang]);

  const switchLang = () => {
    const next = lang === "en" ? "zh-CN" : "en";
    localStorage.setItem("outpost.lang", next);
    setLang(next);
  };
  const signOut = () => api.signOut().finally(() => setSession(null));
  return (
    <UiContext.Provider value={words}>
      <div class="console">
        <header>
          <strong>{t("title")}</strong>
          {session && !session.must_change_password && (
            <nav>
              {(session.role === "viewer"
                ? (["board", "customers", "parts", "engineers", "reminders", "plans", "callbacks", "complaints", "conflicts", "figures"] as const)
                : (["board", "call", "customers", "parts", "engineers", "reminders", "plans", "callbacks", "complaints", "conflicts", "figures"] as const)
              ).map((p) => (
                <a key={p} href={`#/${p}`} class={page === p ? "on" : ""} data-testid={`nav-${p}`}>
                  {t(`nav_${p}`)}
                </a>
              ))}
            </nav>
          )}
          <span class="grow" />
          {session && (
            <span data-testid="who">
              {session.name}
              <span class="role"> · {words.role(session.role)}</span>
            </span>
          )}
          <button type="button" class="ghost" onClick={switchLang} data-testid="lang">
            {t("language")}
          </button>
          {session && (
            <button type="button" class="ghost" onClick={signOut} data-testid="sign-out">
              {t("signOut")}
            </button>
          )}
        </header>
        <main>
          {session === undefined ? (
            <p class="hint">{t("loading")}</p>
          ) : session === null ? (
            <SignIn onSession={setSession} />
          ) : session.must_change_password ? (
            <Password onSession={setSession} />
          ) : page === "job" && route.id ? (
            <Job id={route.id} role={session.role} />
          ) : page === "customers" ? (
            <Customers id={route.id ?? null} role={session.role} />
          ) : page === "parts" ? (
            <Parts tab={route.id as PartsTab} role={session.role} />
          ) : page === "reminders" ? (
            <Reminders />
          ) : page === "plans" ? (
            <Plans key={route.id ?? ""} role={session.role} newFor={route.id ?? null} />
          ) : page === "callbacks" ? (
            <Callbacks role={session.role} />
          ) : page === "complaints" ? (
            <Complaints key={route.id ?? ""} role={session.role} registering={registeringOf(route.id)} />
          ) : page === "conflicts" ? (
            <Conflicts role={session.role} />
          ) : page === "engineers" ? (
            <Engineers role={session.role} />
          ) : page === "figures" ? (
            <Figures />
          ) : page === "call" && session.role !== "viewer" ? (
            <Call onBoard={() => go("board")} />
          ) : (
            <Board role={session.role} onSignedOut={() => setSession(null)} />
          )}
        </main>
      </div>
    </UiContext.Provider>
  );
}

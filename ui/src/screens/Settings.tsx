// Settings: language, the HQ this laptop is enrolled with, the data folder, sign-out (refused,
// with the reason, while changes wait for HQ).
import { useState } from "preact/hooks";
import { api, errorText, type SettingsView } from "../api";
import { useUi } from "../context";
import { EnrollForm } from "./FirstRun";
import { LanguagePicker } from "./LanguagePicker";

export function Settings({ settings, onChange }: { settings: SettingsView; onChange: (s: SettingsView) => void }) {
  const { lang, t } = useUi();
  const [problem, setProblem] = useState<string | null>(null);
  const signOut = () => api.signOut().then(onChange, (e) => setProblem(errorText(e)));
  return (
    <section class="card narrow" data-testid="settings">
      <h1>{t("settings")}</h1>
      <h2>{t("language")}</h2>
      <LanguagePicker onChange={onChange} onError={setProblem} />
      <h2>{t("hq")}</h2>
      {settings.enrolled ? (
        <p>{t("enrolledAs", { n: settings.engineer ?? "", u: settings.hq_url ?? "" })}</p>
      ) : (
        <EnrollForm lang={lang} onEnrolled={onChange} />
      )}
      <h2>{t("dataDir")}</h2>
      <p>
        <code>{settings.data_dir}</code>
      </p>
      <h2>{t("signOut")}</h2>
      <p class="hint">{t("signOutHint")}</p>
      {problem && (
        <p class="error" role="alert" data-testid="settings-error">
          {problem}
        </p>
      )}
      <button class="danger" onClick={signOut} data-testid="sign-out">
        {t("signOut")}
      </button>
    </section>
  );
}

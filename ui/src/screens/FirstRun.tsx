// First run: connect the laptop to HQ with the address and the dispatcher's one-time code.
import { useState } from "preact/hooks";
import { api, errorText, type SettingsView } from "../api";
import { useUi } from "../context";
import { checkCode, checkHqUrl } from "../form";
import { LanguagePicker } from "./LanguagePicker";

export function FirstRun({ onEnrolled }: { onEnrolled: (s: SettingsView) => void }) {
  const { lang, t, fail } = useUi();
  return (
    <section class="card narrow">
      <div class="firstrun-lang">
        <LanguagePicker onChange={onEnrolled} onError={fail} />
      </div>
      <h1>{t("enrollTitle")}</h1>
      <p class="hint">{t("enrollHint")}</p>
      <EnrollForm lang={lang} onEnrolled={onEnrolled} />
    </section>
  );
}

export function EnrollForm({ onEnrolled }: { lang: string; onEnrolled: (s: SettingsView) => void }) {
  const { lang, t } = useUi();
  const [url, setUrl] = useState("");
  const [code, setCode] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    const wrong = checkHqUrl(lang, url) ?? checkCode(lang, code);
    setProblem(wrong);
    if (wrong) return;
    setBusy(true);
    try {
      onEnrolled(await api.enroll(url.trim(), code.trim()));
    } catch (err) {
      setProblem(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="form" onSubmit={submit}>
      <label>
        {t("hqUrl")}
        <input name="hq_url" value={url} onInput={(e) => setUrl(e.currentTarget.value)} placeholder="https://hq.example.com" autoFocus />
      </label>
      <label>
        {t("code")}
        <input name="code" value={code} onInput={(e) => setCode(e.currentTarget.value)} autoComplete="off" />
      </label>
      {problem && (
        <p class="error" role="alert">
          {problem}
        </p>
      )}
      <button class="primary big" type="submit" disabled={busy} data-testid="enroll">
        {t("enroll")}
      </button>
    </form>
  );
}

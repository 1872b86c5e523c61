// Signing in by name and password; a one-time password is replaced next (Password.tsx).
import { useState } from "preact/hooks";
import { HqError, api } from "../api";
import type { Session } from "../bindings/Session";
import { useWords } from "../context";
import { Alert } from "./fields";

export function SignIn({ onSession }: { onSession: (s: Session) => void }) {
  const { t } = useWords();
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = (e: Event) => {
    e.preventDefault();
    setBusy(true);
    api.signIn(name.trim(), password).then(onSession, (err) => {
      setBusy(false);
      setPassword("");
      if (err instanceof HqError && err.status === 429) setProblem(t("tooMany", { s: err.retryAfter ?? 60 }));
      else if (err instanceof HqError && err.status === 401) setProblem(t("wrong"));
      else setProblem(t("unreachable"));
    });
  };
  return (
    <form class="card narrow" onSubmit={submit} data-testid="sign-in">
      <h1>{t("signInTitle")}</h1>
      <label>
        {t("name")}
        <input value={name} onInput={(e) => setName(e.currentTarget.value)} autoComplete="username" autoFocus required />
      </label>
      <label>
        {t("password")}
        <input
          type="password"
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
          autoComplete="current-password"
          required
        />
      </label>
      <Alert text={problem} />
      <button class="primary" type="submit" disabled={busy}>
        {t("signIn")}
      </button>
    </form>
  );
}

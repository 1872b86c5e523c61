// Replacing the one-time password at first sign-in (or any time after).
import { useState } from "preact/hooks";
import { HqError, api } from "../api";
import type { Session } from "../bindings/Session";
import { useWords } from "../context";
import { Alert } from "./fields";

export const MIN_PASSWORD = 10;

export function Password({ onSession }: { onSession: (s: Session) => void }) {
  const { t } = useWords();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [again, setAgain] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (e: Event) => {
    e.preventDefault();
    if ([...next].length < MIN_PASSWORD) return setProblem(t("tooShort"));
    if (next !== again) return setProblem(t("mismatch"));
    api.changePassword(current, next).then(onSession, (err) =>
      setProblem(
        err instanceof HqError && err.field === "password"
          ? t("currentWrong")
          : err instanceof HqError && err.field === "new_password"
            ? t("newRejected")
            : t("unreachable"),
      ),
    );
  };
  return (
    <form class="card narrow" onSubmit={submit} data-testid="password">
      <h1>{t("changeTitle")}</h1>
      <p class="hint">{t("changeHint")}</p>
      <label>
        {t("current")}
        <input type="password" value={current} onInput={(e) => setCurrent(e.currentTarget.value)} autoComplete="current-password" autoFocus />
      </label>
      <label>
        {t("newPassword")}
        <input type="password" value={next} onInput={(e) => setNext(e.currentTarget.value)} autoComplete="new-password" />
      </label>
      <label>
        {t("repeat")}
        <input type="password" value={again} onInput={(e) => setAgain(e.currentTarget.value)} autoComplete="new-password" />
      </label>
      <Alert text={problem} />
      <button class="primary" type="submit">
        {t("save")}
      </button>
    </form>
  );
}

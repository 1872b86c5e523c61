import { api, errorText, type SettingsView } from "../api";
import { useUi } from "../context";
import type { Lang } from "../i18n";

/** 中文 / English, remembered on this laptop. */
export function LanguagePicker({ onChange, onError }: { onChange: (s: SettingsView) => void; onError: (m: string) => void }) {
  const { lang } = useUi();
  const choose = (l: Lang) => api.setLanguage(l).then(onChange, (e) => onError(errorText(e)));
  return (
    <div class="segmented">
      <button class={lang === "zh-CN" ? "on" : ""} onClick={() => choose("zh-CN")} data-testid="lang-zh">
        中文
      </button>
      <button class={lang === "en" ? "on" : ""} onClick={() => choose("en")} data-testid="lang-en">
        English
      </button>
    </div>
  );
}

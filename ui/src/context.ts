import { createContext } from "preact";
import { useContext } from "preact/hooks";
import { type Lang, type T, translator } from "./i18n";

/** What every screen needs: the language, its words, and a way to report an error. */
export interface Ui {
  lang: Lang;
  t: T;
  /** Shows an error in the banner (words from the backend or the form rules). */
  fail: (message: string) => void;
}

export const UiContext = createContext<Ui>({ lang: "en", t: translator("en"), fail: () => {} });

export const useUi = () => useContext(UiContext);

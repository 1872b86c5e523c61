import { createContext } from "preact";
import { useContext } from "preact/hooks";
import { type Words, translator } from "./i18n";

export const UiContext = createContext<Words>(translator("zh-CN"));

export const useWords = () => useContext(UiContext);

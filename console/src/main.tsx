import { render } from "preact";
import { App } from "./app";
import "./styles.css";

// Chromium keeps Chinese painted before the CJK font arrived as boxes (bold text most of all), so
// the console waits for the font first: at once where the desk has a CJK font, at most 3 s else.
const cjk = document.fonts ? document.fonts.load('bold 16px "Outpost CJK"', "中文").catch(() => []) : Promise.resolve();
Promise.race([cjk, new Promise((done) => setTimeout(done, 3000))]).finally(() =>
  render(<App />, document.getElementById("app") as HTMLElement),
);

// The console in a real browser (Debian's Chromium through playwright-core) against a real
// `outpost-hq serve` on loopback and a real laptop (`outpost-cli`): sign in with the one-time
// password and replace it, a job taken from the queue by keyboard, the laptop syncs and sets off,
// and the board shows it within 5 s. Screenshots of each page in both languages at 1440×900 and
// 1280×720 land in target/console-screens/. Run by `make console-e2e` (and `make test`).
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

const root = new URL("../../", import.meta.url).pathname;
const hqBin = join(root, "target/debug/outpost-hq");
const cliBin = join(root, "target/debug/outpost-cli");
const shots = join(root, "target/console-screens");
mkdirSync(shots, { recursive: true });
const dir = mkdtempSync(join(tmpdir(), "outpost-console-"));
const hqDir = join(dir, "hq");
const laptop = join(dir, "laptop");

const run = (bin, args) => execFileSync(bin, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
const last = (out) => out.trim().split("\n").at(-1);
const fail = (why) => {
  console.error(`console e2e: ${why}`);
  process.exitCode = 1;
  throw new Error(why);
};

const codes = run(hqBin, ["admin", "--data-dir", hqDir, "seed-demo", "--jobs", "40"]).trim().split("\n").map((l) => l.split("\t"));
const token = last(run(hqBin, ["admin", "--data-dir", hqDir, "dispatcher-token"]));
const once = last(run(hqBin, ["admin", "--data-dir", hqDir, "user", "add", "--name", "刘强", "--role", "manager"]));

const hq = spawn(hqBin, ["serve", "--data-dir", hqDir, "--listen", "127.0.0.1:0"], { stdio: ["ignore", "pipe", "ignore"] });
const url = await new Promise((found, lost) => {
  hq.stdout.on("data", (b) => {
    const m = String(b).match(/listening on (http:\/\/\S+)/);
    if (m) found(m[1]);
  });
  hq.on("exit", () => lost(new Error("outpost-hq stopped")));
  setTimeout(() => lost(new Error("outpost-hq did not start")), 20000);
});

const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
try {
  // A call nobody has taken yet, entered by a script with the dispatcher token.
  const api = async (method, path, body) => {
    const res = await fetch(url + path, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: body && JSON.stringify(body),
    });
    if (!res.ok) fail(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const customer = await api("POST", "/api/v1/customers", { name: "<img src=x onerror=alert(1)> 济南恒丰机械" });
  const site = await api("POST", "/api/v1/sites", { customer_id: customer.id, name: "一厂", address: "工业路1号" });
  const today = new Date().toISOString().slice(0, 10);
  const call = await api("POST", "/api/v1/jobs", { job_type: "repair", site_id: site.id, reported_fault: "不启动", scheduled_on: today });
  const [engineer, code] = codes[0];

  const errors = [];
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: "zh-CN" });
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("dialog", (d) => (errors.push(`a dialog opened: ${d.message()}`), d.dismiss()));
  await page.goto(url + "/");
  await page.waitForSelector("[data-testid=sign-in]");
  await page.fill("input[autocomplete=username]", "刘强");
  await page.fill("input[type=password]", once);
  await page.keyboard.press("Enter");
  await page.waitForSelector("[data-testid=password]");
  const [current, next, again] = await page.$$("[data-testid=password] input");
  await current.fill(once);
  await next.fill("刘强的新密码 2026");
  await again.fill("刘强的新密码 2026");
  await page.keyboard.press("Enter");
  await page.waitForSelector("[data-testid=board] .row");

  // Take the call from the queue with the keyboard and give it to the first engineer.
  const queued = page.locator(`[data-testid=queue] [data-job="${call.number}"]`);
  await queued.focus();
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.activeElement?.getAttribute("data-testid") === "assign-to");
  await page.selectOption("[data-testid=assign-to]", { label: engineer });
  await page.keyboard.press("Enter");
  await page.waitForSelector(`[data-engineer="${engineer}"] [data-job="${call.number}"]`, { timeout: 10000 });
  if ((await page.locator("img").count()) > 0) fail("a customer's name was rendered as HTML");

  // The laptop receives it, sets off; the board follows within 5 s.
  run(cliBin, ["--data-dir", laptop, "enroll", "--hq", url, "--code", code, "--device-name", "console e2e"]);
  run(cliBin, ["--data-dir", laptop, "sync"]);
  run(cliBin, ["--data-dir", laptop, "job", "transition", call.number, "en_route"]);
  run(cliBin, ["--data-dir", laptop, "sync"]);
  const synced = Date.now();
  await page.waitForFunction(
    ([who, number]) => document.querySelector(`[data-engineer="${who}"] [data-job="${number}"] .s-en_route`) !== null,
    [engineer, call.number],
    { timeout: 5000 },
  );
  console.log(`console e2e: the board showed ${call.number} en route ${Date.now() - synced} ms after the laptop's sync (budget 5000 ms)`);

  // Every page, both languages, both sizes.
  for (const [lang, label] of [["zh", "中文"], ["en", "English"]]) {
    if ((await page.textContent("[data-testid=lang]")).trim() === label) await page.click("[data-testid=lang]");
    for (const [w, h] of [[1440, 900], [1280, 720]]) {
      await page.setViewportSize({ width: w, height: h });
      await page.screenshot({ path: join(shots, `board-${lang}-${w}.png`) });
      await page.click(`[data-job="${call.number}"]`);
      await page.waitForSelector("[data-testid=assign]");
      await page.screenshot({ path: join(shots, `assign-${lang}-${w}.png`) });
      await page.click("[data-testid=assign] button.ghost");
    }
  }
  await page.click("[data-testid=sign-out]");
  await page.waitForSelector("[data-testid=sign-in]");
  for (const [w, h] of [[1440, 900], [1280, 720]]) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: join(shots, `sign-in-${w}.png`) });
  }
  if (errors.length) fail(errors.join("; "));
  console.log(`console e2e: passed; screenshots in ${shots}`);
} finally {
  await browser.close();
  hq.kill();
}

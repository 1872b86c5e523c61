// The forms' rules that run before anything is sent: what the engineer typed is checked here
// so the error appears beside the field, in words; the store checks everything again.
import type { Lang } from "./i18n";

const say = (lang: Lang, en: string, zh: string) => (lang === "en" ? en : zh);

/** An HQ address: https://…, or http:// only for a server on this machine. */
export function checkHqUrl(lang: Lang, url: string): string | null {
  const u = url.trim();
  if (!u) return say(lang, "Type the HQ address your dispatcher gave you.", "请填写调度员给您的总部地址。");
  let parsed: URL;
  try {
    parsed = new URL(u);
  } catch {
    return say(lang, "This is not an address: it starts with https://", "这不是有效地址：应以 https:// 开头");
  }
  const local = ["127.0.0.1", "localhost", "[::1]"].includes(parsed.hostname);
  if (parsed.protocol === "https:" || (parsed.protocol === "http:" && local)) return null;
  return say(lang, "Use https:// (http:// only for a server on this laptop).", "请使用 https://（仅本机服务器可用 http://）。");
}

/** An enrollment code as the dispatcher reads it out. */
export function checkCode(lang: Lang, code: string): string | null {
  if (code.trim().length < 6) return say(lang, "Type the whole enrollment code.", "请输入完整的注册码。");
  return null;
}

/** A part quantity: a whole number from 1 to 10 000. */
export function checkQuantity(lang: Lang, text: string): string | null {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 10000)
    return say(lang, "Quantity is a whole number from 1 to 10 000.", "数量应为 1 到 10000 的整数。");
  return null;
}

/** Unresolved needs a reason and the date promised to the customer, today or later. */
export function checkUnresolved(lang: Lang, reason: string, promised: string, today: string): string | null {
  if (!reason.trim()) return say(lang, "Write why the fault is not resolved.", "请填写未解决的原因。");
  if (!/^\d{4}-\d{2}-\d{2}$/.test(promised))
    return say(lang, "Pick the date promised to the customer.", "请选择向客户承诺的日期。");
  if (promised < today) return say(lang, "The promised date cannot be in the past.", "承诺日期不能早于今天。");
  return null;
}

/** Minutes in a report field: a whole number, not negative. */
export function checkMinutes(lang: Lang, text: string): string | null {
  if (text.trim() === "") return null;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 100000)
    return say(lang, "Minutes are a whole number, 0 or more.", "分钟数应为不小于 0 的整数。");
  return null;
}

/**
 * Saves a field shortly after typing pauses, and at once on flush (leaving the field, Enter,
 * switching tabs). Only the latest value is sent; a failed save is reported, never dropped.
 */
export class Autosave<K extends string = string> {
  private timers = new Map<K, ReturnType<typeof setTimeout>>();
  private values = new Map<K, string>();

  /** `onPending` hears whether anything typed is not saved yet (for the "Saved" mark). */
  constructor(
    private save: (field: K, value: string) => Promise<void>,
    private delayMs = 300,
    private onPending: (pending: boolean) => void = () => {},
  ) {}

  change(field: K, value: string) {
    this.values.set(field, value);
    this.onPending(true);
    clearTimeout(this.timers.get(field));
    this.timers.set(field, setTimeout(() => void this.flush(field), this.delayMs));
  }

  pending(): boolean {
    return this.values.size > 0;
  }

  async flush(field?: K): Promise<void> {
    const names = field ? [field] : [...this.values.keys()];
    for (const name of names) {
      clearTimeout(this.timers.get(name));
      this.timers.delete(name);
      const value = this.values.get(name);
      if (value === undefined) continue;
      this.values.delete(name);
      await this.save(name, value);
    }
    this.onPending(this.values.size > 0);
  }
}

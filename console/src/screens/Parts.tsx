// The parts pages, one tab each at its own address: the requests inbox (#/parts), the catalogue
// (#/parts/catalogue), the engineers' vans (#/parts/vans) and the charging policy
// (#/parts/policy).
import type { Role } from "../bindings/Role";
import { useWords } from "../context";
import type { Key } from "../i18n";
import { Catalogue } from "./Catalogue";
import { PartsRequests } from "./PartsRequests";
import { Policy } from "./Policy";
import { Vans } from "./Vans";

export const PARTS_TABS = ["requests", "catalogue", "vans", "policy"] as const;
export type PartsTab = (typeof PARTS_TABS)[number];

export function Parts({ tab, role }: { tab: PartsTab; role: Role }) {
  const w = useWords();
  return (
    <div class="parts" data-testid="parts-page">
      <div class="toolbar">
        <h1>{w.t(`tab_${tab}` as Key)}</h1>
        <nav class="tabs">
          {PARTS_TABS.map((t) => (
            <a key={t} href={t === "requests" ? "#/parts" : `#/parts/${t}`} class={t === tab ? "on" : ""} data-testid={`tab-${t}`}>
              {w.t(`tab_${t}` as Key)}
            </a>
          ))}
        </nav>
      </div>
      {tab === "requests" ? (
        <PartsRequests role={role} />
      ) : tab === "catalogue" ? (
        <Catalogue role={role} />
      ) : tab === "vans" ? (
        <Vans role={role} />
      ) : (
        <Policy role={role} />
      )}
    </div>
  );
}

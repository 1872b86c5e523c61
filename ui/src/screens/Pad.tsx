// A signature pad for mouse, touch and pen (signature_pad), sized for the screen's pixel ratio.
import SignaturePad from "signature_pad";
import type { MutableRef } from "preact/hooks";
import { useEffect, useRef } from "preact/hooks";

export function Pad({ pad, testId, height = 200 }: { pad: MutableRef<SignaturePad | null>; testId: string; height?: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const c = canvas.current;
    if (!c) return;
    const ratio = Math.max(window.devicePixelRatio || 1, 1);
    c.width = c.offsetWidth * ratio;
    c.height = c.offsetHeight * ratio;
    c.getContext("2d")?.scale(ratio, ratio);
    pad.current = new SignaturePad(c, { penColor: "#111", minWidth: 1, maxWidth: 3, backgroundColor: "rgba(255,255,255,0)" });
    return () => {
      pad.current?.off();
      pad.current = null;
    };
  }, []);
  return <canvas ref={canvas} class="pad" style={{ height: `${height}px` }} data-testid={testId} />;
}

/**
 * A simulated mediation panel (unit and time effects; d → m → y with a = 0.5, b = 0.4, c′ = 0.3 and
 * two controls), as CSV with columns unit,time,d,m,c1,c2,y. Deterministic in `seed`.
 */
export function simulatedMediationPanel(units: number, periods: number, seed = 7): string {
  // xorshift32 + Box–Muller: reproducible without core
  let state = seed >>> 0 || 1;
  const uniform = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return ((state >>> 0) + 0.5) / 4294967296;
  };
  const normal = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  const timeEffect = Array.from({ length: periods }, normal);
  const lines = ['unit,time,d,m,c1,c2,y'];
  for (let i = 0; i < units; i++) {
    const alpha = normal();
    for (let t = 0; t < periods; t++) {
      const c1 = normal();
      const c2 = normal();
      const d = 0.5 * alpha + normal();
      const m = 0.5 * d + 0.2 * c1 + alpha + timeEffect[t]! + normal();
      const y = 0.3 * d + 0.4 * m + 0.1 * c2 + alpha + timeEffect[t]! + normal();
      lines.push(`u${String(i).padStart(3, '0')},${2000 + t},${d},${m},${c1},${c2},${y}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** What every benchmark hands back to the runner for the final summary. */
export interface Figure {
  /** What was measured, e.g. "GET p50 ratio (core ÷ raw)". */
  metric: string;
  /** The measured value, formatted. */
  value: string;
  /** The target, formatted (e.g. "≤ 1.5×"); "—" when the brief sets none. */
  target: string;
  /** PASS / MISS against the target; undefined = informational. */
  pass?: boolean;
}

export interface BenchResult {
  name: string;
  figures: Figure[];
  /** Observations worth reading next to the figures (causes, caveats). */
  notes: string[];
}

export interface BenchOptions {
  quick: boolean;
  /** Limiter margin override (`--margin=0.05`); default the core default 0.02. */
  margin?: number;
}

// Types of bench/bundle-size.mjs (a plain script, so `node` runs it without a build).
export declare const KB: number;
export declare const budgets: { readonly total: number; readonly own: number; readonly core: number };
export declare const targets: { readonly total: number; readonly own: number; readonly core: number };
/** The core-client tool measured as `core`: the source a browser page bundles. */
export declare const coreTool: string;
export interface SizeFigure {
  /** Minified bytes. */
  min: number;
  /** Minified and gzipped (level 9) bytes. */
  gzip: number;
  /** The budget for `gzip`, in bytes. */
  budget: number;
  /** The target for `gzip`, in bytes. */
  target: number;
}
export declare function requiredSources(): string[];
export declare function measureBundle(): Promise<{
  figures: { total: SizeFigure; own: SizeFigure; core: SizeFigure };
  /** Required sources the shipped bundle does not hold. */
  missing: string[];
  /** One sentence per figure over its budget. */
  over: string[];
}>;

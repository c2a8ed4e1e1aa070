/**
 * Errors are recognised by a brand, not by class identity: the ESM and CJS builds (or two copies
 * of the package) each have their own classes, and `instanceof` across them is false. The brand
 * is a registered symbol, the same in every copy, holding the class's name on its prototype.
 */
const brand = Symbol.for('timfetch.error');

/** Marks every instance of `errorClass` (and of its subclasses, unless they brand themselves). */
export function brandErrorClass(errorClass: abstract new (...args: never[]) => Error, kind: string): void {
  Object.defineProperty(errorClass.prototype, brand, { value: kind });
}

/** Whether `value` is a timfetch error of the given kind (any kind when `kind` is undefined). */
export function hasErrorBrand(value: unknown, kind?: string): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const found: unknown = (value as Record<symbol, unknown>)[brand];
  return typeof found === 'string' && (kind === undefined || found === kind);
}

/**
 * Defines `key` on `target` as computed on its first read and then kept as a plain data property,
 * so the function (and the syntax tree it closes over) can be collected. Reads by spread,
 * `JSON.stringify` and structured clone (worker messages) compute it like any other read.
 */
export function defineLazy<T extends object, K extends keyof T>(target: T, key: K, compute: () => T[K]): void {
  const settle = (value: T[K]) => Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get() {
      const value = compute();
      settle(value);
      return value;
    },
    set: settle,
  });
}

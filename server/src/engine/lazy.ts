/**
 * Defines `key` on `target` as computed on its first read and then kept as a plain data property,
 * so the function (and the syntax tree it closes over) can be collected. Reads by spread,
 * `JSON.stringify` and structured clone (worker messages) compute it like any other read.
 *
 * The accessor is one pair of functions per key name, shared by every target, and the function to
 * run waits in a hidden property of the target itself. An accessor made of new functions on each
 * call gave each target a hidden class of its own, and V8 keeps hidden classes in the old
 * generation: each one held its function, hence its whole syntax tree, through every minor
 * collection until a full one (an audit spent as long collecting garbage as analysing).
 */
const PENDING = Symbol('lazy values not computed yet');

type Pending = Record<PropertyKey, () => unknown>;

const accessors = new Map<PropertyKey, PropertyDescriptor>();

function accessorOf(key: PropertyKey): PropertyDescriptor {
  let accessor = accessors.get(key);
  if (!accessor) {
    const settle = (target: object, value: unknown) => Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
    accessor = {
      enumerable: true,
      configurable: true,
      get(this: { [PENDING]: Pending }) {
        const pending = this[PENDING];
        const compute = pending[key]!;
        delete pending[key];
        const value = compute();
        settle(this, value);
        return value;
      },
      set(this: { [PENDING]: Pending }, value: unknown) {
        delete this[PENDING][key];
        settle(this, value);
      },
    };
    accessors.set(key, accessor);
  }
  return accessor;
}

export function defineLazy<T extends object, K extends keyof T>(target: T, key: K, compute: () => T[K]): void {
  const holder = target as T & { [PENDING]?: Pending };
  if (!Object.prototype.hasOwnProperty.call(holder, PENDING)) Object.defineProperty(holder, PENDING, { value: {}, writable: false, enumerable: false, configurable: false });
  holder[PENDING]![key] = compute;
  Object.defineProperty(target, key, accessorOf(key));
}

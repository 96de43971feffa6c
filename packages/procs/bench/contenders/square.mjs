// The pool benchmark's task, for @sys/procs Pool (named export) and tinypool (default export).
export function square(x) {
  return x * x;
}
export default square;

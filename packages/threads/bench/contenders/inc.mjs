// The tiny task of benchmark (a), as piscina and tinypool load it: x -> x + 1.
export default function inc(x) {
  return x + 1;
}

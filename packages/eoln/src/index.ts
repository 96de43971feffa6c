export { BINARY_SNIFF_BYTES, type Bom, bomOf, type Detection, detectBuffer } from './detect.js';

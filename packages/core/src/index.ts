export { isSysError, OptionError, SysError, type SysErrorOptions } from './errors.js';

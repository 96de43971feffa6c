export { compile, filter, fnmatch, fnmatchCase, translate } from './fnmatch.js';

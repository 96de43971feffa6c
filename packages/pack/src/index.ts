export { isMoreRule, MORE_RULE, PACK1_MARKER, parsePack1Separator, type Separator } from './separators.js';

export { Lock, LockNotHeldError } from './lock.js';

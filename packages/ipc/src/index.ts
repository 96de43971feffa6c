export { signalName, signalNumber, UnknownSignalError, waitForSignal } from './signals.js';

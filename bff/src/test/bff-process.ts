// Kept for the tests not yet moved to the kit: a BFF process now starts from bff/test/kit/process.
export { startBffProcess, type BffProcess, type BffProcessOptions } from '../../test/kit/process';

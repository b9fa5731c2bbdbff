// Kept for the tests not yet moved to the kit: the app of a test file now starts from bff/test/kit.
export { expectRefused, rawCollection, startTestApp, type TestContext } from '../../test/kit';

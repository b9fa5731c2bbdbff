// findBy* and waitFor wait for a condition up to this long (Testing Library's
// default is 1 s): on a busy shared machine a real round trip to the BFF and a
// Taro re-render can take longer than that without anything being wrong.
// Run after the test framework is installed (setupFilesAfterEnv), not with
// test/env.js: Testing Library registers its cleanup after each test when it
// is first loaded, and only if `afterEach` exists by then.
const { configure } = require('@testing-library/react');

configure({ asyncUtilTimeout: 10000 });

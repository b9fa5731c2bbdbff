// Kept for notifications/outbox.processes.test.ts until it imports the reliability suite's tools from bff/test/reliability.
export { call, createResident, pool, report, type Answer } from '../../test/reliability/harness';

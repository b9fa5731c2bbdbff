// Query shapes that read a collection without an index on purpose, each with
// its reason. check.ts fails the run on any other shape no declared index
// serves; the key is the text check.ts prints for it.
export const ALLOWED_SCANS: { shape: string; reason: string }[] = [
  {
    shape: 'applications find',
    reason:
      'Every application, unfiltered: the export of all (reports/export.ts) and the statistics of an administrator without filters (reports/statistics.ts) read each document once, and a collection scan is the cheapest way to read them all; the statistics are to move to counters (issue 14, item 2).',
  },
  {
    shape: 'communities find',
    reason: 'The directory of the district’s communities (about fifty), read whole and cached by communities/service.ts.',
  },
];

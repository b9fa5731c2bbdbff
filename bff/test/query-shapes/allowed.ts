// Query shapes that read a collection without an index on purpose, each with
// its reason. check.ts fails the run on any other shape no declared index
// serves; the key is the text check.ts prints for it.
export const ALLOWED_SCANS: { shape: string; reason: string }[] = [
  {
    shape: 'residents find other(profile.reemploymentCertificateNo)',
    reason:
      'The start-up migration of typed certificate numbers into pending claims (certificates/service.ts): once per start, and it removes each number it finds, so after the first start it matches nothing.',
  },
  {
    shape: 'applications find',
    reason:
      'Every application, unfiltered: the read models’ rebuild (applications/read-models), at start only when they are missing or behind, reads each document once, and a collection scan is the cheapest way to read them all.',
  },
  {
    shape: 'applicationrows find',
    reason:
      'The export of every application, unfiltered (reports/export.ts): each small row read once, unsorted, and a collection scan is the cheapest way to read them all.',
  },
  {
    shape: 'communities find',
    reason: 'The directory of the district’s communities (about fifty), read whole and cached by communities/service.ts.',
  },
  {
    shape: 'applications aggregate',
    reason:
      'The count of every application for an administrator’s unfiltered queue (countDocuments({}) beside the page, review/service.ts); the queue read model of issue 14 item 2 replaces it. Not a query staff wait for page by page on MongoDB, but a whole-collection count: to go with that change.',
  },
  {
    shape: 'materials.files find',
    reason:
      'GridFS itself, before its first upload: findOne({}) with only _id, to see whether the bucket is empty and its indexes are due (one document read).',
  },
  {
    shape: 'programs find',
    reason: 'The administrators’ list of every programme: a few dozen documents, read whole.',
  },
  {
    shape: 'staffs find',
    reason: 'The administrators’ list of staff accounts: a few dozen documents, read whole.',
  },
  {
    shape: 'loginthrottles delete',
    reason:
      'Not the product’s: staff.test.ts empties the throttle between its tests (a hook Jest awaits, so its call site is not on the stack).',
  },
  {
    shape: 'applications find other(loan.approvedAmountFen)',
    reason:
      'The start-up migration of loans approved before one word per amount (applications/legacy.ts): it looks for the old field once per start; a scan at start, never on a request.',
  },
  {
    shape: 'queueitems find',
    reason:
      'The default view of the staff queue: every open application (the queueitems read model, about 2,000 rows when 100,000 applications exist: the working set by design), one page in the asked order; applications/read-models.',
  },
  {
    shape: 'queueitems aggregate',
    reason: 'The count of every open application beside the default view’s page (countDocuments({}) on the small queue read model).',
  },
  {
    shape: 'statsmonths find',
    reason:
      'The statistics page reads every month’s counters (one small document per community a month, about 400 for three years at 11 communities, each a few KB: stats-cells.ts); reports/statistics.ts.',
  },
  {
    shape: 'queueitems delete',
    reason:
      'The read models’ rebuild empties the collection before it reads the applications again (deleteMany({})), at start only when the read models are missing or behind; applications/read-models.',
  },
  {
    shape: 'applicationrows delete',
    reason:
      'The read models’ rebuild empties the collection before it reads the applications again (deleteMany({})), at start only when the read models are missing or behind; applications/read-models.',
  },
  {
    shape: 'applicationlookups delete',
    reason:
      'The read models’ rebuild empties the collection before it reads the applications again (deleteMany({})), at start only when the read models are missing or behind; applications/read-models.',
  },
  {
    shape: 'statsmonths delete',
    reason:
      'The read models’ rebuild empties the collection before it reads the applications again (deleteMany({})), at start only when the read models are missing or behind; applications/read-models.',
  },
  {
    shape: 'statsdays delete',
    reason:
      'The read models’ rebuild empties the collection before it reads the applications again (deleteMany({})), at start only when the read models are missing or behind; applications/read-models.',
  },
  {
    shape: 'statsentries delete',
    reason:
      'The read models’ rebuild empties the collection before it reads the applications again (deleteMany({})), at start only when the read models are missing or behind; applications/read-models.',
  },
  {
    shape: 'statsclaims delete',
    reason:
      'The read models’ rebuild empties the collection before it reads the applications again (deleteMany({})), at start only when the read models are missing or behind; applications/read-models.',
  },
];

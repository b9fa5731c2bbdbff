// The reports module's two jobs, each in its own file: statistics.ts computes
// the figures, export.ts streams the applications into a file.
export { computeStats } from './statistics';
export { EXPORT_CONTENT_TYPES, prepareExport, streamExport } from './export';

// The BFF's test kit: start the app (in-process or as a process), act as a
// resident or staff member, and make data with the shared factories. Product
// code never imports it (eslint.config.mjs). Other packages import the named
// files they need (`factories`, `client`, `kit`, `process`): this index pulls
// in the app and the database.
export * from './app';
export * from './assisted';
export * from './catalog';
export * from './client';
export * from './factories';
export * from './kit';
export * from './links';
export * from './pool';
export * from './process';
export * from './steps';

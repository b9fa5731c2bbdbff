export * from './id-number';
export * from './mobile';
export * from './money';
export * from './text';

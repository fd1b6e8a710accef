export * from './spec.js';
export * from './result.js';
export * from './measurement.js';
export * from './mechanisms.js';
export * from './errors.js';
export * from './jobs.js';
export * from './api.js';

export * from './entities/index.js';
export * from './data-source.js';
export * from './database-location.js';
export * from './run-pending-migrations.js';
export * from './dataset-versions.js';
export * from './weights-versions.js';

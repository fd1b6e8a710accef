export * from './cities.js';
export * from './agglomerations.js';
export * from './dgp.js';
export * from './implied.js';
export * from './texts.js';
export * from './generate.js';
export * from './readme.js';
export * from './city-list.js';

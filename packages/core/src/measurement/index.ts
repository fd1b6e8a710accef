export * from './entropy.js';
export * from './location-quotient.js';
export * from './keywords.js';
export * from './transforms.js';
export * from './panel-order.js';
export * from './csv-append.js';
export * from './inflate.js';
export * from './zip-archive.js';

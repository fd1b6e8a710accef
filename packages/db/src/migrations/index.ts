import { Initial1795873431564 } from './0001-initial.js';

/** In order of application. */
export const migrations = [Initial1795873431564];

export { main, type Output } from './main.js';
export { fitCommand, validateCommand } from './commands.js';

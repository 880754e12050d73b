export { mulberry32 } from './random.ts';

import { share } from './share.ts';

export const server = { share };

import { share } from './share.ts';
import { authorEdit, authorWithdraw } from './author-link.ts';

export const server = { share, authorEdit, authorWithdraw };

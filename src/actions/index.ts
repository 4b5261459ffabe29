import { share } from './share.ts';
import { lightCandle } from './candle.ts';
import { authorEdit, authorWithdraw } from './author-link.ts';
import { decide, editSouvenir } from './moderation.ts';
import { login, logout, changePassword } from './auth.ts';
import { create, disable, enable, setRole, resetPassword } from './team.ts';
import { comment } from './comment.ts';
import { editComment } from './comment-moderation.ts';
import { save as saveRules } from './rules.ts';

export const server = { share, lightCandle, comment, rules: { save: saveRules }, authorEdit, authorWithdraw, moderation: { decide, editSouvenir, editComment }, auth: { login, logout, changePassword }, team: { create, disable, enable, setRole, resetPassword } };

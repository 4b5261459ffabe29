/**
 * Refuses the passwords an attacker tries first. No library: zxcvbn ships ~800 KB of
 * dictionaries and is unmaintained, and NIST SP 800-63B asks only for a length floor plus a check
 * against commonly used passwords; with 12 characters required (password.ts), what remains to
 * catch is a common word or keyboard run padded with digits, a repeated character, or the
 * username itself, which this short list and three rules do.
 */

/** Words and runs that top the leaked-password lists (French and English), lower case. */
// prettier-ignore
const COMMON = new Set([
  'password', 'passw0rd', 'motdepasse', 'mot2passe', 'azerty', 'azertyuiop', 'qwerty', 'qwertyuiop',
  'qwertz', 'abcdef', 'abcdefgh', 'abc', 'admin', 'administrator', 'administrateur', 'root', 'welcome',
  'bienvenue', 'letmein', 'iloveyou', 'jetaime', 'soleil', 'bonjour', 'doudou', 'chouchou', 'loulou',
  'marseille', 'paris', 'france', 'football', 'baseball', 'dragon', 'monkey', 'master', 'sunshine',
  'princess', 'shadow', 'superman', 'batman', 'trustno', 'changeme', 'secret', 'default', 'login',
  'memoire', 'souvenir', 'souvenirs', 'concert', 'bataclan', 'hello', 'test', 'azertyqwerty', 'user',
]);

/** Keyboard and alphabet runs, removed before judging what is left. */
const RUNS = ['azertyuiop', 'qwertyuiop', 'qsdfghjklm', 'asdfghjkl', 'wxcvbn', 'zxcvbnm', 'abcdefghijklmnopqrstuvwxyz'];
const DIGIT_RUN = '012345678901234567890';

export type WeakPasswordReason = 'common' | 'repetitive' | 'contains_username';

function withoutRuns(text: string): string {
  let rest = text;
  for (const run of [...RUNS, DIGIT_RUN, [...DIGIT_RUN].reverse().join('')]) {
    for (let length = run.length; length >= 4; length--) {
      for (let start = 0; start + length <= run.length; start++) {
        rest = rest.split(run.slice(start, start + length)).join('');
      }
    }
  }
  return rest;
}

/**
 * Why a password of acceptable length is still too easy to guess, or null when it is not.
 * `username` is the account's: a password that contains it falls to the first guess.
 */
export function weakPasswordReason(password: string, username = ''): WeakPasswordReason | null {
  const lower = password.normalize('NFKC').toLowerCase();
  const name = username.trim().toLowerCase();
  if (name.length >= 3 && lower.includes(name)) return 'contains_username';
  if (new Set(lower).size < 5) return 'repetitive';
  // The letters once digits, symbols and keyboard runs are gone: "Motdepasse2024!" is "motdepasse".
  const core = withoutRuns(lower).replace(/[^\p{L}]/gu, '');
  if (core.length < 4 || COMMON.has(core)) return 'common';
  // A common word repeated or joined to another ("passwordpassword", "adminadmin1234").
  for (const word of COMMON) {
    if (word.length >= 4 && core.split(word).join('').length < 4) return 'common';
  }
  return null;
}

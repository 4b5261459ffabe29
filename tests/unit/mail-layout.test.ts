import { describe, it, expect } from 'vitest';
import { escapeHtml, excerpt, headerSafe, renderMail } from '../../src/lib/mail/layout.ts';

describe('the layout of a message', () => {
  it('escapes every character that could open markup or an attribute', () => {
    expect(escapeHtml(`<img src=x onerror="a('b')">&`)).toBe(
      '&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt;&amp;',
    );
  });

  it('turns line breaks and other controls of a subject into spaces', () => {
    expect(headerSafe('Bonjour\r\nBcc: x@y.example\u2028fin\u0085')).toBe('Bonjour Bcc: x@y.example fin');
  });

  it('quotes the first words of a text on one line', () => {
    expect(excerpt('Un  soir\n\nde concert', 300)).toBe('Un soir de concert');
    expect(excerpt('a'.repeat(400), 10)).toBe(`${'a'.repeat(9)}…`);
  });

  it('writes the same blocks in text and in HTML, the user’s strings escaped only in HTML', () => {
    const { text, html } = renderMail({
      heading: 'Bonjour <Ana>,',
      blocks: [
        { text: 'Merci & à bientôt.' },
        { label: 'Le voir :', link: 'https://mur.example/s?a=1&b=2' },
        { quote: 'Ligne un\nligne deux' },
      ],
      footer: ['L’équipe'],
      lang: 'fr',
    });
    expect(text).toBe(
      'Bonjour <Ana>,\n\nMerci & à bientôt.\n\nLe voir :\nhttps://mur.example/s?a=1&b=2\n\n> Ligne un\n> ligne deux\n\n-- \n\nL’équipe\n',
    );
    expect(html).toContain('<p>Bonjour &lt;Ana&gt;,</p>');
    expect(html).toContain('href="https://mur.example/s?a=1&amp;b=2"');
    expect(html).toContain('<html lang="fr">');
  });
});

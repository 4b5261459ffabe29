import { describe, it, expect } from 'vitest';
import { layoutChoiceTarget, layoutCookie, layoutFromCookie, layoutRedirect } from '../../src/lib/wall/layout.ts';

describe('the layout toggle', () => {
  it('reads the remembered layout from the Cookie header', () => {
    expect(layoutFromCookie('a=1; mur_layout=encadre; b=2')).toBe('encadre');
    expect(layoutFromCookie('mur_layout=pleine')).toBe('pleine');
    expect(layoutFromCookie('mur_layout=autre')).toBeNull();
    expect(layoutFromCookie('xmur_layout=encadre')).toBeNull();
    expect(layoutFromCookie(null)).toBeNull();
  });

  it('redirects only the plain wall address, and only for the boxed layout', () => {
    const url = (path: string) => new URL(path, 'http://x');
    expect(layoutRedirect(url('/?annee=2001'), 'mur_layout=encadre')).toBe('/?annee=2001&mise-en-page=encadre');
    expect(layoutRedirect(url('/?mise-en-page=encadre'), 'mur_layout=encadre')).toBeNull();
    expect(layoutRedirect(url('/'), 'mur_layout=pleine')).toBeNull();
    expect(layoutRedirect(url('/partager'), 'mur_layout=encadre')).toBeNull();
  });

  it('comes back to the wall view it was on, and nowhere else', () => {
    expect(layoutChoiceTarget('encadre', '/en/?tag=jazz')).toBe('/en/?tag=jazz&mise-en-page=encadre');
    expect(layoutChoiceTarget('pleine', '/?tag=jazz&mise-en-page=encadre')).toBe('/?tag=jazz');
    expect(layoutChoiceTarget('encadre', '//evil.example/')).toBe('/?mise-en-page=encadre');
    expect(layoutChoiceTarget('encadre', 'https://evil.example/')).toBe('/?mise-en-page=encadre');
    expect(layoutChoiceTarget('encadre', '/moderation')).toBe('/?mise-en-page=encadre');
    expect(layoutChoiceTarget('pleine', null)).toBe('/');
  });

  it('remembers the choice for a year, never readable by scripts', () => {
    expect(layoutCookie('pleine', true)).toBe(
      'mur_layout=pleine; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly; Secure',
    );
    expect(layoutCookie('encadre', false)).not.toContain('Secure');
  });
});

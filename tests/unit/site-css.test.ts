import { describe, expect, it } from 'vitest';
import { colorProperties } from '../../src/build/site-css.ts';
import { site } from '../../src/site.ts';

describe('the site colours as CSS custom properties', () => {
  it('declares every colour of both schemes, the dark ones only when the reader prefers dark', () => {
    const css = colorProperties(site.colors);
    const [light, dark] = css.split('@media (prefers-color-scheme: dark)');
    for (const [name, value] of Object.entries(site.colors.light)) expect(light).toContain(`--${name}: ${value};`);
    for (const [name, value] of Object.entries(site.colors.dark)) expect(dark).toContain(`--${name}: ${value};`);
  });
});

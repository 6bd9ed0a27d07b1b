/** One CSP, sent as a header: no second, looser copy in the page itself. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');

describe('CSP delivery', () => {
  it('keeps no <meta> policy in the renderer page', () => {
    const html = fs.readFileSync(path.join(ROOT, 'renderer', 'index.html'), 'utf8');
    expect(html).toContain('<div id="root">');
    expect(html).not.toMatch(/http-equiv\s*=\s*["']?content-security-policy/i);
  });

  it('defines the policy only in shared/security/csp.ts', () => {
    const shell = fs.readdirSync(path.join(ROOT, 'electron', 'main')).filter((name) => name.endsWith('.ts'));
    const redefined = shell.filter((name) => /default-src|script-src/.test(fs.readFileSync(path.join(ROOT, 'electron', 'main', name), 'utf8')));
    expect(shell.length).toBeGreaterThan(3);
    expect(redefined).toEqual([]);
  });
});

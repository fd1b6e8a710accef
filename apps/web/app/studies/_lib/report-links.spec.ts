import { describe, expect, it } from 'vitest';
import { portalPathOf, routeReportLinks } from './report-links';

const base = 'http://localhost:3000/api/studies/abc/report';

describe('portalPathOf', () => {
  it('routes the report’s analysis links to the portal', () => {
    expect(portalPathOf('/analyses/1f0c', base)).toBe('/analyses/1f0c');
    expect(portalPathOf('http://localhost:3000/analyses/1f0c', base)).toBe('/analyses/1f0c');
  });
  it('leaves in-report anchors, other paths and other origins alone', () => {
    expect(portalPathOf('#baseline', base)).toBeUndefined();
    expect(portalPathOf(null, base)).toBeUndefined();
    expect(portalPathOf('/datasets/1', base)).toBeUndefined();
    expect(portalPathOf('/analyses/1/export', base)).toBeUndefined();
    expect(portalPathOf('https://example.org/analyses/1', base)).toBeUndefined();
  });
});

/** The few members of a click event and a document that routeReportLinks reads. */
function fakeDocument() {
  const listeners = new Set<(event: MouseEvent) => void>();
  const doc = {
    baseURI: base,
    addEventListener: (_: string, listener: (event: MouseEvent) => void) => listeners.add(listener),
    removeEventListener: (_: string, listener: (event: MouseEvent) => void) => listeners.delete(listener),
  } as unknown as Document;
  const click = (href: string, button = 0) => {
    const anchor = { getAttribute: () => href };
    const event = {
      target: { closest: () => anchor },
      button,
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true;
      },
    };
    listeners.forEach((l) => l(event as unknown as MouseEvent));
    return event.defaultPrevented;
  };
  return { doc, click, listeners };
}

describe('routeReportLinks', () => {
  it('navigates the portal on an analysis link and lets other links be', () => {
    const { doc, click, listeners } = fakeDocument();
    const visited: string[] = [];
    const detach = routeReportLinks(doc, (path) => visited.push(path));
    expect(click('/analyses/42')).toBe(true);
    expect(click('#mediation')).toBe(false);
    expect(click('/analyses/43', 1)).toBe(false);
    expect(visited).toEqual(['/analyses/42']);
    detach();
    expect(listeners.size).toBe(0);
  });
});

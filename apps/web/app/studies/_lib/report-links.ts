/**
 * Links of the study report to the portal: the report HTML (served by the API, shown in a sandboxed
 * iframe) links each table to `/analyses/<analysisId>`; those open in the portal's own window.
 */

const analysisPath = /^\/analyses\/[^/?#]+$/;

/** The portal path an anchor of the report opens in the top window, or undefined for in-report links. */
export function portalPathOf(href: string | null, base: string): string | undefined {
  if (!href || href.startsWith('#')) return undefined;
  let url: URL;
  try {
    url = new URL(href, base);
  } catch {
    return undefined;
  }
  if (url.origin !== new URL(base).origin) return undefined;
  return analysisPath.test(url.pathname) ? url.pathname : undefined;
}

/**
 * Sends clicks on the report's analysis links to `navigate` (the portal router); other links (the
 * report's table of contents) keep their default behaviour inside the frame.
 */
export function routeReportLinks(doc: Document, navigate: (path: string) => void): () => void {
  const onClick = (event: MouseEvent) => {
    const anchor = (event.target as Element | null)?.closest?.('a');
    if (!anchor || event.defaultPrevented || event.button !== 0) return;
    const path = portalPathOf(anchor.getAttribute('href'), doc.baseURI);
    if (!path) return;
    event.preventDefault();
    navigate(path);
  };
  doc.addEventListener('click', onClick);
  return () => doc.removeEventListener('click', onClick);
}

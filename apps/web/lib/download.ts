/** Same-origin URL of an API download (the browser keeps the session cookie and the file name). */
export function apiDownloadUrl(path: string, query: Record<string, string> = {}): string {
  const search = new URLSearchParams(query).toString();
  return `/api${path}${search ? `?${search}` : ''}`;
}

export const exportFormats = [
  { format: 'latex', label: 'LaTeX' },
  { format: 'docx', label: 'Word' },
  { format: 'csv', label: 'CSV' },
  { format: 'markdown', label: 'Markdown' },
] as const;

'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { routeReportLinks } from '../_lib/report-links';
import './studies.css';

/**
 * The study's report (GET /api/studies/:id/report) in a sandboxed frame: same origin so the page can
 * size it to its content and route its table links (`/analyses/<id>`) to the portal's window; no
 * scripts run inside it.
 */
export function StudyReportFrame({ studyId }: { studyId: string }) {
  const router = useRouter();
  const frame = useRef<HTMLIFrameElement>(null);
  const detach = useRef<(() => void) | undefined>(undefined);
  const [height, setHeight] = useState(900);

  useEffect(() => () => detach.current?.(), []);

  function loaded() {
    const doc = frame.current?.contentDocument;
    if (!doc) return;
    detach.current?.();
    detach.current = routeReportLinks(doc, (path) => router.push(path));
    setHeight(doc.documentElement.scrollHeight + 16);
  }

  return (
    <iframe
      ref={frame}
      src={`/api/studies/${encodeURIComponent(studyId)}/report`}
      title="Study report"
      className="study-report"
      sandbox="allow-same-origin allow-top-navigation-by-user-activation"
      onLoad={loaded}
      style={{ height }}
      data-testid="study-report"
    />
  );
}

import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import '@spillover/ui/styles.css';
import './globals.css';
import { AppHeader } from '../components/AppHeader';
import { SessionProvider } from '../lib/session';

export const metadata: Metadata = {
  title: { default: 'Spillover', template: '%s · Spillover' },
  description: 'Spatial panel econometrics: upload panels, fit models, follow jobs.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <SessionProvider>
          <AppHeader />
          <main className="page">{children}</main>
        </SessionProvider>
      </body>
    </html>
  );
}

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ServerResponse } from 'node:http';
import express from 'express';
import { PAGES_DIR } from '@driftlab/pages';

/*
 * The class pages (pages/: the team page at /, the control room at /control, the projector at
 * /projector): one built bundle, served as static files beside the API they call, on every host
 * that serves the lab's control routes. Nothing on them comes from elsewhere, and the browser is
 * told so (Content-Security-Policy): a page can only load the lab's own files and call the lab.
 */

/** The page paths: each answers the same index.html, and the bundle picks its page by path. */
export const PAGE_PATHS = ['/', '/control', '/projector'] as const;

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "font-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; '),
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

function secure(res: Pick<ServerResponse, 'setHeader'>): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
}

export function pageRoutes(dir: string = PAGES_DIR): express.Router {
  const router = express.Router();
  const index = join(dir, 'index.html');
  router.get([...PAGE_PATHS], (_req, res) => {
    secure(res);
    if (!existsSync(index))
      return void res
        .status(503)
        .type('text/plain')
        .send('The class pages are not built: run "npm run build" (npm start builds them too).\n');
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  // The bundle and its fonts; anything else falls through to the host's JSON 404.
  router.use(
    express.static(dir, {
      index: false,
      redirect: false,
      dotfiles: 'ignore',
      setHeaders: secure,
    }),
  );
  return router;
}

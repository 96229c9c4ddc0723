/** The built pages (index.html, app.js, app.css, fonts): served by the lab's host. */
export declare const PAGES_DIR: string;

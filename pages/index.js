'use strict';
// What the lab's host needs of this package: where the built pages are (npm run build -w pages).
const path = require('node:path');

exports.PAGES_DIR = path.join(__dirname, 'dist');

#!/usr/bin/env node
'use strict';
// A committed shim: npm links bins at install time, before any build has run.
require('../dist/cli.js');

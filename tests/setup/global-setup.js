// System packages that tests need are checked (and installed when possible) here, once per run.
// Issue 2 needs none yet; later issues add Prometheus and Chromium.
module.exports = async function globalSetup() {};

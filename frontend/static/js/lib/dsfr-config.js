// DSFR configuration, read by DSFR core when it loads: bundled first in js/dsfr.js
// (see build.mjs). "production" silences DSFR's console logging.
window.dsfr = { production: true, mode: 'auto' };

/**
 * `npm run server`: the companion server. Until it lands (issue #4), this says so
 * plainly instead of pretending; the Google emulator runs with `npm run emulator`.
 */
console.error('The companion server is not built yet (issue #4). Run `npm start` for the Google emulator demo, or `npm run emulator`.');
process.exit(1);

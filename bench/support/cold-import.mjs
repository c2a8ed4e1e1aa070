// Row 9's child: times one dynamic import in a fresh process and prints the milliseconds. It lives
// inside the repo so that bare `ky` resolves from node_modules and `timfetch` to the package
// itself (dist/index.js, through its exports map).
const [specifier] = process.argv.slice(2);
const started = performance.now();
await import(specifier);
process.stdout.write(`${performance.now() - started}\n`);

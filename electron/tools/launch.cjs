'use strict';
/*
 * Entry point of every npm script: `node electron/tools/launch.cjs <tool> [args]`
 * runs electron/tools/<tool>.ts. It runs on whatever `node` is first on PATH,
 * so it is plain CommonJS that parses on old Node (no ?. or ??): an old Node
 * gets one readable line instead of a syntax error or a native crash in
 * better-sqlite3.
 *
 * The tool sees process.argv as if it had been run directly:
 * [node, <tool file>, ...args]. Entry guards must compare process.argv[1] with
 * the module's own path; import.meta.main is false for an in-process import.
 */
var fs = require('fs');
var path = require('path');

var MINIMUM = [22, 12];
var version = process.versions.node.split('.').map(Number);
if (version[0] < MINIMUM[0] || (version[0] === MINIMUM[0] && version[1] < MINIMUM[1])) {
  // Offer this workspace's helper only where it exists; elsewhere nodejs.org is the one pointer.
  var helper = path.join(__dirname, '..', '..', '..', 'shared', 'tools', 'node24.sh');
  var hint = fs.existsSync(helper) ? ' or run: . ../shared/tools/node24.sh' : '';
  console.error(
    'Open Lines Supervisor needs Node.js ' + MINIMUM.join('.') + ' or newer (Node 24 LTS recommended); this is Node ' +
      process.versions.node + '. Get it from https://nodejs.org' + hint
  );
  process.exit(1);
}

var name = process.argv[2];
if (!name) {
  console.error('Usage: node electron/tools/launch.cjs <tool> [args...]');
  process.exit(1);
}
var file = path.resolve(__dirname, /\.ts$/.test(name) ? name : name + '.ts');
if (!fs.existsSync(file)) {
  console.error('No such tool: ' + path.relative(process.cwd(), file));
  process.exit(1);
}
var args = process.argv.slice(3);

if (process.features.typescript) {
  // Node strips types itself: run in this process, one Node start instead of two.
  process.argv = [process.execPath, file].concat(args);
  import(require('url').pathToFileURL(file).href).catch(function (error) {
    console.error(error);
    process.exitCode = 1;
  });
} else {
  // Node 22.12-22.17: type stripping exists but is behind a flag.
  var child = require('child_process').spawn(
    process.execPath,
    ['--experimental-strip-types', '--no-warnings', file].concat(args),
    { stdio: 'inherit' }
  );
  ['SIGINT', 'SIGTERM'].forEach(function (signal) {
    process.on(signal, function () {
      child.kill(signal);
    });
  });
  child.on('exit', function (code, signal) {
    if (signal) {
      // Die of the same signal, so the caller sees what happened to the tool.
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    }
    else process.exit(code === null ? 1 : code);
  });
}

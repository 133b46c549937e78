// Ends the jos process as soon as its command has finished.
//
// When its event loop runs out of work, Node 20 does not exit at once: it
// first waits for every task V8 has handed to its worker threads. In a
// finished `jos run` those are optimizing compiles — of the emulator's run
// loop, of hot wasm regions — whose code would never run, and one such
// compile can take most of a second. The bench's programs lingered 0-930 ms
// after their last output that way (docs/bench.md, "Start-up").
//
// So once the command has returned and the event loop holds nothing but
// the standard streams, the process exits there. Anything else still
// pending (a file being written, a socket, a timer, a child process) is
// left to finish, and Node then exits the ordinary way.
'use strict';

/** The handles of the standard streams: open until the process ends. */
const STREAM_HANDLES = new Set(['TTYWrap', 'PipeWrap']);
/** Event-loop turns to wait for a pending request (a last file write) to
 * complete before leaving the exit to Node. */
const MAX_TURNS = 64;

/** Whether only the standard streams are left in the event loop (the
 * Immediate is this module's own wait). */
function onlyStreamsLeft(resources) {
  return resources.every((type) => STREAM_HANDLES.has(type) || type === 'Immediate');
}

/** Calls `then` once `stream` has written what it was given (at once if it
 * is closed: there is nothing left to write). */
function flushed(stream, then) {
  if (stream.destroyed || !stream.writable) then();
  else stream.write('', () => then());
}

function exitOnceSettled(turn) {
  if (!onlyStreamsLeft(process.getActiveResourcesInfo())) {
    if (turn < MAX_TURNS) setImmediate(exitOnceSettled, turn + 1);
    return;
  }
  flushed(process.stdout, () => flushed(process.stderr, () => process.exit()));
}

/** Exits (with process.exitCode) when `command` has fulfilled; a rejection
 * is left to Node, which reports it. */
function exitWhenDone(command) {
  return command.then(() => exitOnceSettled(0));
}

module.exports = { exitWhenDone, onlyStreamsLeft };

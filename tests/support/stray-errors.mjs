// Loaded into a Concord process by tests/process-guard.test.ts (NODE_OPTIONS=--import): on SIGUSR2 it throws
// an exception and rejects a promise where no code of Concord's can catch them.
process.on("SIGUSR2", () => {
  setImmediate(() => {
    throw new Error("a stray exception from the test");
  });
  void Promise.reject(new Error("a stray rejection from the test"));
});

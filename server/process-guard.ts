import type { Logger } from "./logger";

/**
 * Once Concord serves, an error that no code handled (an exception thrown from a callback, a rejected promise
 * nobody awaited) is logged and the process goes on serving, rather than ending for every person connected
 * and staying down: nothing restarts it in the embedded default. Before this is installed, during start-up,
 * the same errors still end the process, as a broken configuration should.
 */
export function keepServingThroughStrayErrors(logger: Logger) {
  process.on("uncaughtException", (error, origin) => {
    logger.error({ err: error, origin }, "an error no code handled; Concord goes on serving");
  });
  process.on("unhandledRejection", (reason) => {
    logger.error({ err: reason }, "a rejected promise no code handled; Concord goes on serving");
  });
}

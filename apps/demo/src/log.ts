/** One short line per notable event, prefixed with the time and who it is about. */
export type Log = (who: string, message: string) => void;

export const consoleLog: Log = (who, message) => {
  console.log(`${new Date().toISOString().slice(11, 19)} ${who.padEnd(16)} ${message}`);
};

export const silentLog: Log = () => undefined;

/** First 8 characters of a UUID: enough to tell orders apart in a log. */
export const shortId = (id: string) => id.slice(0, 8);

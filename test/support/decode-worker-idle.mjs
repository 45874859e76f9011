// A read-ahead thread that never takes a chunk over: the main thread reads the whole log
// itself, as it does while a real thread starts (read-log.test.ts).

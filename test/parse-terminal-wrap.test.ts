import { describe, expect, it } from 'vitest';
import { TerminalWrap } from '../src/parse/terminal-wrap.js';

// Lines as [length, starts with a console time, has any time, holds a record], each with some text.
function feed(lines: Array<[number, boolean, boolean, boolean]>) {
  const wrap = new TerminalWrap();
  lines.forEach(([length, consoleTime, timed, record], k) => wrap.line(k + 1, length, consoleTime, timed, record, 'text'));
  return wrap;
}

describe('TerminalWrap', () => {
  it('five lines ending at one width and going on untimed: a terminal\'s width; its record lines are named', () => {
    const wrapped = feed([
      [80, true, true, false], [30, false, false, false],
      [80, true, true, true], [12, false, false, false],
      [80, true, true, false], [20, false, false, false],
      [80, true, true, true], [14, false, false, false],
      [80, true, true, false], [40, false, false, false],
      [55, true, true, true],
    ]);
    wrapped.unreadable(3);
    expect(wrapped.finish()).toEqual({ width: 80, recordLines: [3, 7], readLines: 1 });
  });

  it('a test script\'s output after records of varying length, or only four wraps, or lines without a console time: none', () => {
    expect(feed([
      [70, true, true, true], [10, false, false, false],
      [73, true, true, true], [10, false, false, false],
      [76, true, true, true], [10, false, false, false],
      [79, true, true, true], [10, false, false, false],
      [82, true, true, true], [10, false, false, false],
    ]).finish()).toBeUndefined();
    expect(feed(Array.from({ length: 4 }, () => [[80, true, true, true], [10, false, false, false]] as Array<[number, boolean, boolean, boolean]>).flat()).finish()).toBeUndefined();
    // dmesg -J: "msg" lines have a time (from the JSON) but no console time, then "}," lines.
    expect(feed(Array.from({ length: 9 }, () => [[79, false, true, true], [8, false, false, false]] as Array<[number, boolean, boolean, boolean]>).flat()).finish()).toBeUndefined();
  });
});

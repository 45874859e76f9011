import { describe, expect, it } from 'vitest';
import { TerminalWrap } from '../src/parse/terminal-wrap.js';

// Lines as [length, starts with a console time, has any time, holds a record, its message (default: some text)].
type Line = [number, boolean, boolean, boolean, string?];
function feed(lines: Line[]) {
  const wrap = new TerminalWrap();
  lines.forEach(([length, consoleTime, timed, record, text = 'text'], k) => wrap.line(k + 1, length, consoleTime, timed, record, text));
  return wrap;
}
// A record cut at a terminal's width inside its function name, and the rest on the next line.
const CUT = 'modleak1 leaky A kstrdup ffff888003a1b200 17 leaky.c:29 leaky_';
const REST = 'conf_new';

describe('TerminalWrap', () => {
  it('five lines ending at one width and going on untimed: a terminal\'s width; its record lines are named', () => {
    const wrapped = feed([
      [80, true, true, false], [30, false, false, false],
      [80, true, true, true, CUT], [12, false, false, false, REST],
      [80, true, true, false], [20, false, false, false],
      [80, true, true, true, CUT], [14, false, false, false, REST],
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
    expect(feed(Array.from({ length: 4 }, () => [[80, true, true, true, CUT], [10, false, false, false, REST]] as Line[]).flat()).finish()).toBeUndefined();
    // dmesg -J: "msg" lines have a time (from the JSON) but no console time, then "}," lines.
    expect(feed(Array.from({ length: 9 }, () => [[79, false, true, true, CUT], [8, false, false, false, REST]] as Line[]).flat()).finish()).toBeUndefined();
  });

  it('whole records of one length, each followed by a program\'s line that does not go on with it (a test script\'s echo, systemd\'s [  OK  ]): none', () => {
    const record = 'modleak1 m A kmalloc ffff888000000010 64 m.c:1 m_a';
    for (const other of ['+ echo step 1', '[  OK  ] Started Session 1 of User root.', 'iteration 1 ok']) {
      expect(feed(Array.from({ length: 8 }, () => [[66, true, true, true, record], [other.length, false, false, false, other]] as Line[]).flat()).finish(), other).toBeUndefined();
    }
  });

  it('a line longer than the width (a CI log\'s header, a line of spaces) does not hide a wrap', () => {
    const lines: Line[] = Array.from({ length: 6 }, () => [[80, true, true, true, CUT], [12, false, false, false, REST]] as Line[]).flat();
    expect(feed([[120, false, false, false], ...lines, [95, false, false, false]]).finish()?.recordLines).toEqual([2, 4, 6, 8, 10, 12]);
  });
});

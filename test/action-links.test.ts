import { describe, expect, it } from 'vitest';
import { makeLocator, makeSourceUrl } from '../src/action/source-links.js';
import { commentMarker } from '../src/action/comment.js';

const site = (file: string, line = 7) => ({ file, line, function: 'f' });

describe('makeLocator', () => {
  const locate = makeLocator('/ws', '/ws/drivers/mydrv');
  it('maps a module-relative file to a repository-relative path', () => {
    expect(locate(site('mydrv_main.c'))).toBe('drivers/mydrv/mydrv_main.c');
    expect(locate(site('sub/../util.c'))).toBe('drivers/mydrv/util.c');
    expect(locate(site('/ws/drivers/mydrv/abs.c'))).toBe('drivers/mydrv/abs.c');
  });
  it('gives nothing for files outside the workspace (kernel headers, ../ escapes)', () => {
    expect(locate(site('/usr/src/linux-headers/include/linux/slab.h'))).toBeUndefined();
    expect(locate(site('../../../etc/passwd'))).toBeUndefined();
    expect(locate(site(''))).toBeUndefined();
  });
});

describe('makeSourceUrl', () => {
  it('links the exact line at the commit, with path segments percent-encoded', () => {
    const url = makeSourceUrl(makeLocator('/ws', '/ws/m'), 'https://github.com', 'octo', 'driver', 'abc123');
    expect(url(site('a b/c#d.c', 12))).toBe('https://github.com/octo/driver/blob/abc123/m/a%20b/c%23d.c#L12');
    expect(url(site('/elsewhere.c'))).toBeUndefined();
  });
});

describe('commentMarker', () => {
  it('keeps job and leg, and cannot be closed early by a hostile leg', () => {
    expect(commentMarker('leaks', 'debian:6.1 drivers/mydrv')).toBe('<!-- modleak:leaks:debian:6.1 drivers/mydrv -->');
    const m = commentMarker('job', 'x --> <img src=x> \n');
    expect(m.slice(4, -4)).not.toMatch(/-->|[<>\n]/);
  });
});

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { decodePng, encodePng, readPng, writePng } from '../../host/display/png-file';

describe('PNG files', () => {
  it('round-trips every pixel of an RGBA picture', () => {
    const width = 37;
    const height = 11;
    const rgba = new Uint8Array(width * height * 4);
    for (let i = 0; i < rgba.length; i++) rgba[i] = (i * 97 + (i >> 3)) & 0xff;
    const data = encodePng({ width, height, rgba });
    expect(data.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const back = decodePng(data);
    expect([back.width, back.height]).toEqual([width, height]);
    expect(Buffer.from(back.rgba)).toEqual(Buffer.from(rgba));
  });

  it('writes and reads files, with a clear error for a bad path', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jos-png-'));
    const file = path.join(dir, 'one.png');
    writePng(file, { width: 1, height: 1, rgba: new Uint8Array([1, 2, 3, 255]) });
    expect(Array.from(readPng(file).rgba)).toEqual([1, 2, 3, 255]);
    expect(() => writePng(path.join(dir, 'missing', 'x.png'), { width: 1, height: 1, rgba: new Uint8Array(4) })).toThrow(/cannot write screenshot/);
    fs.rmSync(dir, { recursive: true });
  });
});

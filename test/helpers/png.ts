// Small real PNG files made in code (RGBA, 8 bits), for logos and drawn signatures in tests.
import { crc32, deflateSync } from "node:zlib";

type Rgba = [number, number, number, number];

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

export function makePng(width: number, height: number, pixel: (x: number, y: number) => Rgba): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(6, 9); // RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 4 + 1);
    raw[row] = 0; // no filter
    for (let x = 0; x < width; x++) raw.set(pixel(x, y), row + 1 + x * 4);
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", header), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
}

/** A wide logo: a blue rounded mark and a grey bar, on transparent. */
export function logoPng(): Buffer {
  return makePng(240, 64, (x, y) => {
    const inMark = (x - 32) ** 2 + (y - 32) ** 2 < 26 ** 2;
    const inBar = x > 72 && x < 228 && y > 22 && y < 42;
    return inMark ? [30, 64, 175, 255] : inBar ? [71, 85, 105, 255] : [255, 255, 255, 0];
  });
}

/** A handwriting-like stroke: a few loops of a damped wave, dark blue on transparent. */
export function signaturePng(): Buffer {
  const width = 300;
  const height = 90;
  const path = (x: number) => 45 + Math.sin(x / 9) * 22 * Math.exp(-x / 260) + Math.cos(x / 23) * 8;
  return makePng(width, height, (x, y) => {
    const onStroke = x > 10 && x < 290 && Math.abs(y - path(x)) < 2.2;
    const underline = x > 40 && x < 250 && Math.abs(y - 78 - (x - 40) / 70) < 1.2;
    return onStroke || underline ? [20, 35, 90, 255] : [255, 255, 255, 0];
  });
}

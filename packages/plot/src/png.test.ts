import { expect, test } from "vitest";
import { PNG } from "pngjs";
import { encodePng, pngDataUrl } from "./png";

test("the PNG decodes back to the same RGBA bytes", () => {
  const w = 5;
  const h = 3;
  const rgba = Uint8Array.from({ length: w * h * 4 }, (_, i) => (i * 37) % 256);
  const png = PNG.sync.read(encodePng(w, h, rgba));
  expect([png.width, png.height]).toEqual([w, h]);
  expect(Array.from(png.data)).toEqual(Array.from(rgba));
});

test("a data URL, and a wrong byte count is an error", () => {
  expect(pngDataUrl(1, 1, new Uint8Array(4))).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
  expect(() => encodePng(2, 2, new Uint8Array(4))).toThrow(/expected 16 bytes/);
});

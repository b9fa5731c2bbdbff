// Draws the tab bar icons (81×81 PNG, as WeChat asks) from simple shapes, so
// they can be regenerated instead of edited by hand: node miniapp/scripts/make-tab-icons.mjs
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';

const SIZE = 81;
const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'src', 'assets', 'tab');
const COLORS = { normal: [0x55, 0x55, 0x55], active: [0x06, 0x7a, 0x3d] };

const inRect = (x, y, x0, y0, x1, y1) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const inCircle = (x, y, cx, cy, r) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;

const SHAPES = {
  // A house: roof triangle over a body with a door.
  home: (x, y) =>
    (y >= 12 && y <= 40 && Math.abs(x - 40) <= (y - 12) * 1.15 && Math.abs(x - 40) >= (y - 12) * 1.15 - 8) ||
    (inRect(x, y, 18, 38, 62, 70) && !inRect(x, y, 24, 44, 56, 64)) ||
    inRect(x, y, 34, 50, 46, 70),
  // Four tiles: the services.
  services: (x, y) => [12, 44].some((x0) => [12, 44].some((y0) => inRect(x, y, x0, y0, x0 + 25, y0 + 25))),
  // A person: head and shoulders.
  me: (x, y) =>
    (inCircle(x, y, 40, 26, 15) && !inCircle(x, y, 40, 26, 9)) ||
    (y >= 48 && y <= 72 && inCircle(x, y, 40, 78, 32) && !inCircle(x, y, 40, 78, 25)),
};

for (const [name, inside] of Object.entries(SHAPES)) {
  for (const [state, rgb] of Object.entries(COLORS)) {
    const png = new PNG({ width: SIZE, height: SIZE });
    for (let y = 0; y < SIZE; y += 1) {
      for (let x = 0; x < SIZE; x += 1) {
        const i = (y * SIZE + x) * 4;
        const on = inside(x, y);
        png.data[i] = rgb[0];
        png.data[i + 1] = rgb[1];
        png.data[i + 2] = rgb[2];
        png.data[i + 3] = on ? 255 : 0;
      }
    }
    writeFileSync(path.join(out, `${name}${state === 'active' ? '-active' : ''}.png`), PNG.sync.write(png));
  }
}

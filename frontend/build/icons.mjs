// The app's icons: one SVG logo (a bold white "M" over a red bar, on DSFR blue), drawn as the favicon
// and rasterised to the PNG sizes browsers and home screens ask for by resvg (@resvg/resvg-js), a
// maintained renderer, instead of an encoder and rasteriser of our own.

import { Resvg } from '@resvg/resvg-js';

export const THEME_COLOR = '#000091'; // DSFR blue-france-sun-113
const RED = '#e1000f'; // DSFR red-marianne-main-472

// Coordinates in a 0..100 box.
const GLYPH_M = [[22, 70], [22, 26], [35, 26], [50, 48], [65, 26], [78, 26], [78, 70], [66, 70], [66, 45], [50, 67], [34, 45], [34, 70]];
const GLYPH_BAR = [[22, 75], [78, 75], [78, 81], [22, 81]];

/** shape: "rounded" (transparent corners) or "square" (full bleed, for maskable and Apple icons);
 *  scale: the glyph's size around the centre (maskable icons keep it inside the safe zone). */
export function logoSvg({ shape = 'rounded', scale = 1 } = {}) {
  const pts = (poly) => poly.map(([x, y]) => `${x},${y}`).join(' ');
  const rx = shape === 'rounded' ? ' rx="18"' : '';
  const glyph = `<polygon points="${pts(GLYPH_M)}" fill="#fff"/><polygon points="${pts(GLYPH_BAR)}" fill="${RED}"/>`;
  const body = scale === 1 ? glyph : `<g transform="translate(50 50) scale(${scale}) translate(-50 -50)">${glyph}</g>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><rect width="100" height="100"${rx} fill="${THEME_COLOR}"/>${body}</svg>\n`;
}

export function iconPng(size, options) {
  return new Resvg(logoSvg(options), { fitTo: { mode: 'width', value: size } }).render().asPng();
}

/** Writes the icons through `emit(logicalName, content)` (content-hashed files, asset manifest). */
export async function buildIcons(emit) {
  await emit('icons/favicon.svg', logoSvg());
  await emit('icons/icon-192.png', iconPng(192));
  await emit('icons/icon-512.png', iconPng(512));
  await emit('icons/icon-maskable-512.png', iconPng(512, { shape: 'square', scale: 0.8 }));
  await emit('icons/apple-touch-icon.png', iconPng(180, { shape: 'square', scale: 0.9 }));
}

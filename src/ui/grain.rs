//! The page's paper grain (issue 35: "texture on the play screens, as on the title"): a small
//! tile of fibres and specks, made here once from a fixed seed (no file, nothing fetched),
//! laid over the page's colour under everything else, one quad a frame. Not on the high-
//! contrast theme's white, and not where a screen's picture covers the page (the street map:
//! its frame budget has no room for another full-window pass on a software renderer).
//!
//! Also the town under the street map: the blocks of Haeju's streets seen from above, in a
//! tile made the same way, drawn as the map's own ground (one textured quad where a plain one
//! was: no pass more).

use bevy_egui::egui::{self, Color32, ColorImage, TextureHandle, TextureOptions};

/// The tile's side in pixels (a power of two, for repeating in any WebGL).
const TILE: usize = 256;

fn handle_id() -> egui::Id {
    egui::Id::new("haeju-paper-grain")
}

/// A deterministic hash of a pixel and a layer to [0, 1).
fn hash(x: u32, y: u32, k: u32) -> f32 {
    let mut h = x
        .wrapping_mul(374_761_393)
        .wrapping_add(y.wrapping_mul(668_265_263))
        .wrapping_add(k.wrapping_mul(2_246_822_519));
    h = (h ^ (h >> 13)).wrapping_mul(1_274_126_177);
    h ^= h >> 16;
    (h & 0xFFFF) as f32 / 65536.0
}

/// Smooth noise at a `cell`-pixel scale that repeats with the tile.
fn blotch(x: usize, y: usize, cell: usize, k: u32) -> f32 {
    let n = (TILE / cell) as u32;
    let (fx, fy) = (x as f32 / cell as f32, y as f32 / cell as f32);
    let (x0, y0) = (fx.floor() as u32, fy.floor() as u32);
    let (tx, ty) = (fx - fx.floor(), fy - fy.floor());
    let at = |i: u32, j: u32| hash(i % n, j % n, k);
    let top = at(x0, y0) * (1.0 - tx) + at(x0 + 1, y0) * tx;
    let bottom = at(x0, y0 + 1) * (1.0 - tx) + at(x0 + 1, y0 + 1) * tx;
    top * (1.0 - ty) + bottom * ty
}

/// The tile: a warm ink at a low alpha, more where the paper is thicker (soft blotches),
/// darker specks here and there, and short fibres running across.
fn tile() -> ColorImage {
    let mut alpha = vec![0.0f32; TILE * TILE];
    for y in 0..TILE {
        for x in 0..TILE {
            let soft = blotch(x, y, 32, 1) * 0.6 + blotch(x, y, 8, 2) * 0.4;
            let fine = hash(x as u32, y as u32, 3);
            let speck = if hash(x as u32, y as u32, 4) > 0.998 {
                0.14
            } else {
                0.0
            };
            alpha[y * TILE + x] = soft * 0.05 + fine * 0.035 + speck;
        }
    }
    // Fibres: short strokes, mostly across the page.
    for f in 0..220u32 {
        let (x0, y0) = (hash(f, 0, 5) * TILE as f32, hash(f, 1, 5) * TILE as f32);
        let len = 6.0 + hash(f, 2, 5) * 18.0;
        let tilt = (hash(f, 3, 5) - 0.5) * 0.8;
        for t in 0..len as usize {
            let x = (x0 + t as f32 * tilt.cos()).rem_euclid(TILE as f32) as usize;
            let y = (y0 + t as f32 * tilt.sin()).rem_euclid(TILE as f32) as usize;
            alpha[y * TILE + x] += 0.06;
        }
    }
    let ink = [110u8, 86, 52];
    let pixels = alpha
        .into_iter()
        .map(|a| {
            let a = (a.clamp(0.0, 0.6) * 255.0) as u8;
            Color32::from_rgba_unmultiplied(ink[0], ink[1], ink[2], a)
        })
        .collect();
    ColorImage::new([TILE, TILE], pixels)
}

/// Lays the grain over the whole window, under everything drawn after it this frame.
pub fn paint(ctx: &egui::Context) {
    let tex = ctx.data(|d| d.get_temp::<TextureHandle>(handle_id()));
    let tex = tex.unwrap_or_else(|| {
        let options = TextureOptions {
            wrap_mode: egui::TextureWrapMode::Repeat,
            ..TextureOptions::LINEAR
        };
        let t = ctx.load_texture("paper-grain", tile(), options);
        ctx.data_mut(|d| d.insert_temp(handle_id(), t.clone()));
        t
    });
    let screen = ctx.viewport_rect();
    // One pixel of the tile to a point, whatever the zoom.
    let uv = egui::Rect::from_min_max(
        egui::pos2(0.0, 0.0),
        egui::pos2(screen.width() / TILE as f32, screen.height() / TILE as f32),
    );
    ctx.layer_painter(egui::LayerId::background())
        .image(tex.id(), screen, uv, Color32::WHITE);
}

/// The town tile's side in pixels, each pixel two points on the map (a small tile stays in a
/// software renderer's cache: a 512-pixel one drew the browser's map 15 % slower).
const TOWN: usize = 128;
const TOWN_SCALE: f32 = 2.0;

/// Splits `len` pixels into spans of `least` to `least + spread` (the last takes what is
/// left), by hashes of layer `k`: where each span starts.
fn spans(len: usize, least: usize, spread: usize, k: u32) -> Vec<usize> {
    let mut at = vec![0];
    let mut x = 0;
    let mut i = 0;
    loop {
        let w = least + (hash(i, 0, k) * spread as f32) as usize;
        if x + w + least > len {
            break;
        }
        x += w;
        at.push(x);
        i += 1;
    }
    at
}

/// The town seen from above, as a multiplier of the map's ground colour: streets the ground
/// itself, blocks a shade darker, the buildings in them darker again, a few blocks open
/// ground (a yard, a square). Repeats seamlessly: the blocks' lines wrap at the tile's edge.
fn town_tile() -> ColorImage {
    let mut v = vec![1.0f32; TOWN * TOWN];
    let cols = spans(TOWN, 22, 30, 11);
    let rows = spans(TOWN, 18, 25, 12);
    let street = |i: u32, k: u32| 3 + (hash(i, 7, k) * 2.0) as usize;
    for (ci, &x0) in cols.iter().enumerate() {
        let x1 = cols.get(ci + 1).copied().unwrap_or(TOWN);
        for (ri, &y0) in rows.iter().enumerate() {
            let y1 = rows.get(ri + 1).copied().unwrap_or(TOWN);
            let (ci, ri) = (ci as u32, ri as u32);
            let (bx0, by0) = (x0 + street(ci, 13), y0 + street(ri, 14));
            if bx0 + 5 >= x1 || by0 + 5 >= y1 {
                continue;
            }
            let open = hash(ci, ri, 15) < 0.12;
            let block = if open { 0.975 } else { 0.955 };
            for y in by0..y1 {
                for x in bx0..x1 {
                    v[y * TOWN + x] = block;
                }
            }
            if open {
                continue;
            }
            // The buildings: the block cut in two or three along its length, each a slab
            // set in from the block's edge.
            let n = 1 + (hash(ci, ri, 16) * 3.0) as usize;
            let across = x1 - bx0 > y1 - by0;
            for b in 0..n {
                let (mut sx0, mut sx1, mut sy0, mut sy1) = (bx0 + 1, x1 - 1, by0 + 1, y1 - 1);
                if across {
                    let w = (sx1 - sx0) / n;
                    sx0 += b * w;
                    sx1 = sx0 + w.saturating_sub(1);
                } else {
                    let h = (sy1 - sy0) / n;
                    sy0 += b * h;
                    sy1 = sy0 + h.saturating_sub(1);
                }
                let shade = 0.88 + hash(ci * 7 + b as u32, ri, 17) * 0.04;
                for y in sy0..sy1 {
                    for x in sx0..sx1 {
                        v[y * TOWN + x] = shade;
                    }
                }
            }
        }
    }
    let pixels = v
        .into_iter()
        .map(|m| {
            let c = (m * 255.0) as u8;
            Color32::from_rgb(c, c, c)
        })
        .collect();
    ColorImage::new([TOWN, TOWN], pixels)
}

/// The map's ground in `rect` (`corner` rounded), `ground` its colour: the town's blocks in it,
/// a pixel of the tile to two points.
pub fn town(p: &egui::Painter, rect: egui::Rect, corner: f32, ground: Color32) {
    let ctx = p.ctx();
    let id = egui::Id::new("haeju-town-tile");
    let tex = ctx.data(|d| d.get_temp::<TextureHandle>(id));
    let tex = tex.unwrap_or_else(|| {
        let options = TextureOptions {
            wrap_mode: egui::TextureWrapMode::Repeat,
            ..TextureOptions::NEAREST
        };
        let t = ctx.load_texture("haeju-town", town_tile(), options);
        ctx.data_mut(|d| d.insert_temp(id, t.clone()));
        t
    });
    let uv = egui::Rect::from_min_max(
        egui::pos2(0.0, 0.0),
        egui::pos2(
            rect.width() / (TOWN as f32 * TOWN_SCALE),
            rect.height() / (TOWN as f32 * TOWN_SCALE),
        ),
    );
    p.add(egui::epaint::RectShape::filled(rect, corner, ground).with_texture(tex.id(), uv));
}

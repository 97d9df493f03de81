//! The page's paper grain (issue 35: "texture on the play screens, as on the title"): a small
//! tile of fibres and specks, made here once from a fixed seed (no file, nothing fetched),
//! laid over the page's colour under everything else, one quad a frame. Not on the high-
//! contrast theme's white, and not where a screen's picture covers the page (the street map:
//! its frame budget has no room for another full-window pass on a software renderer).
//!
//! Also the town under the street map: Haeju's blocks seen from above, laid out once from the
//! same hashes and drawn as plain shapes (a textured quad of them drew the browser's map 15 %
//! slower: the game's shader skips the texture for plain shapes only).

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

/// The town's repeat, in points (as large as the map, or near it: few blocks to draw).
const TOWN: f32 = 512.0;

/// Splits `len` points into spans of `least` to `least + spread` (the last takes what is
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

/// The town's blocks seen from above in one repeat of `TOWN` points, each a shade darker
/// than the streets between them (a multiplier of the ground's colour), one in eight an
/// open yard or square, lighter. One rectangle a block: the browser's map drawn frame after
/// frame on a software renderer has room for about sixty more (a block cut into its
/// buildings, hundreds, drew it below half a bare clear's rate).
fn town_layout() -> &'static [(egui::Rect, f32)] {
    static LAYOUT: std::sync::OnceLock<Vec<(egui::Rect, f32)>> = std::sync::OnceLock::new();
    LAYOUT.get_or_init(|| {
        let len = TOWN as usize;
        let cols = spans(len, 70, 70, 11);
        let rows = spans(len, 52, 56, 12);
        let street = |i: u32, k: u32| 7.0 + (hash(i, 7, k) * 5.0).floor();
        let mut blocks = Vec::new();
        for (ci, &x0) in cols.iter().enumerate() {
            let x1 = cols.get(ci + 1).copied().unwrap_or(len) as f32;
            for (ri, &y0) in rows.iter().enumerate() {
                let y1 = rows.get(ri + 1).copied().unwrap_or(len) as f32;
                let (ci, ri) = (ci as u32, ri as u32);
                let block = egui::Rect::from_min_max(
                    egui::pos2(x0 as f32 + street(ci, 13), y0 as f32 + street(ri, 14)),
                    egui::pos2(x1, y1),
                );
                let shade = if hash(ci, ri, 15) < 0.12 {
                    0.965
                } else {
                    0.9 + hash(ci, ri, 17) * 0.035
                };
                blocks.push((block, shade));
            }
        }
        blocks
    })
}

/// The town's blocks over the street map's `ground` in `rect` (inside its rounded corners),
/// in one mesh of plain quads.
pub fn town(p: &egui::Painter, rect: egui::Rect, ground: Color32) {
    let area = rect.shrink(4.0);
    let mut mesh = egui::Mesh::default();
    let (tx, ty) = (
        (area.width() / TOWN).ceil() as i32,
        (area.height() / TOWN).ceil() as i32,
    );
    let tint = |m: f32| {
        let [r, g, b, _] = ground.to_array();
        let k = |c: u8| (c as f32 * m) as u8;
        Color32::from_rgb(k(r), k(g), k(b))
    };
    for j in 0..ty {
        for i in 0..tx {
            let at = area.min.to_vec2() + egui::vec2(i as f32, j as f32) * TOWN;
            for &(block, shade) in town_layout() {
                let block = block.translate(at).intersect(area);
                if block.is_positive() {
                    mesh.add_colored_rect(block, tint(shade));
                }
            }
        }
    }
    p.add(egui::Shape::mesh(mesh));
}

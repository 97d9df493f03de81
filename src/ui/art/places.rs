//! Places: the bay and the town on the map, each kind of place as a sketch and as the back
//! of a scene, each level's street in its season.

use super::*;

pub const CONCRETE: Color32 = Color32::from_rgb(170, 164, 152);
pub const BAY: Color32 = Color32::from_rgb(132, 162, 180);
pub const ROOF: Color32 = Color32::from_rgb(150, 84, 62);

/// The bay: the sea below a coastline running across the map (fractions of its height at
/// each tenth of its width), drawn as vertical strips so that a bent coast fills right.
pub fn bay(p: &Painter, r: Rect, coast: &[f32], water: Color32) {
    // One mesh (no seams between its pieces), its coastline smoothed by a line on top.
    let line = silhouette(p, r, coast, water);
    p.add(Shape::line(line, Stroke::new(1.5, water)));
    // A few strokes of water.
    for (fx, fy) in [(0.15, 0.96), (0.45, 0.95), (0.75, 0.94), (0.9, 0.9)] {
        let c = pos2(r.left() + r.width() * fx, r.top() + r.height() * fy);
        p.line_segment(
            [c - vec2(12.0, 0.0), c + vec2(12.0, 0.0)],
            Stroke::new(1.5, Color32::from_rgb(164, 190, 204)),
        );
    }
}

/// A shape filled from an edge down to the foot of `r`, as one mesh of vertical strips (no
/// seams, and a bent edge fills right): `tops` are the edge's heights, as fractions of `r`'s
/// height from its top, at evenly spaced points across it. Returns the edge's points. The
/// bay below its coast, a range of mountains.
pub fn silhouette(p: &Painter, r: Rect, tops: &[f32], color: Color32) -> Vec<Pos2> {
    let n = tops.len().saturating_sub(1).max(1) as f32;
    let mut mesh = egui::Mesh::default();
    let mut edge = Vec::new();
    for (i, &f) in tops.iter().enumerate() {
        let x = r.left() + r.width() * i as f32 / n;
        let top = pos2(x, r.top() + r.height() * f);
        edge.push(top);
        mesh.colored_vertex(top, color);
        mesh.colored_vertex(pos2(x, r.bottom()), color);
        if i > 0 {
            let k = 2 * i as u32;
            mesh.add_triangle(k - 2, k - 1, k);
            mesh.add_triangle(k - 1, k + 1, k);
        }
    }
    p.add(Shape::mesh(mesh));
    edge
}

/// A small window grid on a block.
fn windows(p: &Painter, b: Rect, cols: usize, rows: usize) {
    for i in 0..cols {
        for j in 0..rows {
            let w = Rect::from_min_size(
                pos2(
                    b.left() + 3.0 + i as f32 * (b.width() - 6.0) / cols as f32,
                    b.top() + 3.0 + j as f32 * (b.height() - 6.0) / rows as f32,
                ),
                vec2(3.0, 3.0),
            );
            p.rect_filled(w, 0.0, Color32::from_rgb(228, 222, 206));
        }
    }
}

/// A block of flats standing on `base`, from `x`, `w` wide and `h` tall.
fn block(p: &Painter, base: f32, x: f32, w: f32, h: f32) {
    let b = Rect::from_min_max(pos2(x, base - h), pos2(x + w, base));
    p.rect_filled(b, 1.0, CONCRETE);
    windows(p, b, (w / 7.0) as usize, (h / 7.0) as usize);
}

/// A pitched roof from `x`, `w` wide, its eaves at `y`.
fn roof(p: &Painter, x: f32, w: f32, y: f32, color: Color32) {
    fill(
        p,
        vec![pos2(x, y), pos2(x + w / 2.0, y - w * 0.35), pos2(x + w, y)],
        color,
    );
}

/// The port: a crane over the quay, a box on its hook.
fn crane(p: &Painter, c: Pos2, base: f32) {
    let color = Color32::from_rgb(96, 92, 86);
    harbour_crane(p, pos2(c.x + 6.0, base), 26.0, color);
    rect(
        p,
        pos2(c.x - 30.0, base - 5.0),
        pos2(c.x - 6.0, base),
        1.0,
        Color32::from_rgb(120, 70, 60),
    );
}

/// A harbour crane standing at `foot`, `h` tall to its cab: a braced portal on the quay,
/// the cab, its boom raised up and out to the left with a box on the hook, a counterweight
/// behind (a boom at an angle and a load: a horizontal beam with a hanging line read as a
/// gallows).
pub(crate) fn harbour_crane(p: &Painter, foot: Pos2, h: f32, color: Color32) {
    let w = (h * 0.07).max(1.2);
    let s = Stroke::new(w, color);
    let thin = Stroke::new((w * 0.6).max(1.0), color);
    let at = |x: f32, y: f32| pos2(foot.x + x * h, foot.y - y * h);
    // The portal: two legs narrowing upward, braced across.
    let (bl, br, tl, tr) = (at(-0.26, 0.0), at(0.26, 0.0), at(-0.1, 0.62), at(0.1, 0.62));
    p.line_segment([bl, tl], s);
    p.line_segment([br, tr], s);
    p.line_segment([bl, tr], thin);
    p.line_segment([br, tl], thin);
    p.line_segment([at(-0.18, 0.3), at(0.18, 0.3)], thin);
    // The cab on top.
    p.rect_filled(
        Rect::from_two_pos(at(-0.15, 0.6), at(0.15, 0.78)),
        1.0,
        color,
    );
    // The boom, raised, and its stay to the top of the cab's mast.
    let tip = at(-0.95, 1.22);
    p.line_segment([at(-0.05, 0.72), tip], s);
    p.line_segment([at(0.0, 0.98), tip], thin);
    p.line_segment([at(0.0, 0.78), at(0.0, 0.98)], s);
    // Behind: the short jib and its counterweight.
    p.line_segment([at(0.0, 0.98), at(0.36, 0.8)], thin);
    p.rect_filled(
        Rect::from_two_pos(at(0.2, 0.72), at(0.38, 0.86)),
        1.0,
        color,
    );
    // The cable down from the tip, and a box on the hook.
    let hook = pos2(tip.x, foot.y - h * 0.5);
    p.line_segment([tip, hook], thin);
    p.rect_filled(
        Rect::from_two_pos(hook + vec2(-h * 0.14, 0.0), hook + vec2(h * 0.14, h * 0.14)),
        1.0,
        Color32::from_rgb(70, 100, 130).lerp_to_gamma(color, 0.3),
    );
}

/// A small drawing of a place, above its dot at `c` (the name goes below): blocks for home
/// and the main street, the market's rust roofs, stalls in the alley, the station's long
/// roof, the port's crane, the wholesaler's shed, the repair kiosk, the cadre's house.
pub fn place_sketch(p: &Painter, c: Pos2, kind: crate::rules::PlaceKind) {
    use crate::rules::PlaceKind as K;
    let base = c.y - 14.0;
    match kind {
        K::Home => block(p, base, c.x - 14.0, 28.0, 30.0),
        K::Street => {
            block(p, base, c.x - 30.0, 22.0, 34.0);
            block(p, base, c.x + 8.0, 22.0, 26.0);
        }
        K::Market => {
            for i in 0..3 {
                let x = c.x - 30.0 + i as f32 * 20.0;
                rect(
                    p,
                    pos2(x + 2.0, base - 10.0),
                    pos2(x + 18.0, base),
                    0.0,
                    Color32::from_rgb(196, 180, 150),
                );
                roof(p, x, 20.0, base - 10.0, ROOF);
            }
        }
        K::Alley => {
            for (i, col) in [Color32::from_rgb(90, 110, 130), ROOF]
                .into_iter()
                .enumerate()
            {
                let x = c.x - 20.0 + i as f32 * 22.0;
                rect(
                    p,
                    pos2(x, base - 12.0),
                    pos2(x + 18.0, base - 8.0),
                    1.0,
                    col,
                );
                p.line_segment(
                    [pos2(x + 1.0, base - 8.0), pos2(x + 1.0, base)],
                    Stroke::new(1.0, WOOD),
                );
                p.line_segment(
                    [pos2(x + 17.0, base - 8.0), pos2(x + 17.0, base)],
                    Stroke::new(1.0, WOOD),
                );
            }
        }
        K::Station => {
            let b = Rect::from_min_max(pos2(c.x - 32.0, base - 14.0), pos2(c.x + 32.0, base));
            p.rect_filled(b, 1.0, CONCRETE);
            rect(
                p,
                pos2(b.left() - 3.0, b.top() - 4.0),
                pos2(b.right() + 3.0, b.top()),
                0.0,
                Color32::from_rgb(110, 104, 96),
            );
            windows(p, b, 8, 1);
        }
        K::Port => crane(p, c, base),
        K::Wholesale => {
            let b = Rect::from_min_max(pos2(c.x - 22.0, base - 14.0), pos2(c.x + 22.0, base));
            p.rect_filled(b, 1.0, Color32::from_rgb(150, 140, 120));
            dome(
                p,
                pos2(c.x, b.top()),
                vec2(22.0, 8.0),
                Color32::from_rgb(120, 112, 100),
            );
            rect(
                p,
                pos2(c.x - 6.0, base - 9.0),
                pos2(c.x + 6.0, base),
                0.0,
                Color32::from_rgb(90, 80, 70),
            );
        }
        K::RepairStall => {
            let b = Rect::from_min_max(pos2(c.x - 9.0, base - 14.0), pos2(c.x + 9.0, base));
            p.rect_filled(b, 1.0, Color32::from_rgb(196, 186, 164));
            rect(
                p,
                pos2(b.left() - 4.0, b.top() - 3.0),
                pos2(b.right() + 4.0, b.top() + 3.0),
                1.0,
                Color32::from_rgb(70, 100, 130),
            );
        }
        K::CadreHouse => {
            let b = Rect::from_min_max(pos2(c.x - 16.0, base - 14.0), pos2(c.x + 16.0, base));
            p.rect_filled(b, 0.0, Color32::from_rgb(226, 220, 204));
            roof(p, c.x - 20.0, 40.0, b.top(), ROOF);
            // The wall round it, and a tree.
            p.line_segment(
                [pos2(c.x - 26.0, base), pos2(c.x + 26.0, base)],
                Stroke::new(3.0, Color32::from_rgb(190, 182, 166)),
            );
            // (Its trunk down to the wall: a crown alone floated beside the house.)
            p.line_segment(
                [pos2(c.x + 24.0, base), pos2(c.x + 24.0, base - 12.0)],
                Stroke::new(2.5, Color32::from_rgb(110, 84, 60)),
            );
            p.circle_filled(
                pos2(c.x + 24.0, base - 16.0),
                7.0,
                Color32::from_rgb(104, 128, 88),
            );
        }
    }
}

/// Paints what `draw` paints, scaled by `k` about `origin`: the map's small sketches shown
/// large, from the same drawing (egui transforms the shapes; strokes scale with them).
pub fn scaled(p: &Painter, origin: Pos2, k: f32, draw: impl FnOnce(&Painter)) {
    let t = egui::emath::TSTransform::new(origin.to_vec2() * (1.0 - k), k);
    let (ctx, layer) = (p.ctx().clone(), p.layer_id());
    let start = ctx.graphics_mut(|g| g.entry(layer).next_idx());
    // The clip rectangle is transformed with the shapes: give them its inverse.
    let mut inner = p.clone();
    inner.set_clip_rect(t.inverse().mul_rect(p.clip_rect()));
    draw(&inner);
    ctx.graphics_mut(|g| {
        let list = g.entry(layer);
        let end = list.next_idx();
        list.transform_range(start, end, t);
    });
}

/// A place as the back of a scene in the light of the hour: the sky, the town's blocks or
/// the bay behind (windows lit at dusk), the ground, and the place's own drawing, large, at
/// `x` (a fraction of the width).
pub(super) fn place_backdrop(
    p: &Painter,
    r: Rect,
    kind: crate::rules::PlaceKind,
    x: Option<f32>,
    light: Light,
) {
    use crate::rules::PlaceKind as K;
    let ground = r.top() + r.height() * 0.8;
    scene_sky(p, r, ground, light);
    // Behind: the bay for the port and the wholesaler's yard by it, pale blocks elsewhere.
    if matches!(kind, K::Port | K::Wholesale) {
        let far = r.top() + r.height() * 0.55;
        p.rect_filled(
            Rect::from_min_max(pos2(r.left(), far), pos2(r.right(), ground)),
            0.0,
            light.tint(BAY),
        );
        for i in 0..6 {
            let x = r.left() + r.width() * (0.1 + 0.15 * i as f32);
            let y = far + 8.0 + (i % 3) as f32 * 9.0;
            p.line_segment(
                [pos2(x, y), pos2(x + 18.0, y)],
                Stroke::new(1.5, light.tint(Color32::from_rgb(168, 192, 204))),
            );
        }
    } else {
        // Haeju's apartment blocks, far off: pale, flat-roofed, rows of small windows (a
        // few lit at dusk).
        let (pale, pane) = (
            light.tint(Color32::from_rgb(200, 204, 202)),
            light.tint(Color32::from_rgb(188, 192, 192)),
        );
        let lit = Color32::from_rgb(236, 196, 110);
        let mut x = r.left() + 6.0;
        let mut i = 0;
        while x < r.right() {
            let w = 46.0 + (i * 17 % 23) as f32;
            let h = r.height() * (0.3 + (i * 7 % 4) as f32 * 0.05);
            let b = Rect::from_min_max(pos2(x, ground - h), pos2(x + w, ground));
            p.rect_filled(b, 0.0, pale);
            let mut y = b.top() + 6.0;
            let mut k = i * 5;
            while y < ground - 8.0 {
                let mut wx = b.left() + 5.0;
                while wx < b.right() - 6.0 {
                    let on = light.lamps() && k % 7 == 3;
                    p.rect_filled(
                        Rect::from_min_size(pos2(wx, y), vec2(4.0, 3.0)),
                        0.0,
                        if on { lit } else { pane },
                    );
                    wx += 9.0;
                    k += 1;
                }
                y += 9.0;
            }
            x += w + 14.0 + (i * 13 % 11) as f32;
            i += 1;
        }
    }
    let floor = if kind == K::Port {
        Color32::from_rgb(120, 116, 110)
    } else {
        CONCRETE
    };
    ground_band(p, r, ground, 8, light.tint(floor));
    // The place, drawn by its map sketch (about 60 points tall) at the scene's scale.
    if let Some(x) = x {
        let k = (r.height() * 0.62 / 40.0).max(1.0);
        let at = pos2(r.left() + r.width() * x, ground);
        scaled(p, at, k, |q| place_sketch(q, pos2(at.x, at.y + 14.0), kind));
    }
}

/// A level's picture on its card: Haeju's street in the season of its first day (`month`,
/// 1–12) — a tree in blossom in spring, snow on the ground and falling in winter — in
/// `light`.
pub fn level_picture(p: &Painter, r: Rect, month: u32, light: Light) {
    let p = &p.with_clip_rect(r);
    place_backdrop(p, r, crate::rules::PlaceKind::Street, Some(0.6), light);
    let ground = r.top() + r.height() * 0.8;
    match month {
        3..=5 => {
            // A tree in blossom.
            let x = r.left() + r.width() * 0.2;
            rect(
                p,
                pos2(x - 2.0, ground - r.height() * 0.35),
                pos2(x + 2.0, ground),
                0.0,
                WOOD,
            );
            for (dx, dy, k) in [(0.0, 0.45, 0.16), (-0.08, 0.38, 0.12), (0.08, 0.36, 0.13)] {
                p.circle_filled(
                    pos2(x + dx * r.width(), ground - dy * r.height()),
                    k * r.height(),
                    Color32::from_rgb(236, 190, 200),
                );
            }
        }
        11 | 12 | 1 | 2 => {
            // Snow lying and falling.
            ground_band(p, r, ground, 6, Color32::from_rgb(238, 240, 244));
            for i in 0..40u32 {
                let fx = ((i * 37) % 100) as f32 / 100.0;
                let fy = ((i * 61) % 80) as f32 / 100.0;
                p.circle_filled(
                    pos2(r.left() + fx * r.width(), r.top() + fy * r.height()),
                    1.6,
                    Color32::from_white_alpha(230),
                );
            }
        }
        _ => {}
    }
}

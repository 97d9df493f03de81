//! What the tour measures on each screenshot: where egui drew each glyph and in what colour
//! (for the contrast tests), the glyphs cut at the side of their panel, and any choice a
//! sound's caption covers.

use crate::screens;
use bevy::prelude::*;
use std::path::PathBuf;

#[derive(Resource)]
pub(super) struct GlyphsTo(pub(super) PathBuf);

/// Where egui drew each glyph of the screen, in the screenshot's pixels, and in what colour:
/// `x0 y0 x1 y1 r g b a` a line (the glyph's line box; the colour premultiplied, as egui
/// paints it). With the screenshot, a test measures each text's contrast against what is
/// really behind it (`tests/tour.rs`). Read from the frame's shapes before egui turns them
/// into meshes (pictures' small circles are textured like glyphs there).
pub(super) fn write_glyphs(world: &mut World) {
    use bevy_egui::egui::{Color32, Shape};
    let Some(GlyphsTo(path)) = world.remove_resource::<GlyphsTo>() else {
        return;
    };
    use bevy_egui::egui::Rect;
    // Glyphs in paint order, and the opaque boxes painted after them (a caption over a
    // button, a scroll bar): a glyph under a later box is not wholly seen, and not measured.
    struct Seen {
        glyphs: Vec<(Rect, Color32, usize)>,
        boxes: Vec<(Rect, usize)>,
        n: usize,
        /// Glyphs cut at the side of their panel: text that runs past it.
        cut: String,
    }
    fn walk(shape: &Shape, clip: Rect, seen: &mut Seen) {
        seen.n += 1;
        match shape {
            Shape::Vec(v) => v.iter().for_each(|s| walk(s, clip, seen)),
            Shape::Rect(r) if r.fill.a() >= 200 => {
                seen.boxes.push((r.rect.intersect(clip), seen.n));
            }
            Shape::Text(t) => {
                for row in &t.galley.rows {
                    for g in &row.row.glyphs {
                        if g.chr.is_whitespace() {
                            continue;
                        }
                        // A glyph cut by its clip (text scrolled half out of view) is left
                        // out: only whole glyphs are read. One past the side of its clip is
                        // cut, wherever it is up or down (text scrolled out of view above or
                        // below is only scrolled: the screens scroll up and down, never
                        // sideways, so everything is reached by scrolling).
                        let r = g
                            .logical_rect()
                            .translate(row.pos.to_vec2() + t.pos.to_vec2());
                        if !clip.contains_rect(r) {
                            if r.min.x < clip.min.x - 0.5 || r.max.x > clip.max.x + 0.5 {
                                seen.cut += &format!("{}\t{}\n", g.chr, row.row.text());
                            }
                            continue;
                        }
                        let mut c = row
                            .row
                            .visuals
                            .mesh
                            .vertices
                            .get(g.first_vertex as usize)
                            .map_or(t.fallback_color, |v| v.color);
                        if let Some(o) = t.override_text_color {
                            c = o;
                        } else if c == Color32::PLACEHOLDER {
                            c = t.fallback_color;
                        }
                        if t.opacity_factor < 1.0 {
                            c = c.gamma_multiply(t.opacity_factor);
                        }
                        seen.glyphs.push((r, c, seen.n));
                    }
                }
            }
            _ => {}
        }
    }
    let mut q = world.query::<&bevy_egui::EguiFullOutput>();
    let mut text = String::new();
    for out in q.iter(world) {
        let Some(full) = &out.0 else { continue };
        let mut seen = Seen {
            glyphs: Vec::new(),
            boxes: Vec::new(),
            n: 0,
            cut: String::new(),
        };
        for cs in &full.shapes {
            walk(&cs.shape, cs.clip_rect, &mut seen);
        }
        let ppp = full.pixels_per_point;
        if !seen.cut.is_empty() {
            let _ = std::fs::write(path.with_extension("cut"), &seen.cut);
        }
        for (r, c, at) in &seen.glyphs {
            if seen.boxes.iter().any(|(b, n)| n > at && b.intersects(*r)) {
                continue;
            }
            text += &format!(
                "{:.0} {:.0} {:.0} {:.0} {} {} {} {}\n",
                r.min.x * ppp,
                r.min.y * ppp,
                r.max.x * ppp,
                r.max.y * ppp,
                c.r(),
                c.g(),
                c.b(),
                c.a()
            );
        }
    }
    if let Err(e) = std::fs::write(&path, text) {
        eprintln!("tour: cannot write {}: {e}", path.display());
    }
    captions_cover(world, &path);
}

/// A sound's caption on screen covers no choice (issue 31, point 15): every enabled widget
/// that can be clicked, under the captions' place, is written to `<step>.covered` (its
/// rectangle in points), for the tour's tests to refuse.
fn captions_cover(world: &mut World, path: &std::path::Path) {
    use bevy_egui::egui::Id;
    if world
        .get_resource::<crate::sound::Heard>()
        .is_none_or(|h| h.captions.is_empty())
        || *world.resource::<State<screens::Overlay>>().get() != screens::Overlay::None
    {
        return;
    }
    let mut q = world.query::<&mut bevy_egui::EguiContext>();
    let Some(ctx) = q.iter_mut(world).next().map(|mut c| c.get_mut().clone()) else {
        return;
    };
    let id = Id::new("captions");
    let Some(caption) = ctx.memory(|m| m.area_rect(id)) else {
        return;
    };
    let covered: Vec<String> = ctx.viewport(|vp| {
        vp.prev_pass
            .widgets
            .layers()
            .filter(|(layer, _)| layer.id != id)
            .flat_map(|(_, ws)| ws.iter())
            .filter(|w| w.enabled && w.sense.senses_click() && w.interact_rect.intersects(caption))
            .map(|w| format!("{:?} under the caption at {caption:?}", w.interact_rect))
            .collect()
    });
    if !covered.is_empty() {
        let _ = std::fs::write(path.with_extension("covered"), covered.join("\n"));
    }
}

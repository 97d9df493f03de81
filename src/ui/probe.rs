//! The glyph probe (`tour --glyph-probe` on the desktop, `?probe` in the browser): one
//! Korean line, light on the phone's dark ground as its messages are, drawn by the real
//! renderer at four moments, for the tests that find every copy the same, ink for ink
//! (issue 30):
//!
//! 0. the font atlas grown by Latin letters at many sizes, the line not yet drawn;
//! 1. the line drawn: its glyphs reach the atlas by a partial update (the atlas keeps its
//!    size, so only the new glyphs are sent);
//! 2. more glyphs laid out until the atlas grows, which sends it whole again;
//! 3. the size doubled (UI scale 2) and the line drawn at half the size, so that it covers
//!    the same pixels.
//!
//! Space (or the tour) goes to the next moment. The page's `data-message` (and the
//! desktop's standard output) says the moment and the atlas's size.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

/// The line: syllables the review saw drawn unevenly in the phone's bubbles.
pub const LINE: &str = "값이 괜찮으면 강냉이 도매 박씨";
/// Its size and where it is drawn, in the window's pixels (at UI scale 1, one point is one
/// pixel in the tests' 1280×720 window).
pub const SIZE: f32 = 32.0;
pub const AT: [f32; 2] = [80.0, 300.0];
/// The box the tests measure the ink in (x0, y0, x1, y1 in pixels): the line and its margin.
pub const BOX: [u32; 4] = [60, 280, 760, 360];
/// The ground and the ink (the phone's own colours).
pub const GROUND: egui::Color32 = egui::Color32::from_rgb(22, 24, 28);
pub const INK: egui::Color32 = egui::Color32::from_rgb(232, 232, 232);

#[derive(Resource, Default)]
pub struct Probe {
    pub phase: u8,
    /// The atlas's height when moment 2 began: it has grown when it is taller.
    grown_from: Option<usize>,
    said: String,
}

pub fn plugin(app: &mut App) {
    app.init_resource::<Probe>()
        .insert_resource(ClearColor(Color::srgb_u8(
            GROUND.r(),
            GROUND.g(),
            GROUND.b(),
        )))
        .add_plugins(super::fonts)
        .add_systems(bevy_egui::EguiPrimaryContextPass, draw);
}

/// Lays out `text` at sizes from `from` up, a size at a time, until the atlas is at least
/// `height` tall (each size is a new set of glyphs for the atlas).
fn grow_atlas(ctx: &egui::Context, text: &str, from: f32, height: usize) {
    let mut size = from;
    while ctx.fonts(|f| f.font_image_size()[1]) < height && size < 400.0 {
        ctx.fonts_mut(|f| {
            f.layout_no_wrap(text.into(), egui::FontId::proportional(size), INK);
        });
        size += 1.0;
    }
}

fn draw(
    mut contexts: EguiContexts,
    mut probe: ResMut<Probe>,
    keys: Res<ButtonInput<KeyCode>>,
    mut page: ResMut<crate::platform::Page>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    if keys.just_pressed(KeyCode::Space) && probe.phase < 3 {
        probe.phase += 1;
    }
    let phase = probe.phase;
    ctx.set_zoom_factor(if phase == 3 { 2.0 } else { 1.0 });
    match phase {
        // Room for the line without growing: the atlas at 512 pixels, its rows filled to
        // a little over half.
        0 => grow_atlas(&ctx, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", 12.0, 512),
        2 => {
            let from = *probe
                .grown_from
                .get_or_insert(ctx.fonts(|f| f.font_image_size()[1]));
            grow_atlas(&ctx, "abcdefghijklmnopqrstuvwxyz0123456789", 12.0, from + 1);
        }
        _ => {}
    }
    let ppp = ctx.pixels_per_point();
    let [w, h] = ctx.fonts(|f| f.font_image_size());
    let mut root = super::root(&ctx);
    egui::CentralPanel::default()
        .frame(egui::Frame::NONE)
        .show(&mut root, |ui| {
            let p = ui.painter();
            p.text(
                egui::pos2(80.0 / ppp, 80.0 / ppp),
                egui::Align2::LEFT_TOP,
                format!("Glyph probe: moment {phase} of 3, atlas {w}x{h} (Space: next)"),
                egui::FontId::proportional(18.0 / ppp),
                INK,
            );
            if phase > 0 {
                p.text(
                    egui::pos2(AT[0] / ppp, AT[1] / ppp),
                    egui::Align2::LEFT_TOP,
                    LINE,
                    egui::FontId::proportional(SIZE / ppp),
                    INK,
                );
            }
        });
    let said = format!("phase {phase} atlas {w}x{h} scale {ppp}");
    if said != probe.said {
        // (The browser has no standard output: the page's message says it there.)
        println!("glyph probe: {said}");
        page.screen = "Probe".into();
        page.ready = true;
        page.message = said.clone();
        probe.said = said;
    }
    Ok(())
}

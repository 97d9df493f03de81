//! The two palettes (paper and high contrast) and the one in use, kept in egui's context:
//! the colours the screens draw text and marks with, and egui's own colours for each.

use bevy_egui::egui::{self, Color32};

/// The two themes' colours for text and what text sits on. The paper theme is the game's
/// look; the high-contrast theme (Settings, issue 16) puts every text at 7:1 or more against
/// what it is drawn on (black on white paper, white on the black phone; the risk colours
/// darkened on paper, lightened on the phone). Pictures keep their own colours.
pub(super) struct Palette {
    pub(super) paper: Color32,
    pub(super) ink: Color32,
    pub(super) dim: Color32,
    pub(super) red: Color32,
    pub(super) blue: Color32,
    pub(super) green: Color32,
    pub(super) amber: Color32,
    pub(super) phone_bg: Color32,
    pub(super) phone_text: Color32,
    pub(super) warn: Color32,
    /// What the inspectors found, on the phone (over the selection's blue too).
    pub(super) found: Color32,
    /// The phone's selected item.
    pub(super) select: Color32,
}

pub(super) const PAPER_THEME: Palette = Palette {
    paper: Color32::from_rgb(236, 229, 212),
    ink: Color32::from_rgb(34, 32, 30),
    dim: Color32::from_rgb(96, 90, 82),
    red: Color32::from_rgb(176, 38, 38),
    blue: Color32::from_rgb(46, 82, 150),
    green: Color32::from_rgb(46, 120, 70),
    amber: Color32::from_rgb(196, 132, 30),
    phone_bg: Color32::from_rgb(22, 24, 28),
    phone_text: Color32::from_rgb(232, 232, 232),
    warn: Color32::from_rgb(255, 168, 110),
    found: Color32::from_rgb(255, 132, 132),
    select: Color32::from_rgb(32, 48, 84),
};

pub(super) const HIGH_CONTRAST: Palette = Palette {
    paper: Color32::from_rgb(255, 255, 255),
    ink: Color32::from_rgb(0, 0, 0),
    dim: Color32::from_rgb(38, 38, 38),
    red: Color32::from_rgb(150, 0, 0),
    blue: Color32::from_rgb(0, 40, 140),
    green: Color32::from_rgb(0, 90, 30),
    amber: Color32::from_rgb(110, 60, 0),
    phone_bg: Color32::from_rgb(0, 0, 0),
    phone_text: Color32::from_rgb(255, 255, 255),
    warn: Color32::from_rgb(255, 205, 150),
    found: Color32::from_rgb(255, 160, 160),
    select: Color32::from_rgb(0, 0, 0),
};

/// Anything drawn in an egui context, where the palette in use is read: a `Ui`, a
/// `Painter` or the `Context` itself.
pub trait Drawn {
    fn egui_ctx(&self) -> &egui::Context;
}
impl Drawn for egui::Ui {
    fn egui_ctx(&self) -> &egui::Context {
        self.ctx()
    }
}
impl Drawn for egui::Painter {
    fn egui_ctx(&self) -> &egui::Context {
        self.ctx()
    }
}
impl Drawn for egui::Context {
    fn egui_ctx(&self) -> &egui::Context {
        self
    }
}

/// Where the theme in use is kept: egui's context, beside the key map (no process-wide
/// static), so that two contexts (the window and a test's) never see each other's.
fn theme_id() -> egui::Id {
    egui::Id::new("haeju-theme-high-contrast")
}

/// Whether the high-contrast palette is in use in this context ([`apply_theme`] sets it).
pub fn high_contrast(ctx: &egui::Context) -> bool {
    ctx.data(|d| d.get_temp::<bool>(theme_id()).unwrap_or(false))
}

fn palette(at: &(impl Drawn + ?Sized)) -> &'static Palette {
    if high_contrast(at.egui_ctx()) {
        &HIGH_CONTRAST
    } else {
        &PAPER_THEME
    }
}

/// The paper of one theme or the other (the window's clear colour).
pub fn paper_of(high: bool) -> Color32 {
    if high {
        HIGH_CONTRAST.paper
    } else {
        PAPER_THEME.paper
    }
}
pub fn paper(at: &(impl Drawn + ?Sized)) -> Color32 {
    palette(at).paper
}
pub fn ink(at: &(impl Drawn + ?Sized)) -> Color32 {
    palette(at).ink
}
pub fn dim(at: &(impl Drawn + ?Sized)) -> Color32 {
    palette(at).dim
}
pub fn red(at: &(impl Drawn + ?Sized)) -> Color32 {
    palette(at).red
}
pub fn blue(at: &(impl Drawn + ?Sized)) -> Color32 {
    palette(at).blue
}
pub fn green(at: &(impl Drawn + ?Sized)) -> Color32 {
    palette(at).green
}
pub fn amber(at: &(impl Drawn + ?Sized)) -> Color32 {
    palette(at).amber
}
pub fn phone_bg(at: &(impl Drawn + ?Sized)) -> Color32 {
    palette(at).phone_bg
}
pub fn phone_text(at: &(impl Drawn + ?Sized)) -> Color32 {
    palette(at).phone_text
}
pub fn warn(at: &(impl Drawn + ?Sized)) -> Color32 {
    palette(at).warn
}
pub fn found(at: &(impl Drawn + ?Sized)) -> Color32 {
    palette(at).found
}
pub fn select(at: &(impl Drawn + ?Sized)) -> Color32 {
    palette(at).select
}

/// Switches the theme: the palette the screens draw with and egui's colours.
pub fn apply_theme(ctx: &egui::Context, high: bool) {
    if high == high_contrast(ctx) {
        return;
    }
    ctx.data_mut(|d| d.insert_temp(theme_id(), high));
    let mut style = (*ctx.global_style()).clone();
    let light = egui::Visuals::light();
    style.visuals.widgets = light.widgets;
    apply_theme_to(&mut style.visuals, high);
    ctx.set_global_style(style);
}

/// egui's own colours for the palette in use: the windows, the text, the weak text (which
/// egui otherwise fades), the buttons' edges.
pub(super) fn apply_theme_to(v: &mut egui::Visuals, high: bool) {
    let ink = if high {
        HIGH_CONTRAST.ink
    } else {
        PAPER_THEME.ink
    };
    v.window_fill = if high {
        Color32::WHITE
    } else {
        Color32::from_rgb(246, 241, 230)
    };
    v.override_text_color = Some(ink);
    v.weak_text_color = high.then_some(ink);
    let edge = if high {
        Color32::BLACK
    } else {
        Color32::from_gray(160)
    };
    for w in [
        &mut v.widgets.inactive,
        &mut v.widgets.hovered,
        &mut v.widgets.active,
    ] {
        if high {
            w.bg_stroke = egui::Stroke::new(1.5, edge);
            w.fg_stroke.color = Color32::BLACK;
        }
    }
    if !high {
        // Buttons as paper tags with an ink edge (issue 35: egui's grey pills read as a
        // settings page): a shade darker than the page, a thin warm-brown edge, a firmer edge
        // under the pointer or the key.
        let tag = [
            (
                &mut v.widgets.inactive,
                Color32::from_rgb(226, 216, 192),
                150,
            ),
            (
                &mut v.widgets.hovered,
                Color32::from_rgb(234, 224, 200),
                110,
            ),
            (&mut v.widgets.active, Color32::from_rgb(212, 198, 168), 90),
        ];
        for (w, fill, edge) in tag {
            w.weak_bg_fill = fill;
            w.bg_stroke = egui::Stroke::new(1.0, Color32::from_rgb(edge, edge - 14, edge - 36));
            w.corner_radius = egui::CornerRadius::same(4);
        }
        // A box that shows when it is not ticked.
        v.widgets.inactive.bg_fill = Color32::from_rgb(250, 247, 240);
        // What is chosen (the money to pay in, a setting) lit in ochre with ink letters, as
        // a stamp on the paper: egui's light blue read as a settings page's.
        v.selection.bg_fill = Color32::from_rgb(226, 196, 132);
        v.selection.stroke = egui::Stroke::new(1.0, ink);
    }
    v.disabled_alpha = if high { 0.7 } else { 0.5 };
    if high {
        v.selection.bg_fill = Color32::from_rgb(255, 226, 110);
        v.selection.stroke = egui::Stroke::new(1.5, Color32::BLACK);
        v.widgets.noninteractive.fg_stroke.color = Color32::BLACK;
        v.widgets.inactive.weak_bg_fill = Color32::from_gray(235);
        v.widgets.inactive.bg_fill = Color32::from_gray(235);
    }
}

#[cfg(test)]
mod theme_tests {
    use super::*;

    /// The theme is the context's: a window in high contrast and a second context (a test's,
    /// or the class view's own) never see each other's palette.
    #[test]
    fn the_theme_belongs_to_its_context() {
        let (window, other) = (egui::Context::default(), egui::Context::default());
        apply_theme(&window, true);
        assert!(high_contrast(&window) && !high_contrast(&other));
        assert_eq!(ink(&window), HIGH_CONTRAST.ink);
        assert_eq!(ink(&other), PAPER_THEME.ink);
        assert_eq!(
            window.global_style().visuals.override_text_color,
            Some(HIGH_CONTRAST.ink)
        );
        apply_theme(&window, false);
        assert_eq!(paper(&window), PAPER_THEME.paper);
        assert_eq!(
            window.global_style().visuals.override_text_color,
            Some(PAPER_THEME.ink)
        );
    }
}

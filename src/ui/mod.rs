//! The shared look: palette, type scale, fonts, and widgets every screen uses.

pub use crate::i18n;
pub mod art;
pub mod map;
pub mod phone;
pub mod reject;

use bevy_egui::egui::{self, Color32, RichText};
use std::sync::Arc;

/// Korean-capable font (NanumGothic, SIL OFL 1.1), subset to the characters the game
/// uses (`tools/subset-font.sh` regenerates it).
pub const FONT: &[u8] = include_bytes!("../../assets/fonts/NanumGothic-subset.ttf");

pub const PAPER: Color32 = Color32::from_rgb(236, 229, 212);
pub const INK: Color32 = Color32::from_rgb(34, 32, 30);
pub const DIM: Color32 = Color32::from_rgb(110, 104, 96);
pub const RED: Color32 = Color32::from_rgb(176, 38, 38);
pub const BLUE: Color32 = Color32::from_rgb(46, 82, 150);
pub const GREEN: Color32 = Color32::from_rgb(46, 120, 70);
pub const AMBER: Color32 = Color32::from_rgb(196, 132, 30);
pub const PHONE_BG: Color32 = Color32::from_rgb(22, 24, 28);
pub const PHONE_TEXT: Color32 = Color32::from_rgb(232, 232, 232);
pub const WARN: Color32 = Color32::from_rgb(255, 168, 110);

pub const H1: f32 = 30.0;
pub const H2: f32 = 21.0;
pub const BODY: f32 = 15.0;
pub const SMALL: f32 = 12.5;

/// The symbols NanumGothic lacks (⚠ ✉ ❤ from Noto Emoji, SIL OFL 1.1; 🗑 from egui's
/// emoji-icon-font, MIT), cut to those glyphs by `tools/subset-font.sh`. egui's own default
/// fonts are not compiled in.
pub const SYMBOL_FONTS: [(&str, &[u8]); 2] = [
    (
        "noto-symbols",
        include_bytes!("../../assets/fonts/NotoEmoji-symbols.ttf"),
    ),
    (
        "icon-symbols",
        include_bytes!("../../assets/fonts/emoji-icon-symbols.ttf"),
    ),
];

/// Replaces bevy_egui's shader with one that does its colour conversion per vertex instead
/// of per pixel (`ui/egui.wgsl` says why). Call after `EguiPlugin` is added.
pub fn install_egui_shader(app: &mut bevy::prelude::App) {
    use bevy::shader::Shader;
    let shader = Shader::from_wgsl(include_str!("egui.wgsl"), "haeju-trader/ui/egui.wgsl");
    let mut shaders = app
        .world_mut()
        .resource_mut::<bevy::prelude::Assets<Shader>>();
    let _ = shaders.insert(bevy_egui::render::EGUI_SHADER_HANDLE.id(), shader);
}

pub fn setup(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::empty();
    fonts
        .font_data
        .insert("nanum".into(), Arc::new(egui::FontData::from_static(FONT)));
    for (name, data) in SYMBOL_FONTS {
        fonts
            .font_data
            .insert(name.into(), Arc::new(egui::FontData::from_static(data)));
    }
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        let list = fonts.families.entry(family).or_default();
        list.push("nanum".into());
        list.extend(SYMBOL_FONTS.iter().map(|(name, _)| name.to_string()));
    }
    ctx.set_fonts(fonts);
    let mut style = (*ctx.global_style()).clone();
    style.visuals = egui::Visuals::light();
    // In the browser egui blends in gamma space (a plain surface, issue 14), where light text
    // on the phone's dark panel comes out thinner than on the desktop: glyph edges a little
    // more opaque keep it as legible, and dark text on the paper barely changes.
    #[cfg(target_arch = "wasm32")]
    {
        style.visuals.text_options.color_transfer_function =
            egui::epaint::FontColorTransferFunction::Gamma(0.8);
    }
    // The page's paper is the camera's clear colour (`app`): panels add no full-window fill
    // of their own, one pass fewer over every pixel on a software renderer.
    style.visuals.panel_fill = Color32::TRANSPARENT;
    style.visuals.window_fill = Color32::from_rgb(246, 241, 230);
    style.visuals.override_text_color = Some(INK);
    style.spacing.item_spacing = egui::vec2(8.0, 6.0);
    style.spacing.button_padding = egui::vec2(10.0, 5.0);
    for (ts, size) in [
        (egui::TextStyle::Heading, H2),
        (egui::TextStyle::Body, BODY),
        (egui::TextStyle::Button, BODY),
        (egui::TextStyle::Small, SMALL),
        (egui::TextStyle::Monospace, BODY),
    ] {
        style
            .text_styles
            .insert(ts, egui::FontId::proportional(size));
    }
    ctx.set_global_style(style);
}

/// The screen's title (a level-1 heading for a screen reader).
pub fn heading(ui: &mut egui::Ui, text: &str) {
    let r = ui.label(RichText::new(text).size(H1).strong());
    crate::access::heading(&r, 1);
}

/// A section's title (a level-2 heading).
pub fn subheading(ui: &mut egui::Ui, text: &str) {
    let r = ui.label(RichText::new(text).size(H2).strong());
    crate::access::heading(&r, 2);
}

/// A button labelled with its key; true when clicked or when the key is pressed (and no
/// text field has the keyboard).
pub fn key_button(ui: &mut egui::Ui, key: egui::Key, text: &str) -> bool {
    key_button_enabled(ui, key, text, true)
}

pub fn key_button_enabled(ui: &mut egui::Ui, key: egui::Key, text: &str, enabled: bool) -> bool {
    key_button_named(ui, key, text, enabled, None)
}

/// A key button whose name for a screen reader says more than its text (`[1] Buy` in the
/// rice row is "[1] Buy rice").
pub fn key_button_named(
    ui: &mut egui::Ui,
    key: egui::Key,
    text: &str,
    enabled: bool,
    name: Option<&str>,
) -> bool {
    let label = format!("[{}] {text}", key_name(key));
    let r = ui.add_enabled(enabled, egui::Button::new(label.as_str()));
    if let Some(name) = name {
        crate::access::name(
            &r,
            egui::WidgetType::Button,
            &format!("[{}] {name}", key_name(key)),
        );
    }
    let clicked = r.clicked();
    if clicked {
        // A clicked button keeps no keyboard focus: else Enter or Space would press it
        // again (Space also closes fact cards; Enter is each screen's own key).
        r.surrender_focus();
    }
    let pressed = enabled && pressed(ui.ctx(), key);
    clicked || pressed
}

pub fn pressed(ctx: &egui::Context, key: egui::Key) -> bool {
    !ctx.egui_wants_keyboard_input() && ctx.input(|i| i.key_pressed(key))
}

pub fn key_name(key: egui::Key) -> String {
    match key {
        egui::Key::Enter => "Enter".into(),
        egui::Key::Escape => "Esc".into(),
        k => k.symbol_or_name().to_string(),
    }
}

pub fn digit(n: usize) -> egui::Key {
    use egui::Key::*;
    [Num0, Num1, Num2, Num3, Num4, Num5, Num6, Num7, Num8, Num9][n.min(9)]
}

/// A full-window panel to draw a screen on.
pub fn root(ctx: &egui::Context) -> egui::Ui {
    egui::Ui::new(
        ctx.clone(),
        "root".into(),
        egui::UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(ctx.viewport_rect()),
    )
}
